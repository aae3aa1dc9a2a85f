package board

import (
	"context"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// withRank runs write, which picks a rank and writes it, in a savepoint,
// and again from a fresh read when a concurrent writer committed the same
// rank first (the unique index on live ranks, migration 00007, refuses the
// second; under READ COMMITTED the retry's reads see the winner). On any
// other error the savepoint is rolled back too, so the caller's
// transaction stays usable.
//
// Round trips: in a request's transaction (db.DeferTx) the savepoint is
// deferred, so it travels in one batch with write's first statement (and
// whatever was deferred before it, such as the project's touch); it is not
// released on success (COMMIT does it). A write that does not race costs
// no round trip more than without it.
func withRank(ctx context.Context, t *httpapi.Tenant, write func(q *dbq.Queries) error) error {
	const savepoint = "SAVEPOINT board_rank"
	if x, ok := t.Tx.(*db.DeferTx); ok {
		x.Defer(savepoint)
	} else if _, err := t.Tx.Exec(ctx, savepoint); err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		err := write(t.Q)
		if err == nil {
			return nil
		}
		// Sent after the savepoint even when write failed before its
		// first statement (the deferred savepoint then goes first).
		if _, rerr := t.Tx.Exec(ctx, "ROLLBACK TO SAVEPOINT board_rank"); rerr != nil {
			return err
		}
		if db.IsUniqueViolation(err, "tasks_board_rank_key") && attempt < 20 {
			continue
		}
		return err
	}
}
