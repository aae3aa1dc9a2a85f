package board_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/db"
)

// A lock held elsewhere (here the board's advisory lock, taken by another
// session and never released) cannot hold a request forever: the request's
// deadline or the session's lock_timeout ends the wait with a problem the
// client can retry, and the pool gets its connection back.
func TestLockWaitsEnd(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		env     map[string]string
		status  int
		code    string
		atLeast time.Duration
	}{
		{"request deadline", map[string]string{"PARVIS_REQUEST_TIMEOUT": "2s"}, 503, "timeout", 2 * time.Second},
		{"lock_timeout", nil, 409, "busy", db.LockTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := apitest.New(t, apitest.Options{Env: tc.env})
			admin := e.CreateUser("admin@studio.example")
			ws := e.CreateWorkspace("studio", admin)
			p := e.CreateProject(ws, "Refonte")
			base := "/api/v1/w/studio/projects/" + p.String()
			ac := e.Client()
			ac.Login(admin.Email, admin.Password)
			r := ac.Do("POST", base+"/tasks", map[string]any{"title": "A"})
			require.Equal(t, 201, r.Status, "%s", r.Body)
			var task struct{ ID string }
			r.JSON(t, &task)

			tx, err := e.DB.Super.Begin(t.Context())
			require.NoError(t, err)
			// Rolled back whatever happens: an open transaction would keep
			// the pool (and the test's cleanup) waiting.
			t.Cleanup(func() { _ = tx.Rollback(context.Background()) })
			_, err = tx.Exec(t.Context(), "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))", p.String())
			require.NoError(t, err)

			start := time.Now()
			r = ac.Do("PATCH", base+"/tasks/"+task.ID, map[string]any{"title": "B"})
			require.Equal(t, tc.status, r.Status, "%s", r.Body)
			require.Equal(t, tc.code, r.Problem(t).Code)
			require.GreaterOrEqual(t, time.Since(start), tc.atLeast)

			// Released, the same write goes through.
			require.NoError(t, tx.Rollback(t.Context()))
			r = ac.Do("PATCH", base+"/tasks/"+task.ID, map[string]any{"title": "B"})
			require.Equal(t, 200, r.Status, "%s", r.Body)
		})
	}
}
