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

// reserve takes one attempt out of the account's and the IP's budgets
// before a password is checked: under per-account and per-IP locks it
// counts the window's failures and records this attempt as one more. The
// locks are held for those few statements only, not for the password hash
// (slow on purpose), so parallel guesses wait milliseconds and still
// cannot slip past the budget: each takes its slot before checking. A
// correct password gives its slot back (release); a crash in between
// leaves it counted as a failure.
//
// It returns the reserved rows, or a 429 problem (with Retry-After) as
// refusal when either budget is spent; err is a database error. then, if
// given, runs in the same transaction once the attempt is reserved (the
// login reads the account there): no connection is held while the
// password is hashed.
func (s *Service) reserve(ctx context.Context, email, ip string, then func(q *dbq.Queries) error) (ids []int64, refusal, err error) {
	err = db.Tx(ctx, s.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
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
			refusal = httpapi.WithHeaders(httpapi.Err(httpapi.CodeTooManyAttempts, "too many failed logins; retry later"), h)
			return nil
		}
		for _, scope := range []struct{ scope, key string }{{"account", email}, {"ip", ip}} {
			id, err := q.RecordAuthFailure(ctx, dbq.RecordAuthFailureParams{Scope: scope.scope, Key: scope.key, At: now})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if then != nil {
			return then(q)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return ids, refusal, nil
}

// release gives back the attempts reserve took, for a correct password.
func release(ctx context.Context, q *dbq.Queries, ids []int64) error {
	return q.DeleteAuthFailures(ctx, ids)
}

// VerifyThrottled checks a password typed by someone other than at login
// (accepting an invitation as an existing user, re-authenticating to change
// the email or password) under the same per-account and per-IP budget, so
// none of these is a way around the login throttle. The attempt is counted
// in its own transaction, so a failure is counted even when the caller's
// rolls back. It returns a 429 problem when over budget, ErrWrongPassword
// when wrong.
func (s *Service) VerifyThrottled(ctx context.Context, email, hash, password string) error {
	ip := httpapi.ClientIP(ctx)
	ids, refusal, err := s.reserve(ctx, email, ip, nil)
	if err != nil {
		return err
	}
	if refusal != nil {
		return refusal
	}
	if !VerifyPassword(hash, password) {
		s.d.Log.WarnContext(ctx, "password check failed", "ip", ip, "request_id", httpapi.RequestID(ctx))
		return ErrWrongPassword
	}
	return db.Tx(ctx, s.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		return release(ctx, q, ids)
	})
}

// ErrWrongPassword is VerifyThrottled's answer for a wrong password.
var ErrWrongPassword = errors.New("wrong password")
