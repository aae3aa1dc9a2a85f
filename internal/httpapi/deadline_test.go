package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
)

// A database that gave up waiting is not a bug: the client gets a clean
// 409 or 503 problem it can retry, never a 500.
func TestTransientDatabaseErrors(t *testing.T) {
	installErrors()
	for _, tc := range []struct {
		name   string
		err    error
		status int
		code   Code
	}{
		{"lock_timeout", &pgconn.PgError{Code: "55P03"}, 409, "busy"},
		{"deadlock", fmt.Errorf("update task: %w", &pgconn.PgError{Code: "40P01"}), 409, "busy"},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, 409, "busy"},
		{"statement_timeout", &pgconn.PgError{Code: "57014"}, 503, "timeout"},
		{"request deadline", fmt.Errorf("get task: %w", context.DeadlineExceeded), 503, "timeout"},
		{"a real bug", &pgconn.PgError{Code: "23505"}, 500, "internal"},
		{"another", errors.New("boom"), 500, "internal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := huma.NewError(500, "unexpected error occurred", tc.err).(*Problem)
			require.Equal(t, tc.status, p.Status)
			require.Equal(t, tc.code, p.Code)
			if tc.status == 503 {
				require.Equal(t, "2", p.GetHeaders().Get("Retry-After"))
			}
		})
	}
}

// JSON requests get a deadline; signed blob transfers stream without one.
func TestRequestDeadline(t *testing.T) {
	h := withDeadline(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, has := r.Context().Deadline()
		fmt.Fprint(w, has)
	}), time.Second)
	for path, want := range map[string]string{"/api/v1/w/studio/projects": "true", "/api/v1/blob/abc?sig=x": "false", "/api/healthz": "true"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		require.Equal(t, want, rec.Body.String(), path)
	}
}
