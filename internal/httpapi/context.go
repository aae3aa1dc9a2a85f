package httpapi

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/google/uuid"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyPrincipal
	keyClientIP
	keyUserAgent
	keyLogger
)

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID      uuid.UUID
	Email       string
	Name        string
	Locale      string
	SessionHash []byte
}

// RequestID returns the request's ID (also sent as X-Request-ID).
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(keyRequestID).(string)
	return s
}

// session is the request's session cookie, checked at most once and only
// when a handler needs the caller: workspace routes check it inside their
// own transaction (InWorkspace), others through the Authenticator.
type session struct {
	mu    sync.Mutex
	done  bool
	p     *Principal
	err   error
	token string
	auth  Authenticator
	r     *http.Request
}

// resolve checks the session through the Authenticator (its own short
// transaction), unless that was done already.
func (s *session) resolve(ctx context.Context) (*Principal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		s.p, s.err = s.auth.Authenticate(ctx, s.r)
		s.done = true
	}
	return s.p, s.err
}

// set records the outcome of a check made elsewhere (InWorkspace).
func (s *session) set(p *Principal) {
	s.mu.Lock()
	s.p, s.err, s.done = p, nil, true
	s.mu.Unlock()
}

// checked reports whether the session was checked already.
func (s *session) checked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done
}

// resolved returns the caller if the session was checked, without
// checking it (the request log must not query the database).
func (s *session) resolved() *Principal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.p
}

func sessionFrom(ctx context.Context) *session {
	s, _ := ctx.Value(keyPrincipal).(*session)
	return s
}

// PrincipalFrom returns the logged-in caller, or nil (also when the
// session could not be checked: use CurrentUser to tell the two apart).
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := CurrentUser(ctx)
	return p
}

// CurrentUser returns the logged-in caller, nil when there is none, or a
// 503 problem when the session could not be checked.
func CurrentUser(ctx context.Context) (*Principal, error) {
	s := sessionFrom(ctx)
	if s == nil {
		return nil, nil
	}
	if s.auth == nil {
		return s.resolved(), nil
	}
	p, err := s.resolve(ctx)
	if err != nil {
		loggerFrom(ctx).ErrorContext(ctx, "session lookup failed", "err", err)
		return nil, Err(CodeUnavailable, "try again")
	}
	return p, nil
}

// WithPrincipal sets the caller of a request (tests).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, keyPrincipal, &session{done: true, p: p})
}

// RequireUser returns the caller or a 401 problem (503 when the session
// could not be checked).
func RequireUser(ctx context.Context) (*Principal, error) {
	p, err := CurrentUser(ctx)
	if err != nil {
		return nil, err
	}
	if p != nil {
		return p, nil
	}
	return nil, Err(CodeUnauthenticated, "log in first")
}

// ClientIP is the caller's address: X-Forwarded-For's last untrusted hop
// when the peer is a trusted proxy (the Next.js server), else the peer.
func ClientIP(ctx context.Context) string {
	s, _ := ctx.Value(keyClientIP).(string)
	return s
}

// loggerFrom returns the API's logger stored in the request context, so
// the process-wide huma hooks log where the API that served the request does.
func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(keyLogger).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// UserAgent of the request, for the sessions list.
func UserAgent(ctx context.Context) string {
	s, _ := ctx.Value(keyUserAgent).(string)
	return s
}

func clientIP(r *http.Request, trusted []*net.IPNet) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	isTrusted := func(h string) bool {
		ip := net.ParseIP(h)
		if ip == nil {
			return false
		}
		for _, n := range trusted {
			if n.Contains(ip) {
				return true
			}
		}
		return false
	}
	if !isTrusted(host) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		if !isTrusted(h) {
			return h
		}
		host = h
	}
	return host
}
