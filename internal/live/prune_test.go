package live_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/live"
)

// TestPrune: the periodic job removes events past Retention, in every
// workspace, and keeps the others.
func TestPrune(t *testing.T) {
	t.Parallel()
	f := setup(t)
	post(t, f.ac, "ws-a", f.projX, "récent")
	ctx := context.Background()
	_, err := f.e.DB.Super.Exec(ctx, `INSERT INTO live_events (workspace_id, kind, created_at) VALUES ($1, 'old', $2), ($3, 'old', $2)`,
		f.wsA.ID, f.e.Clock.Now().Add(-live.Retention-time.Hour), f.wsB.ID)
	require.NoError(t, err)
	require.NoError(t, (&live.PruneWorker{D: f.e.Portal.Deps}).Work(ctx, nil))
	var old, recent int
	require.NoError(t, f.e.DB.Super.QueryRow(ctx, `SELECT count(*) FILTER (WHERE kind = 'old'), count(*) FILTER (WHERE kind = 'message.created') FROM live_events`).Scan(&old, &recent))
	require.Zero(t, old)
	// The message's own event stays (the bell's job may add per-person
	// events meanwhile: they are not counted).
	require.Equal(t, 1, recent)
}
