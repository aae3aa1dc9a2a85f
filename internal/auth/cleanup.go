package auth

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// CleanupArgs is the hourly job deleting expired sessions and old login
// failures (sessions are also refused on use once expired).
type CleanupArgs struct{}

// Kind implements river.JobArgs.
func (CleanupArgs) Kind() string { return "auth.cleanup" }

// CleanupWorker runs CleanupArgs.
type CleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	Pool *pgxpool.Pool
	Now  func() time.Time
}

// Work deletes what has expired; running it twice is harmless.
func (w *CleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	now := w.Now()
	return db.Tx(ctx, w.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		if _, err := q.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		_, err := q.PruneAuthFailures(ctx, now.Add(-24*time.Hour))
		return err
	})
}
