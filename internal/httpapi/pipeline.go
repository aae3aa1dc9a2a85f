package httpapi

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parvis/parvis/internal/db/dbq"
)

// Pipeline runs independent reads in one round trip: each fn runs with its
// own Tenant (the same transaction) whose first statement is queued in
// one batch with the others' first statements; a fn's later statements run
// after the batch, one at a time. The fns run concurrently, so they must
// not depend on each other's results nor share variables without care
// (each writes its own). It returns the first error in fns' order.
//
// A page that assembles many small reads (the project dashboard: nine)
// pays one round trip for them instead of nine; on a busy machine each
// round trip costs a scheduling delay on both sides.
func (t *Tenant) Pipeline(fns ...func(t *Tenant) error) error {
	p := &pipe{ctx: t.ctx, tx: t.Tx, reg: make(chan pipeReg, len(fns)), batchDone: make(chan struct{})}
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pt := &pipeTx{p: p, i: i}
			defer func() {
				if v := recover(); v != nil {
					errs[i] = fmt.Errorf("pipeline: panic: %v", v)
				}
				if !pt.registered {
					p.reg <- pipeReg{i: i}
				}
			}()
			tt := *t
			tt.Q = dbq.New(pt)
			errs[i] = fn(&tt)
		}()
	}
	p.run(len(fns))
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

type pipe struct {
	ctx       context.Context
	tx        pgx.Tx
	reg       chan pipeReg
	batchDone chan struct{}
	serial    sync.Mutex
}

// pipeReg is a fn's first statement (e nil: the fn ended without one).
type pipeReg struct {
	i int
	e *pipeEntry
}

type pipeEntry struct {
	sql   string
	args  []any
	ready chan pipeBatch
	done  chan struct{}
}

type pipeBatch struct {
	br  pgx.BatchResults
	err error
}

// run waits for every fn to queue its first statement (or end), sends the
// batch, hands each fn its result in order, waiting for it to be read,
// then lets later statements run.
func (p *pipe) run(n int) {
	entries := make([]*pipeEntry, n)
	for range n {
		r := <-p.reg
		entries[r.i] = r.e
	}
	b := &pgx.Batch{}
	for _, e := range entries {
		if e != nil {
			b.Queue(e.sql, e.args...)
		}
	}
	if b.Len() > 0 {
		br := p.tx.SendBatch(p.ctx, b)
		for _, e := range entries {
			if e != nil {
				e.ready <- pipeBatch{br: br}
				<-e.done
			}
		}
		_ = br.Close()
	}
	close(p.batchDone)
}

// pipeTx is one fn's dbq.DBTX.
type pipeTx struct {
	p          *pipe
	i          int
	registered bool
}

func (pt *pipeTx) first(sql string, args []any) *pipeEntry {
	pt.registered = true
	e := &pipeEntry{sql: sql, args: args, ready: make(chan pipeBatch, 1), done: make(chan struct{})}
	pt.p.reg <- pipeReg{i: pt.i, e: e}
	return e
}

func (pt *pipeTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if !pt.registered {
		e := pt.first(sql, args)
		b := <-e.ready
		defer close(e.done)
		return b.br.Exec()
	}
	<-pt.p.batchDone
	pt.p.serial.Lock()
	defer pt.p.serial.Unlock()
	return pt.p.tx.Exec(ctx, sql, args...)
}

func (pt *pipeTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if !pt.registered {
		e := pt.first(sql, args)
		b := <-e.ready
		rows, err := b.br.Query()
		if err != nil {
			rows.Close()
			close(e.done)
			return nil, err
		}
		return &pipeRows{Rows: rows, done: func() { close(e.done) }}, nil
	}
	<-pt.p.batchDone
	pt.p.serial.Lock()
	rows, err := pt.p.tx.Query(ctx, sql, args...)
	if err != nil {
		pt.p.serial.Unlock()
		return nil, err
	}
	return &pipeRows{Rows: rows, done: pt.p.serial.Unlock}, nil
}

func (pt *pipeTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if !pt.registered {
		e := pt.first(sql, args)
		b := <-e.ready
		return &pipeRow{row: b.br.QueryRow(), done: func() { close(e.done) }}
	}
	<-pt.p.batchDone
	pt.p.serial.Lock()
	return &pipeRow{row: pt.p.tx.QueryRow(ctx, sql, args...), done: pt.p.serial.Unlock}
}

// pipeRows and pipeRow say when their result has been read.
type pipeRows struct {
	pgx.Rows
	done func()
	once sync.Once
}

func (r *pipeRows) Close() {
	r.Rows.Close()
	r.once.Do(r.done)
}

func (r *pipeRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

type pipeRow struct {
	row  pgx.Row
	done func()
}

func (r *pipeRow) Scan(dest ...any) error {
	defer r.done()
	return r.row.Scan(dest...)
}
