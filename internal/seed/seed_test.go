package seed_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/dbtest"
	"github.com/parvis/parvis/internal/seed"
)

// The demo data loads into a fresh database, twice without harm.
func TestDemo(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	require.NoError(t, seed.Demo(ctx, d.App, log, time.Now))
	require.NoError(t, seed.Demo(ctx, d.App, log, time.Now))
	var tasks, approvals, workspaces int
	require.NoError(t, d.Super.QueryRow(ctx, "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM approvals), (SELECT count(*) FROM workspaces)").Scan(&tasks, &approvals, &workspaces))
	require.Equal(t, 8, tasks)
	require.Equal(t, 2, approvals)
	require.Equal(t, 2, workspaces)
}
