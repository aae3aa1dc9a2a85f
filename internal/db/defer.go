package db

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/parvis/parvis/internal/db/dbq"
)

// DeferTx is a transaction whose deferred writes ride on the next round
// trip: a write whose result nobody reads (an activity entry, a live
// event) is queued by Defer and sent in one batch in front of the
// transaction's next statement, or in front of its COMMIT. Statements still
// run in the order they were issued, so every read sees the writes made
// before it; only the error of a deferred write surfaces later, on the
// statement or the commit it travelled with, which fails the transaction
// all the same.
//
// A request that writes a task, its activity entry and its live event so
// pays one round trip for the last two and the commit instead of three.
type DeferTx struct {
	pgx.Tx
	mu      sync.Mutex
	pending []queued
	after   []queued // sent right after the COMMIT (AfterCommit)
	ended   bool     // committed or rolled back by this wrapper
}

type queued struct {
	sql  string
	args []any
}

// NewDeferTx wraps tx, a transaction on a connection its caller releases
// (pgx.Conn.Begin, or a batch's BeginTx), not a pgxpool.Tx: a COMMIT sent
// in a batch ends the transaction without releasing a pool's connection.
func NewDeferTx(tx pgx.Tx) *DeferTx { return &DeferTx{Tx: tx} }

// Defer queues a write sent with the next statement or the commit.
func (x *DeferTx) Defer(sql string, args ...any) {
	x.mu.Lock()
	x.pending = append(x.pending, queued{sql, args})
	x.mu.Unlock()
}

// AfterCommit queues a statement sent in the COMMIT's round trip, right
// after it, outside the transaction (PostgreSQL runs it on its own): for a
// NOTIFY, which in a writing transaction would hold a database-wide lock
// through the commit's WAL flush and so make concurrent writers commit one
// at a time. Once per distinct statement; nothing is sent when the
// transaction rolls back, or when the COMMIT fails.
func (x *DeferTx) AfterCommit(sql string, args ...any) {
	x.mu.Lock()
	defer x.mu.Unlock()
	key := fmt.Sprint(sql, args)
	for _, a := range x.after {
		if fmt.Sprint(a.sql, a.args) == key {
			return
		}
	}
	x.after = append(x.after, queued{sql, args})
}

// Later returns queries whose Exec statements are deferred (Defer); their
// Query and QueryRow fail: a read cannot wait for a later round trip.
func (x *DeferTx) Later() *dbq.Queries { return dbq.New(deferring{x}) }

// take hands over the queued writes.
func (x *DeferTx) take() []queued {
	x.mu.Lock()
	defer x.mu.Unlock()
	p := x.pending
	x.pending = nil
	return p
}

// batch sends the queued writes then stmts in one round trip and reads the
// writes' results; the caller reads stmts' results, then closes br.
func (x *DeferTx) batch(ctx context.Context, pending []queued, extra []*pgx.QueuedQuery) (pgx.BatchResults, error) {
	b := &pgx.Batch{}
	for _, q := range pending {
		b.Queue(q.sql, q.args...)
	}
	b.QueuedQueries = append(b.QueuedQueries, extra...)
	br := x.Tx.SendBatch(ctx, b)
	for _, q := range pending {
		if _, err := br.Exec(); err != nil {
			_ = br.Close()
			return nil, fmt.Errorf("deferred write %.60q: %w", q.sql, err)
		}
	}
	return br, nil
}

// Exec runs sql after the queued writes, in the same round trip.
func (x *DeferTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	p := x.take()
	if len(p) == 0 {
		return x.Tx.Exec(ctx, sql, args...)
	}
	br, err := x.batch(ctx, p, []*pgx.QueuedQuery{{SQL: sql, Arguments: args}})
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag, err
}

// Query runs sql after the queued writes, in the same round trip.
func (x *DeferTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	p := x.take()
	if len(p) == 0 {
		return x.Tx.Query(ctx, sql, args...)
	}
	br, err := x.batch(ctx, p, []*pgx.QueuedQuery{{SQL: sql, Arguments: args}})
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		rows.Close()
		_ = br.Close()
		return nil, err
	}
	return &batchRows{Rows: rows, br: br}, nil
}

// QueryRow runs sql after the queued writes, in the same round trip.
func (x *DeferTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	p := x.take()
	if len(p) == 0 {
		return x.Tx.QueryRow(ctx, sql, args...)
	}
	br, err := x.batch(ctx, p, []*pgx.QueuedQuery{{SQL: sql, Arguments: args}})
	if err != nil {
		return errRow{err}
	}
	return batchRow{row: br.QueryRow(), br: br}
}

// SendBatch sends b after the queued writes, in the same round trip; the
// results returned are b's.
func (x *DeferTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	p := x.take()
	if len(p) == 0 {
		return x.Tx.SendBatch(ctx, b)
	}
	br, err := x.batch(ctx, p, b.QueuedQueries)
	if err != nil {
		return errBatch{err}
	}
	return br
}

