package board

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// withRank runs write, which picks a rank and writes it, in a savepoint,
// and again from a fresh read when a concurrent writer committed the same
// rank first (the unique index on live ranks, migration 00007, refuses the
// second; under READ COMMITTED the retry's reads see the winner). On any
// other error the savepoint is rolled back too, so the caller's
// transaction stays usable, as before.
//
// Round trips: the savepoint is sent in one batch with write's first
// statement, and is not released on success (COMMIT releases it), so a
// write that does not race costs no round trip more than without it.
//
// before, when set, queues statements (run through the dbq.Queries it is
// given) in front of the savepoint, in the same round trip: they are not
// rolled back by a retry. The board's writes touch the project so.
func withRank(ctx context.Context, t *httpapi.Tenant, before func(q *dbq.Queries) error, write func(q *dbq.Queries) error) error {
	rt := &rankTx{tx: t.Tx}
	if before != nil {
		rec := &recorder{}
		if err := before(dbq.New(rec)); err != nil {
			return err
		}
		rt.prefix = rec.stmts
	}
	q := dbq.New(rt)
	for attempt := 0; ; attempt++ {
		err := write(q)
		if err == nil {
			return nil
		}
		if rt.saved {
			if _, rerr := t.Tx.Exec(ctx, "ROLLBACK TO SAVEPOINT board_rank"); rerr != nil {
				return err
			}
		}
		if db.IsUniqueViolation(err, "tasks_board_rank_key") && attempt < 20 {
			continue
		}
		return err
	}
}

// rankTx is a dbq.DBTX on tx whose first statement goes out behind
// SAVEPOINT board_rank, in one round trip.
type rankTx struct {
	tx     pgx.Tx
	prefix []stmt
	sent   bool // the savepoint was sent
	saved  bool // and it exists
}

func (r *rankTx) batch(ctx context.Context, sql string, args []any) pgx.BatchResults {
	r.sent = true
	b := &pgx.Batch{}
	for _, p := range r.prefix {
		b.Queue(p.sql, p.args...)
	}
	b.Queue("SAVEPOINT board_rank")
	b.Queue(sql, args...)
	return r.tx.SendBatch(ctx, b)
}

// start reads the results of the prefix and of the savepoint.
func (r *rankTx) start(br pgx.BatchResults) error {
	for range r.prefix {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	if _, err := br.Exec(); err != nil {
		return err
	}
	r.saved = true
	return nil
}

type stmt struct {
	sql  string
	args []any
}

// recorder is a dbq.DBTX that only records Exec statements (the prefix
// of withRank is made of writes whose result is not read).
type recorder struct{ stmts []stmt }

func (r *recorder) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	r.stmts = append(r.stmts, stmt{sql, args})
	return pgconn.CommandTag{}, nil
}

func (r *recorder) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return nil, errors.New("board: withRank's prefix runs Exec statements only")
}

func (r *recorder) QueryRow(context.Context, string, ...any) pgx.Row {
	return errRow{errors.New("board: withRank's prefix runs Exec statements only")}
}

func (r *rankTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if r.sent {
		return r.tx.Exec(ctx, sql, args...)
	}
	br := r.batch(ctx, sql, args)
	defer br.Close()
	if err := r.start(br); err != nil {
		return pgconn.CommandTag{}, err
	}
	return br.Exec()
}

func (r *rankTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if !r.sent {
		if _, err := r.Exec(ctx, "SELECT 1"); err != nil {
			return nil, err
		}
	}
	return r.tx.Query(ctx, sql, args...)
}

func (r *rankTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if r.sent {
		return r.tx.QueryRow(ctx, sql, args...)
	}
	br := r.batch(ctx, sql, args)
	if err := r.start(br); err != nil {
		br.Close()
		return errRow{err}
	}
	return batchRow{row: br.QueryRow(), br: br}
}

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// batchRow closes its batch once scanned.
type batchRow struct {
	row pgx.Row
	br  pgx.BatchResults
}

func (b batchRow) Scan(dest ...any) error {
	err := b.row.Scan(dest...)
	if cerr := b.br.Close(); err == nil {
		err = cerr
	}
	return err
}
