package httpapi

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
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

// Record writes an activity entry in this transaction.
func (t *Tenant) Record(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any) error {
	return t.record(projectID, action, objectType, objectID, data, false)
}

// RecordAdminOnly writes an activity entry clients never see.
func (t *Tenant) RecordAdminOnly(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any) error {
	return t.record(projectID, action, objectType, objectID, data, true)
}

func (t *Tenant) record(projectID *uuid.UUID, action, objectType, objectID string, data map[string]any, adminOnly bool) error {
	return activity.Record(t.ctx, t.Q, activity.Entry{
		WorkspaceID: t.WorkspaceID, ProjectID: projectID, ActorID: t.Actor(),
		Action: action, ObjectType: objectType, ObjectID: objectID, Data: data,
		RequestID: RequestID(t.ctx), At: t.deps.Now(), AdminOnly: adminOnly,
	})
}

// InWorkspace runs fn in a transaction scoped to the workspace named by
// slug, after checking the caller is a member. Non-members get 404 whether
// or not the workspace exists.
func (d *Deps) InWorkspace(ctx context.Context, slug string, fn func(t *Tenant) error) error {
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
		return fn(&Tenant{Tx: tx, Q: q, WorkspaceID: m.WorkspaceID, Slug: m.Slug, UserID: p.UserID, Role: m.Role, deps: d, ctx: ctx})
	})
}

// SystemTenant is the tenant of work done without a user (a verified
// payment webhook calling ticket.MarkPaid): tx must already carry
// db.SystemScope(workspaceID, purpose). Its UserID is uuid.Nil, its role
// admin; what it records has no actor.
func (d *Deps) SystemTenant(ctx context.Context, tx pgx.Tx, q *dbq.Queries, workspaceID uuid.UUID) *Tenant {
	return &Tenant{Tx: tx, Q: q, WorkspaceID: workspaceID, Role: RoleAdmin, deps: d, ctx: ctx}
}

// InProject is InWorkspace plus the project the caller must be able to see
// (404 otherwise); with adminOnly, clients who can see it get 403.
func (d *Deps) InProject(ctx context.Context, slug string, projectID uuid.UUID, adminOnly bool, fn func(t *Tenant, p dbq.Project) error) error {
	return d.InWorkspace(ctx, slug, func(t *Tenant) error {
		p, err := t.Project(projectID)
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
