package db_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/dbtest"
)

// A DeferTx keeps the order of statements: a deferred write is seen by the
// next read, travels with it or with the COMMIT, and a failing deferred
// write fails the commit and rolls everything back.
func TestDeferTx(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	_, err := d.Super.Exec(ctx, `CREATE TABLE defer_probe (n int PRIMARY KEY)`)
	require.NoError(t, err)
	count := func() int {
		var n int
		require.NoError(t, d.Super.QueryRow(ctx, `SELECT count(*) FROM defer_probe`).Scan(&n))
		return n
	}
	// Each transaction on its own connection, given back when it ends
	// (the caller releases a DeferTx's connection, as db.Tx does).
	var held func()
	begin := func() *db.DeferTx {
		if held != nil {
			held()
		}
		c, err := d.Super.Acquire(ctx)
		require.NoError(t, err)
		held = c.Release
		tx, err := c.Begin(ctx)
		require.NoError(t, err)
		return db.NewDeferTx(tx)
	}
	t.Cleanup(func() { held() })

	// Seen by the next read, in each of its forms.
	x := begin()
	x.Defer(`INSERT INTO defer_probe VALUES (1)`)
	var n int
	require.NoError(t, x.QueryRow(ctx, `SELECT count(*) FROM defer_probe`).Scan(&n))
	require.Equal(t, 1, n)
	x.Defer(`INSERT INTO defer_probe VALUES (2)`)
	rows, err := x.Query(ctx, `SELECT n FROM defer_probe ORDER BY n`)
	require.NoError(t, err)
	got, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	require.NoError(t, err)
	require.Equal(t, []int32{1, 2}, got)
	x.Defer(`INSERT INTO defer_probe VALUES (3)`)
	tag, err := x.Exec(ctx, `UPDATE defer_probe SET n = n + 10 WHERE n = 3`)
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected())
	x.Defer(`INSERT INTO defer_probe VALUES (4)`)
	b := &pgx.Batch{}
	b.Queue(`SELECT count(*) FROM defer_probe`)
	b.Queue(`SELECT max(n) FROM defer_probe`)
	br := x.SendBatch(ctx, b)
	var c, m int
	require.NoError(t, br.QueryRow().Scan(&c))
	require.NoError(t, br.QueryRow().Scan(&m))
	require.NoError(t, br.Close())
	require.Equal(t, 4, c, "the batch's own results, after the deferred write")
	require.Equal(t, 13, m)
	// Sent with the COMMIT.
	x.Defer(`INSERT INTO defer_probe VALUES (5)`)
	require.Zero(t, count(), "nothing is visible before the commit")
	require.NoError(t, x.Commit(ctx))
	require.Equal(t, 5, count())
	require.ErrorIs(t, x.Rollback(ctx), pgx.ErrTxClosed)

	// A deferred write that fails fails the commit and takes the rest back.
	x = begin()
	_, err = x.Exec(ctx, `INSERT INTO defer_probe VALUES (100)`)
	require.NoError(t, err)
	x.Defer(`INSERT INTO defer_probe VALUES (1)`) // duplicate key
	require.Error(t, x.Commit(ctx))
	require.Equal(t, 5, count())
	// ... and one that fails fails the next statement.
	x = begin()
	x.Defer(`INSERT INTO defer_probe VALUES (1)`)
	_, err = x.Exec(ctx, `INSERT INTO defer_probe VALUES (101)`)
	require.Error(t, err)
	require.NoError(t, x.Rollback(ctx))
	require.Equal(t, 5, count())
	// Rollback drops what was deferred.
	x = begin()
	x.Defer(`INSERT INTO defer_probe VALUES (102)`)
	require.NoError(t, x.Rollback(ctx))
	require.Equal(t, 5, count())
	// AfterCommit: once per distinct statement, after the COMMIT (it sees
	// the committed rows), outside the transaction; never on a rollback.
	x = begin()
	x.Defer(`INSERT INTO defer_probe VALUES (201)`)
	x.AfterCommit(`INSERT INTO defer_probe SELECT 300 WHERE EXISTS (SELECT 1 FROM defer_probe WHERE n = 201)`)
	x.AfterCommit(`INSERT INTO defer_probe SELECT 300 WHERE EXISTS (SELECT 1 FROM defer_probe WHERE n = 201)`)
	require.NoError(t, x.Commit(ctx))
	require.Equal(t, 7, count())
	x = begin()
	x.AfterCommit(`INSERT INTO defer_probe VALUES (301)`)
	require.NoError(t, x.Rollback(ctx))
	require.Equal(t, 7, count())
	// A failing one does not undo the commit: ErrAfterCommit says so.
	x = begin()
	x.Defer(`INSERT INTO defer_probe VALUES (202)`)
	x.AfterCommit(`INSERT INTO defer_probe VALUES (1)`) // duplicate key
	require.ErrorIs(t, x.Commit(ctx), db.ErrAfterCommit)
	require.Equal(t, 8, count())

	// A deferred statement cannot be read.
	x = begin()
	_, err = x.Later().GetProjectInScope(ctx, uuid.New())
	require.Error(t, err)
	require.NoError(t, x.Rollback(ctx))
}

// db.Tx begins with its scope in one round trip, rolls back on error and
// on panic, and leaves the pooled connection clean.
func TestTx_RollsBackOnErrorAndPanic(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	_, err := d.Super.Exec(ctx, `CREATE TABLE tx_probe (n int); GRANT SELECT, INSERT ON tx_probe TO parvis_app`)
	require.NoError(t, err)
	count := func() int {
		var n int
		require.NoError(t, d.Super.QueryRow(ctx, `SELECT count(*) FROM tx_probe`).Scan(&n))
		return n
	}
	err = db.Tx(ctx, d.App, db.Scope{Role: "admin"}, func(tx pgx.Tx, _ *dbq.Queries) error {
		var role string
		require.NoError(t, tx.QueryRow(ctx, `SELECT current_setting('app.role')`).Scan(&role))
		require.Equal(t, "admin", role)
		tx.(*db.DeferTx).Defer(`INSERT INTO tx_probe VALUES (1)`)
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 1, count())
	err = db.Tx(ctx, d.App, db.Scope{}, func(tx pgx.Tx, _ *dbq.Queries) error {
		_, err := tx.Exec(ctx, `INSERT INTO tx_probe VALUES (2)`)
		require.NoError(t, err)
		return context.Canceled
	})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 1, count())
	require.Panics(t, func() {
		_ = db.Tx(ctx, d.App, db.Scope{}, func(tx pgx.Tx, _ *dbq.Queries) error {
			_, _ = tx.Exec(ctx, `INSERT INTO tx_probe VALUES (3)`)
			panic("boom")
		})
	})
	require.Equal(t, 1, count())
	// Every pooled connection is idle and its scope is gone.
	for range 5 {
		require.NoError(t, db.Tx(ctx, d.App, db.Scope{}, func(tx pgx.Tx, _ *dbq.Queries) error {
			var role string
			return tx.QueryRow(ctx, `SELECT current_setting('app.role', true)`).Scan(&role)
		}))
	}
}
