package httpapi

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
)

// The last resort: PostgreSQL's refusals of the data itself become 422,
// even wrapped; any other database error stays a 500.
func TestDatabaseDataErrorsAreClientErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pgCode string
		status int
		code   Code
	}{
		{"22021", 422, CodeInvalidText}, // NUL or bad UTF-8
		{"22P05", 422, CodeInvalidText},
		{"22001", 422, CodeTextTooLong},
		{"54000", 422, CodeTextTooLong}, // index row too large
		{"22003", 422, CodeInvalidInput},
		{"22008", 422, CodeInvalidInput},
		{"23505", 500, CodeInternal}, // a unique violation is a bug to fix where it happens
		{"40001", 409, CodeBusy},     // a serialization failure: retry (TestTransientDatabaseErrors)
	}
	for _, c := range cases {
		err := fmt.Errorf("store: %w", &pgconn.PgError{Code: c.pgCode, Message: "secret detail"})
		p := newHumaError(nil, 500, "unexpected error occurred", err).(*Problem)
		require.Equal(t, c.status, p.Status, c.pgCode)
		require.Equal(t, c.code, p.Code, c.pgCode)
		require.NotContains(t, p.Detail, "secret", c.pgCode)
	}
}

// One status per code, every code declared once.
func TestCodeTable(t *testing.T) {
	t.Parallel()
	seen := map[Code]bool{}
	for _, e := range codeTable {
		require.False(t, seen[e.code], "%s declared twice", e.code)
		seen[e.code] = true
		require.GreaterOrEqual(t, e.status, 400, e.code)
		require.Equal(t, e.status, e.code.Status())
	}
	for _, s := range []int{400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 429, 500, 503, 418, 502} {
		require.True(t, seen[codeForStatus(s)], "huma's %d maps to an undeclared code", s)
	}
	require.Equal(t, 500, Code("never_declared").Status())
	p := Err(CodeWrongPassword, "x").(*Problem)
	require.Equal(t, 422, p.Status)
	require.Equal(t, "Unprocessable Entity", p.Title)
}