// flush sends the queued writes alone (for the rare calls that cannot
// carry them: COPY, a savepoint).
func (x *DeferTx) flush(ctx context.Context) error {
	p := x.take()
	if len(p) == 0 {
		return nil
	}
	br, err := x.batch(ctx, p, nil)
	if err != nil {
		return err
	}
	return br.Close()
}

// CopyFrom flushes the queued writes first.
func (x *DeferTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	if err := x.flush(ctx); err != nil {
		return 0, err
	}
	return x.Tx.CopyFrom(ctx, table, cols, src)
}

// Begin flushes the queued writes, then starts a savepoint.
func (x *DeferTx) Begin(ctx context.Context) (pgx.Tx, error) {
	if err := x.flush(ctx); err != nil {
		return nil, err
	}
	return x.Tx.Begin(ctx)
}

// Commit sends the queued writes, COMMIT and the AfterCommit statements
// in one round trip. When a write fails, the transaction is rolled back
// and its error returned.
func (x *DeferTx) Commit(ctx context.Context) error {
	p := x.take()
	x.mu.Lock()
	after := x.after
	x.after = nil
	x.mu.Unlock()
	if len(p) == 0 && len(after) == 0 {
		return x.Tx.Commit(ctx)
	}
	stmts := []*pgx.QueuedQuery{{SQL: "COMMIT"}}
	for _, a := range after {
		stmts = append(stmts, &pgx.QueuedQuery{SQL: a.sql, Arguments: a.args})
	}
	br, err := x.batch(ctx, p, stmts)
	if err != nil {
		_ = x.Tx.Rollback(ctx)
		return err
	}
	tag, err := br.Exec()
	if err != nil {
		_ = br.Close()
		_ = x.Tx.Rollback(ctx)
		return err
	}
	x.ended = true
	// The COMMIT is done: what follows it cannot undo it, so its errors
	// are the caller's to log, not a failed commit.
	var aerr error
	for range after {
		if _, err := br.Exec(); err != nil && aerr == nil {
			aerr = err
		}
	}
	if err := br.Close(); err != nil && aerr == nil {
		aerr = err
	}
	if tag.String() == "ROLLBACK" {
		return pgx.ErrTxCommitRollback
	}
	if aerr != nil {
		return fmt.Errorf("%w: %w", ErrAfterCommit, aerr)
	}
	return nil
}

// ErrAfterCommit wraps the error of a statement sent after a COMMIT that
// succeeded: the transaction's changes are saved.
var ErrAfterCommit = errors.New("db: committed; a statement after the commit failed")

// Rollback drops the queued writes and rolls back.
func (x *DeferTx) Rollback(ctx context.Context) error {
	x.take()
	x.mu.Lock()
	x.after = nil
	x.mu.Unlock()
	if x.ended {
		return pgx.ErrTxClosed
	}
	return x.Tx.Rollback(ctx)
}

// Ended reports whether Commit sent the COMMIT itself (the wrapped
// transaction does not know it ended: its connection is idle again).
func (x *DeferTx) Ended() bool { return x.ended }

// deferring is the dbq.DBTX of Later.
type deferring struct{ x *DeferTx }

var errDeferredRead = errors.New("db: a deferred statement cannot be read")

func (d deferring) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	d.x.Defer(sql, args...)
	return pgconn.CommandTag{}, nil
}

func (d deferring) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return nil, errDeferredRead
}

func (d deferring) QueryRow(context.Context, string, ...any) pgx.Row { return errRow{errDeferredRead} }

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// batchRow and batchRows close their batch once read.
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

type batchRows struct {
	pgx.Rows
	br   pgx.BatchResults
	once sync.Once
	err  error
}

func (r *batchRows) Close() {
	r.Rows.Close()
	r.once.Do(func() { r.err = r.br.Close() })
}

func (r *batchRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

func (r *batchRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

// errBatch is the BatchResults of a batch whose deferred writes failed.
type errBatch struct{ err error }

func (e errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, e.err }
func (e errBatch) Query() (pgx.Rows, error)         { return errRows{e.err}, e.err }
func (e errBatch) QueryRow() pgx.Row                { return errRow{e.err} }
func (e errBatch) Close() error                     { return e.err }
func (e errBatch) Tx() pgx.Tx                       { return nil }

type errRows struct{ err error }

func (errRows) Close()                                       {}
func (e errRows) Err() error                                 { return e.err }
func (errRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (errRows) FieldDescriptions() []pgconn.FieldDescription { return nil }
func (errRows) Next() bool                                   { return false }
func (e errRows) Scan(...any) error                          { return e.err }
func (e errRows) Values() ([]any, error)                     { return nil, e.err }
func (errRows) RawValues() [][]byte                          { return nil }
func (errRows) Conn() *pgx.Conn                              { return nil }
func (errRows) TypeMap() *pgtype.Map                         { return nil }
