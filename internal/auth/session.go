package auth

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Service implements authentication on top of the shared dependencies.
type Service struct {
	d *httpapi.Deps
}

// New returns the auth service.
func New(d *httpapi.Deps) *Service { return &Service{d: d} }

// touchEvery limits last_seen_at writes to one a minute per session
// (workspace requests check the session in httpapi with the same rule).
const touchEvery = httpapi.SessionTouchEvery

// Authenticate implements httpapi.Authenticator: a valid, unexpired
// session of an enabled user, or nil. Expired sessions are deleted.
func (s *Service) Authenticate(ctx context.Context, r *http.Request) (*httpapi.Principal, error) {
	c, err := r.Cookie(httpapi.SessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil, nil
	}
	hash := HashToken(c.Value)
	now := s.d.Now()
	var p *httpapi.Principal
	err = db.Tx(ctx, s.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		row, err := q.GetSession(ctx, hash)
		if db.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		idle := time.Duration(row.IdleTimeoutSecs) * time.Second
		if !now.Before(row.AbsoluteExpiresAt) || !now.Before(row.LastSeenAt.Add(idle)) || row.DisabledAt != nil {
			return q.DeleteSession(ctx, hash)
		}
		if now.Sub(row.LastSeenAt) >= touchEvery {
			if err := q.TouchSession(ctx, dbq.TouchSessionParams{Now: now, TokenHash: hash}); err != nil {
				return err
			}
		}
		p = &httpapi.Principal{UserID: row.UserID, Email: row.Email, Name: row.Name, Locale: row.Locale, SessionHash: hash}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	return p, nil
}

// startSession creates a new session (a new token at every login, ASVS
// 7.2.4) and returns its cookie. "Remember me" stretches the idle timeout
// to the absolute one and keeps the cookie across browser restarts; it never
// extends the absolute lifetime.
func (s *Service) startSession(ctx context.Context, q *dbq.Queries, userID uuid.UUID, remember bool) (http.Cookie, error) {
	raw, hash := NewToken()
	now := s.d.Now()
	idle := s.d.Config.SessionIdle
	if remember {
		idle = s.d.Config.SessionAbsolute
	}
	abs := now.Add(s.d.Config.SessionAbsolute)
	err := q.CreateSession(ctx, dbq.CreateSessionParams{
		TokenHash: hash, UserID: userID, CreatedAt: now, IdleTimeoutSecs: int32(idle / time.Second),
		AbsoluteExpiresAt: abs, Ip: httpapi.ClientIP(ctx), UserAgent: truncate(httpapi.UserAgent(ctx), 300),
	})
	if err != nil {
		return http.Cookie{}, fmt.Errorf("create session: %w", err)
	}
	c := http.Cookie{Name: httpapi.SessionCookie, Value: raw, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if remember {
		c.MaxAge = int(s.d.Config.SessionAbsolute / time.Second)
	}
	return c, nil
}

// StartSession is startSession for other packages (invitation acceptance).
func (s *Service) StartSession(ctx context.Context, q *dbq.Queries, userID uuid.UUID) (http.Cookie, error) {
	return s.startSession(ctx, q, userID, false)
}

// ClearCookie expires the session cookie in the browser.
func ClearCookie() http.Cookie {
	return http.Cookie{Name: httpapi.SessionCookie, Value: "", Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
