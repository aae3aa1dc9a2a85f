// Package seed fills a database with the demo workspace that `make dev`
// shows: an admin, a client, and projects the client can and cannot see.
package seed

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// Demo logins, printed by `make dev` and used by the end-to-end tests.
const (
	AdminEmail     = "admin@parvis.test"
	AdminPassword  = "demo-admin-2026"
	ClientEmail    = "client@parvis.test"
	ClientPassword = "demo-client-2026"
)

type demoProject struct {
	name, client, description string
	withClient                bool
}

type demoWorkspace struct {
	slug, name, accent string
	clientRole         bool // the demo admin is a client here (several workspaces)
	projects           []demoProject
}

var workspaces = []demoWorkspace{
	{slug: "studio-demo", name: "Studio Démo", accent: "#4f46e5", projects: []demoProject{
		{"Refonte du site", "Maison Lumière", "Nouveau site vitrine : identité, maquettes, intégration et mise en ligne.", true},
		{"Boutique en ligne", "Atelier Verre", "Boutique Shopify avec catalogue de 40 produits.", false},
	}},
	{slug: "atelier-nord", name: "Atelier Nord", accent: "#0f766e", clientRole: true, projects: []demoProject{
		{"Identité visuelle", "Studio Démo", "Logo, charte et déclinaisons pour le studio.", true},
	}},
}

// Demo adds the demo data unless it is already there (idempotent).
func Demo(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger, clock func() time.Time) error {
	now := clock()
	return db.Tx(ctx, pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
		if _, err := q.GetUserByEmail(ctx, AdminEmail); err == nil {
			log.Info("demo data already present")
			return nil
		} else if !db.IsNotFound(err) {
			return err
		}
		admin, err := createUser(ctx, q, AdminEmail, "Camille Laurent", AdminPassword, now)
		if err != nil {
			return err
		}
		client, err := createUser(ctx, q, ClientEmail, "Julie Martin", ClientPassword, now)
		if err != nil {
			return err
		}
		// The second workspace belongs to the client, who invited the demo
		// admin as a client: both see a workspace switcher.
		for _, w := range workspaces {
			owner, guest := admin, client
			if w.clientRole {
				owner, guest = client, admin
			}
			id := uuid.New()
			if err := db.SetScope(ctx, tx, db.Scope{WorkspaceID: id, UserID: owner.ID, Role: "admin"}); err != nil {
				return err
			}
			if _, err := q.CreateWorkspace(ctx, dbq.CreateWorkspaceParams{ID: id, Slug: w.slug, Name: w.name, AccentColor: w.accent, SenderName: w.name, CreatedAt: now}); err != nil {
				return fmt.Errorf("workspace %s: %w", w.slug, err)
			}
			for _, m := range []struct {
				u    dbq.User
				role string
			}{{owner, "admin"}, {guest, "client"}} {
				if err := q.CreateMembership(ctx, dbq.CreateMembershipParams{WorkspaceID: id, UserID: m.u.ID, Role: m.role, CreatedAt: now}); err != nil {
					return err
				}
			}
			for i, p := range w.projects {
				pr, err := q.CreateProject(ctx, dbq.CreateProjectParams{WorkspaceID: id, Name: p.name, ClientName: p.client, Description: p.description,
					CreatedBy: &owner.ID, Now: now.Add(-time.Duration(i) * time.Hour)})
				if err != nil {
					return err
				}
				if p.withClient {
					if err := q.AddProjectMember(ctx, dbq.AddProjectMemberParams{WorkspaceID: id, ProjectID: pr.ID, UserID: guest.ID, CreatedAt: now}); err != nil {
						return err
					}
				}
			}
		}
		log.Info("demo data added", "admin", AdminEmail, "client", ClientEmail)
		return nil
	})
}

func createUser(ctx context.Context, q *dbq.Queries, email, name, password string, now time.Time) (dbq.User, error) {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return dbq.User{}, err
	}
	return q.CreateUser(ctx, dbq.CreateUserParams{Email: email, Name: name, PasswordHash: hash, Locale: "fr", CreatedAt: now})
}
