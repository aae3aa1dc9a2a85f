package httpapi

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
)

// Roles in a workspace.
const (
	RoleAdmin  = "admin"
	RoleClient = "client"
)

// Tenant is the context of a workspace-scoped request: one transaction with
// the tenant set for row-level security, and the caller's membership.
type Tenant struct {
	Tx          pgx.Tx
	Q           *dbq.Queries
	WorkspaceID uuid.UUID
	Slug        string
	UserID      uuid.UUID
	Role        string
	deps        *Deps
	ctx         context.Context
}

// IsAdmin reports whether the caller administers the workspace.
func (t *Tenant) IsAdmin() bool { return t.Role == RoleAdmin }

// RequireAdmin refuses clients with 403 (they can see the object, not change it).
func (t *Tenant) RequireAdmin() error {
	if !t.IsAdmin() {
		return Forbidden()
	}
	return nil
}

// Actor is the user acting, or nil for work done by the system (a
// verified payment webhook) with no user behind it.
func (t *Tenant) Actor() *uuid.UUID {
	if t.UserID == uuid.Nil {
		return nil
	}
	id := t.UserID
	return &id
}

// Deps are the dependencies of the request this tenant serves, for code
// that acts outside a handler (an accepted or paid request making a task).
func (t *Tenant) Deps() *Deps { return t.deps }

// Context is the request's context.
func (t *Tenant) Context() context.Context { return t.ctx }

// Project loads a project the caller may see, or returns 404.
func (t *Tenant) Project(id uuid.UUID) (dbq.Project, error) {
	p, err := t.Q.GetProject(t.ctx, dbq.GetProjectParams{WorkspaceID: t.WorkspaceID, ID: id, IsAdmin: t.IsAdmin(), UserID: t.UserID})
	if db.IsNotFound(err) {
		return p, NotFound()
	}
	return p, err
}

// Later returns queries whose writes are sent with the transaction's next
// statement or its COMMIT (db.DeferTx), for writes whose result nobody
// reads (an activity entry, a live event); outside a request's own
// transaction (a job, a webhook) they run at once.
func (t *Tenant) Later() *dbq.Queries {
	if x, ok := t.Tx.(*db.DeferTx); ok {
		return x.Later()
	}
	return t.Q
}

// Record writes an activity entry in this transaction.
func (t *Tenant) Record(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any) error {
	return t.record(projectID, action, objectType, objectID, data, false)
}

// RecordAdminOnly writes an activity entry clients never see.
func (t *Tenant) RecordAdminOnly(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any) error {
	return t.record(projectID, action, objectType, objectID, data, true)
}

func (t *Tenant) record(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any, adminOnly bool) error {
	e := Event{ProjectID: projectID, ActorID: t.Actor(), Action: action, ObjectType: objectType, ObjectID: objectID, Data: data, AdminOnly: adminOnly}
	err := activity.Record(t.ctx, t.Later(), activity.Entry{
		WorkspaceID: t.WorkspaceID, ProjectID: projectID, ActorID: e.ActorID,
		Action: action, ObjectType: objectType, ObjectID: objectID, Data: data,
		RequestID: RequestID(t.ctx), At: t.deps.Now(), AdminOnly: adminOnly,
	})
	if err != nil {
		return err
	}
	return t.Announce(e)
}

// Event is one change told to the portal's listeners (the live stream,
// notifications) in the transaction that makes it: it reaches them exactly
// when the change commits. Every activity entry is announced; changes kept
// out of the journal (a new message) are announced with Tenant.Announce.
type Event struct {
	ProjectID  *uuid.UUID
	ActorID    *uuid.UUID // nil for the system (a webhook, a job)
	Action     string     // the activity code: "task.moved", "message.created", …
	ObjectType string
	ObjectID   string
	Data       map[string]any
	// AdminOnly events concern what clients may not see (private notes,
	// internal comments): no listener may carry them to a client.
	AdminOnly bool
}

