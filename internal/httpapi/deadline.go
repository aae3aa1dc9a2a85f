package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parvis/parvis/internal/db"
)

// withDeadline gives every API request a deadline, so a request stuck
// behind a lock or a slow query gives its connection back and answers a
// 503 instead of hanging. Signed blob transfers are exempt: they stream up
// to the file size limit at the client's pace, bounded by the server's
// read and write timeouts instead.
func withDeadline(next http.Handler, timeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if timeout <= 0 || strings.HasPrefix(r.URL.Path, "/api/v1/blob/") || isEventStream(r) {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// isEventStream is the live stream (GET /api/v1/w/{workspace}/events): it
// lasts as long as the tab, so it has no request deadline; it bounds its
// own life (internal/live) and each of its reads.
func isEventStream(r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/v1/w/")
	if !ok || r.Method != http.MethodGet {
		return false
	}
	slug, tail, _ := strings.Cut(rest, "/")
	return slug != "" && tail == "events"
}

// PostgreSQL error codes of a statement that gave up waiting.
const (
	pgLockNotAvailable     = "55P03" // lock_timeout
	pgDeadlockDetected     = "40P01"
	pgSerializationFailure = "40001"
	pgQueryCanceled        = "57014" // statement_timeout, or the request's deadline
)

// transientProblem recognises, among the causes of an internal error, the
// ones that are not bugs: the database gave up waiting for a lock (409
// busy: someone else is changing the same thing, try again) or ran out of
// time (503 timeout, with Retry-After). It returns nil for anything else.
func transientProblem(errs []error) *Problem {
	for _, err := range errs {
		if err == nil {
			continue
		}
		var pe *pgconn.PgError
		if errors.As(err, &pe) {
			switch pe.Code {
			case pgLockNotAvailable, pgDeadlockDetected, pgSerializationFailure:
				return Err(CodeBusy, "this is being changed by someone else right now; try again").(*Problem)
			case pgQueryCanceled:
				return timeoutProblem()
			}
		}
		if db.IsUniqueViolation(err, "tasks_board_rank_key") {
			// Two writers computed the same board position at once (a
			// create does not wait for the board lock): nothing was
			// written, the next try computes a free one.
			return Err(CodeBusy, "the board changed at the same moment; try again").(*Problem)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return timeoutProblem()
		}
	}
	return nil
}

func timeoutProblem() *Problem {
	p := Err(CodeTimeout, "the request took too long; try again").(*Problem)
	p.headers = http.Header{"Retry-After": []string{"2"}}
	return p
}
