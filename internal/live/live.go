// Package live is the portal's realtime stream (issue 13): Server-Sent
// Events per workspace, fed by PostgreSQL alone so that it holds when
// Parvis runs as several processes behind a load balancer.
//
//   - Hook (registered in Deps.Hooks) hears every announced change in its
//     transaction, writes a row in live_events and NOTIFYs
//     "workspace:id" once it commits — ids only, far below NOTIFY's
//     8 000-byte limit. A rolled-back change leaves neither.
//   - Hub holds one LISTEN connection per process and wakes the streams of
//     the notified workspace (and every stream after a reconnect of the
//     LISTEN connection, since notifications may have been lost).
//   - Each stream, when woken, re-reads the table after its position under
//     its user's RLS scope (membership re-checked each time): what a
//     client may not see (admin-only events, other projects, other
//     workspaces) never leaves the database for him.
//
// Ordering: ids come from an identity, taken at insert, while rows become
// visible at commit: a transaction holding id 10 may commit after one
// holding id 11. A stream therefore delivers every visible row at once but
// advances its position (the SSE id, hence Last-Event-ID) only over ids it
// delivered or that stayed invisible for Grace — longer than any
// transaction may last (request deadline, statement and idle timeouts), so
// a late commit is still delivered, and an id never seen (rolled back, or
// not the user's to see) stops holding the position back. A replay after a
// reconnect may repeat events delivered just before the cut: the data
// carries the event id, and the web dedupes.
package live

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Channel is the NOTIFY channel.
const Channel = "parvis_live"

// Retention is how long events stay for replay.
const Retention = 24 * time.Hour

// Hook records e for the live stream in e's transaction: the row, and a
// NOTIFY that PostgreSQL delivers on commit only (InsertEvent).
func Hook(t *httpapi.Tenant, e httpapi.Event) error {
	err := InsertEvent(t.Context(), t.Tx, dbq.InsertLiveEventParams{WorkspaceID: t.WorkspaceID, ProjectID: e.ProjectID, Kind: e.Action,
		ObjectType: e.ObjectType, ObjectID: e.ObjectID, AdminOnly: e.AdminOnly, Now: t.Deps().Now()})
	if err != nil {
		return fmt.Errorf("live event: %w", err)
	}
	return nil
}

// NotifySQL wakes the streams of workspace $1 with the last live event id
// this session took (currval): sent after the COMMIT of a DeferTx.
const NotifySQL = `SELECT pg_notify('` + Channel + `', format('%s:%s', $1::uuid, currval('live_events_id_seq')))`

// InsertEvent writes a live event in tx. In a db.DeferTx (every request's
// and job's transaction) the row rides on the transaction's next round
// trip and the NOTIFY is sent right after its COMMIT, in the same round
// trip but outside the transaction: a NOTIFY inside a writing transaction
// holds a database-wide lock through the commit's WAL flush, so writers
// that all announce a change would commit one at a time. In any other
// transaction the NOTIFY is sent in it, delivered on commit.
func InsertEvent(ctx context.Context, tx pgx.Tx, arg dbq.InsertLiveEventParams) error {
	return insert(ctx, tx, arg.WorkspaceID, func(q *dbq.Queries) error { return q.InsertLiveEvent(ctx, arg) })
}

// InsertUserEvent is InsertEvent for an event of one person (the bell).
func InsertUserEvent(ctx context.Context, tx pgx.Tx, arg dbq.InsertUserLiveEventParams) error {
	return insert(ctx, tx, arg.WorkspaceID, func(q *dbq.Queries) error { return q.InsertUserLiveEvent(ctx, arg) })
}

func insert(ctx context.Context, tx pgx.Tx, ws uuid.UUID, write func(q *dbq.Queries) error) error {
	if x, ok := tx.(*db.DeferTx); ok {
		if err := write(x.Later()); err != nil {
			return err
		}
		x.AfterCommit(NotifySQL, ws)
		return nil
	}
	if err := write(dbq.New(tx)); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, NotifySQL, ws)
	return err
}