// EventHook hears an event inside its transaction; an error rolls the
// change back (a hook enqueues work, it does not do slow work).
type EventHook func(t *Tenant, e Event) error

// Announce tells every registered hook about e, in t's transaction,
// without writing a journal entry.
func (t *Tenant) Announce(e Event) error {
	if !event.Known(e.Action) {
		// A programming error every test that makes the change catches:
		// listeners switch over the catalogue, an unknown code would be lost.
		return fmt.Errorf("announce: %q is not in the event catalogue (internal/event)", e.Action)
	}
	if e.ActorID == nil {
		e.ActorID = t.Actor()
	}
	for _, h := range t.deps.Hooks {
		if err := h(t, e); err != nil {
			return fmt.Errorf("announce %s: %w", e.Action, err)
		}
	}
	return nil
}

// SystemTenant wraps a transaction opened with db.SystemScope (a webhook,
// a job) so that code written for tenants (Record, the hooks modules give
// each other) runs in it. It has no user: UserID is uuid.Nil, activity
// entries have no actor, and the role is the system's (admin).
func (d *Deps) SystemTenant(ctx context.Context, tx pgx.Tx, q *dbq.Queries, workspaceID uuid.UUID) *Tenant {
	return &Tenant{Tx: tx, Q: q, WorkspaceID: workspaceID, Role: RoleAdmin, deps: d, ctx: ctx}
}

// InWorkspace runs fn in a transaction scoped to the workspace named by
// slug, after checking the caller is a member. Non-members get 404 whether
// or not the workspace exists.
//
// When the request's session is not checked yet, it is checked here, in
// the same transaction and the same round trip as the membership
// (sessionTx): one transaction per request.
func (d *Deps) InWorkspace(ctx context.Context, slug string, fn func(t *Tenant) error) error {
	return d.inWorkspace(ctx, slug, uuid.Nil, func(t *Tenant, _ *prefetched) error { return fn(t) })
}

// prefetched is the project read in the request's first round trip.
type prefetched struct {
	p   dbq.Project
	err error
}

func (d *Deps) inWorkspace(ctx context.Context, slug string, project uuid.UUID, fn func(t *Tenant, pre *prefetched) error) error {
	if s := sessionFrom(ctx); s != nil && s.auth != nil && !s.checked() {
		handled, err := d.inWorkspaceWithSession(ctx, s, slug, project, fn)
		if handled {
			return err
		}
	}
	p, err := RequireUser(ctx)
	if err != nil {
		return err
	}
	return db.Tx(ctx, d.Pool, db.Scope{UserID: p.UserID}, func(tx pgx.Tx, q *dbq.Queries) error {
		m, err := q.GetMembershipBySlug(ctx, dbq.GetMembershipBySlugParams{Slug: slug, UserID: p.UserID})
		if db.IsNotFound(err) {
			return NotFound()
		}
		if err != nil {
			return fmt.Errorf("membership: %w", err)
		}
		if err := db.SetScope(ctx, tx, db.Scope{WorkspaceID: m.WorkspaceID, UserID: p.UserID, Role: m.Role}); err != nil {
			return err
		}
		return fn(&Tenant{Tx: tx, Q: q, WorkspaceID: m.WorkspaceID, Slug: m.Slug, UserID: p.UserID, Role: m.Role, deps: d, ctx: ctx}, nil)
	})
}

// InProject is InWorkspace plus the project the caller must be able to see
// (404 otherwise); with adminOnly, clients who can see it get 403. The
// project is read in the same round trip as the session and membership.
func (d *Deps) InProject(ctx context.Context, slug string, projectID uuid.UUID, adminOnly bool, fn func(t *Tenant, p dbq.Project) error) error {
	return d.inWorkspace(ctx, slug, projectID, func(t *Tenant, pre *prefetched) error {
		var (
			p   dbq.Project
			err error
		)
		if pre != nil {
			p, err = pre.p, pre.err
			if db.IsNotFound(err) {
				err = NotFound()
			}
		} else {
			p, err = t.Project(projectID)
		}
		if err != nil {
			return err
		}
		if adminOnly {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
		}
		return fn(t, p)
	})
}

