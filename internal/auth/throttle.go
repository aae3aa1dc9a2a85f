package auth

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Login throttling (security guide point 6): the 11th failure on one
// account within 15 minutes, or the 51st from one IP, is answered 429 with
// Retry-After; the window slides, so it clears by itself.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxAccountFailures = 10
	MaxIPFailures      = 50
)

// guard serialises password checks of one account and one IP (so that
// parallel guesses cannot all slip under the budget) and returns a 429
// problem when either is over it. It runs inside the caller's transaction;
// the locks are released when it ends.
func (s *Service) guard(ctx context.Context, q *dbq.Queries, email, ip string) error {
	for _, k := range []string{"account:" + email, "ip:" + ip} {
		if err := q.LockAuthKey(ctx, k); err != nil {
			return err
		}
	}
	now := s.d.Now()
	since := now.Add(-ThrottleWindow)
	var retry time.Duration
	for _, c := range []struct {
		scope, key string
		max        int
	}{{"account", email, MaxAccountFailures}, {"ip", ip, MaxIPFailures}} {
		r, err := q.CountAuthFailures(ctx, dbq.CountAuthFailuresParams{Since: since, Scope: c.scope, Key: c.key})
		if err != nil {
			return err
		}
		if int(r.Failures) >= c.max {
			if d := r.Oldest.Add(ThrottleWindow).Sub(now); d > retry {
				retry = d
			}
		}
	}
	if retry > 0 {
		secs := int(math.Ceil(retry.Seconds()))
		s.d.Log.WarnContext(ctx, "login throttled", "ip", ip, "retry_after_s", secs)
		h := http.Header{}
		h.Set("Retry-After", strconv.Itoa(secs))
		return httpapi.WithHeaders(httpapi.Err(httpapi.CodeTooManyAttempts, "too many failed logins; retry later"), h)
	}
	return nil
}

// recordFailure counts one failed check for the account and the IP.
func (s *Service) recordFailure(ctx context.Context, q *dbq.Queries, email, ip string) error {
	now := s.d.Now()
	if err := q.RecordAuthFailure(ctx, dbq.RecordAuthFailureParams{Scope: "account", Key: email, At: now}); err != nil {
		return err
	}
	return q.RecordAuthFailure(ctx, dbq.RecordAuthFailureParams{Scope: "ip", Key: ip, At: now})
}

// VerifyThrottled checks a password typed by someone other than at login
// (accepting an invitation as an existing user, re-authenticating to change
// the email or password) under the same per-account and per-IP budget, so
// none of these is a way around the login throttle. It runs in its own
// transaction, so a failure is counted even when the caller's rolls back.
// It returns a 429 problem when over budget, ErrWrongPassword when wrong.
func (s *Service) VerifyThrottled(ctx context.Context, email, hash, password string) error {
	ip := httpapi.ClientIP(ctx)
	var outcome error
	err := db.Tx(ctx, s.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		if err := s.guard(ctx, q, email, ip); err != nil {
			outcome = err
			return nil
		}
		if VerifyPassword(hash, password) {
			return nil
		}
		s.d.Log.WarnContext(ctx, "password check failed", "ip", ip, "request_id", httpapi.RequestID(ctx))
		outcome = ErrWrongPassword
		return s.recordFailure(ctx, q, email, ip)
	})
	if err != nil {
		return err
	}
	return outcome
}

// ErrWrongPassword is VerifyThrottled's answer for a wrong password.
var ErrWrongPassword = errors.New("wrong password")