// Access levels declared on every workspace operation (Operation.Metadata
// "access"); the cross-tenant matrix test reads them to check roles.
var (
	AdminOnly = map[string]any{"access": "admin"}
	AnyMember = map[string]any{"access": "member"}
)

// ViewAs is the optional ?as=client of the routes whose answer depends on the
// caller's role (« Voir comme le client »): an admin asks for what the
// project's client would receive. It can only lower rights: a client asking
// for it changes nothing, and no value raises anyone.
type ViewAs struct {
	As string `query:"as" enum:"client" doc:"client: answer as the project's client would see it (an admin's preview); never grants more"`
}

// Admin reports whether t's answer may include what only admins see.
func (v ViewAs) Admin(t *Tenant) bool { return t.IsAdmin() && v.As != RoleClient }

// SessionTouchEvery limits last_seen_at writes to one a minute per session.
const SessionTouchEvery = time.Minute

// The statements that open a workspace request, sent in one round trip
// (a pipelined batch, run in order by the server):
//  1. the empty scope, as db.Tx starts every transaction;
//  2. the session, valid by the same rules as auth.Authenticate (not
//     expired, not idle for longer than its timeout, user not disabled),
//     which sets app.user_id transaction-locally to its user;
//  3. that user's membership in the workspace named by slug, read through
//     the memberships policy for the user's own rows, which sets
//     app.workspace_id and app.role transaction-locally.
//
// Each set_config is transaction-local, as db.SetScope's: nothing outlives
// the transaction. A statement sees the settings of the statements before
// it, so step 3 reads memberships as the user of step 2, exactly as
// GetMembershipBySlug does under db.Scope{UserID}.
const (
	sqlEmptyScope = `SELECT set_config('app.workspace_id', '', true), set_config('app.user_id', '', true),
		set_config('app.role', '', true), set_config('app.invitation', '', true), set_config('app.purpose', '', true)`
	sqlSession = `SELECT s.user_id, s.last_seen_at, u.email, u.name, u.locale, set_config('app.user_id', s.user_id::text, true)
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND $2::timestamptz < s.absolute_expires_at
		  AND $2::timestamptz < s.last_seen_at + make_interval(secs => s.idle_timeout_secs) AND u.disabled_at IS NULL`
	sqlMembership = `SELECT m.workspace_id, m.role, w.slug,
		set_config('app.workspace_id', m.workspace_id::text, true), set_config('app.role', m.role, true)
		FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
		WHERE w.slug = $1 AND m.user_id = app_user_id()`
	sqlTouch = `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`
)

// inWorkspaceWithSession is InWorkspace for a request whose session is
// not checked yet. It reports handled=false when the session is not valid
// here (absent, expired, disabled): the caller then goes the ordinary way,
// where auth.Authenticate deletes an expired session and the request gets
// its 401.
//
// BEGIN travels in the first batch (pgx's Batch.BeginTx), with the
// project of InProject when there is one (GetProjectInScope, read under the
// scope the batch has just set), and the transaction is a db.DeferTx: a
// request that reads a project's page pays two round trips (that batch and
// COMMIT) plus its own reads.
func (d *Deps) inWorkspaceWithSession(ctx context.Context, s *session, slug string, project uuid.UUID, fn func(t *Tenant, pre *prefetched) error) (bool, error) {
	if s.token == "" || len(s.token) > 100 {
		return false, nil
	}
	sum := sha256.Sum256([]byte(s.token))
	hash := sum[:]
	now := d.Now()
	var (
		p       *Principal
		touched bool
	)
	err := db.Run(ctx, d.Pool, func(conn *pgx.Conn) (*db.DeferTx, error) {
		b := &pgx.Batch{}
		b.BeginTx(pgx.TxOptions{})
		b.Queue(sqlEmptyScope)
		b.Queue(sqlSession, hash, now)
		b.Queue(sqlMembership, slug)
		var rec recordRow
		if project != uuid.Nil {
			_, _ = dbq.New(&rec).GetProjectInScope(ctx, project)
			b.Queue(rec.sql, rec.args...)
		}
		br := conn.SendBatch(ctx, b)
		x := db.NewDeferTx(br.Tx())
		if _, err := br.Exec(); err != nil { // BEGIN
			br.Close()
			return x, fmt.Errorf("begin: %w", err)
		}
		if _, err := br.Exec(); err != nil {
			br.Close()
			return x, fmt.Errorf("scope: %w", err)
		}
		var (
			userID   uuid.UUID
			lastSeen time.Time
			email    string
			name     string
			locale   string
			ignored  string
		)
		err := br.QueryRow().Scan(&userID, &lastSeen, &email, &name, &locale, &ignored)
		if db.IsNotFound(err) {
			br.Close()
			return x, errNoSession
		}
		if err != nil {
			br.Close()
			return x, fmt.Errorf("session: %w", err)
		}
		p = &Principal{UserID: userID, Email: email, Name: name, Locale: locale, SessionHash: hash}
		s.set(p)
		var m dbq.GetMembershipBySlugRow
		err = br.QueryRow().Scan(&m.WorkspaceID, &m.Role, &m.Slug, &ignored, &ignored)
		var pre *prefetched
		if project != uuid.Nil && (err == nil || db.IsNotFound(err)) {
			pre = &prefetched{}
			pre.p, pre.err = dbq.New(replayRow{br.QueryRow()}).GetProjectInScope(ctx, project)
		}
		if cerr := br.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil && !db.IsNotFound(err) {
			return x, fmt.Errorf("membership: %w", err)
		}
		if pre != nil && pre.err != nil && !db.IsNotFound(pre.err) {
			return x, fmt.Errorf("project: %w", pre.err)
		}
		if now.Sub(lastSeen) >= SessionTouchEvery {
			// Sent with the request's next statement or its COMMIT.
			x.Defer(sqlTouch, now, hash)
			touched = true
		}
		if err != nil {
			return x, NotFound()
		}
		return x, fn(&Tenant{Tx: x, Q: dbq.New(x), WorkspaceID: m.WorkspaceID, Slug: m.Slug, UserID: p.UserID, Role: m.Role, deps: d, ctx: ctx}, pre)
	})
	if errors.Is(err, errNoSession) {
		return false, nil
	}
	if err != nil && touched {
		// The request failed and rolled its touch back: the session was
		// still used, so keep its idle timeout honest.
		terr := db.Tx(ctx, d.Pool, db.Scope{}, func(tx pgx.Tx, _ *dbq.Queries) error {
			_, err := tx.Exec(ctx, sqlTouch, now, hash)
			return err
		})
		if terr != nil {
			d.Log.WarnContext(ctx, "session touch failed", "err", terr)
		}
	}
	return true, err
}

// recordRow records the statement of a generated query (to queue it in a
// batch) and replayRow scans a batch's row with that same generated code.
type recordRow struct {
	sql  string
	args []any
}

func (r *recordRow) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, errRecordOnly
}
func (r *recordRow) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return nil, errRecordOnly
}
func (r *recordRow) QueryRow(_ context.Context, sql string, args ...any) pgx.Row {
	r.sql, r.args = sql, args
	return errRow{errRecordOnly}
}

type replayRow struct{ row pgx.Row }

func (r replayRow) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, errRecordOnly
}
func (r replayRow) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return nil, errRecordOnly
}
func (r replayRow) QueryRow(context.Context, string, ...any) pgx.Row { return r.row }

var errRecordOnly = errors.New("httpapi: record/replay of one QueryRow only")

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

var errNoSession = errors.New("no valid session")
