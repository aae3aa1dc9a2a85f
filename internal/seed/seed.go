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

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/board"
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
				if err := work(ctx, tx, q, pr, owner.ID, guest.ID, now, i == 0 && !w.clientRole); err != nil {
					return fmt.Errorf("project %s: %w", p.name, err)
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

func day(now time.Time, offset int) *time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, offset)
	return &d
}

// work fills a project with phases, tasks, approvals, a private note and
// the matching activity; rich is the showcase project of the demo.
func work(ctx context.Context, tx pgx.Tx, q *dbq.Queries, p dbq.Project, admin, client uuid.UUID, now time.Time, rich bool) error {
	type phase struct {
		name                    string
		ps, pe, as, ae          int
		hasActual, hasActualEnd bool
	}
	phases := []phase{{"Design", -30, -14, -30, -12, true, true}, {"Dev", -12, 10, -11, 0, true, false}, {"Recette", 10, 17, 0, 0, false, false}, {"Livraison", 17, 21, 0, 0, false, false}}
	var ids []uuid.UUID
	for i, ph := range phases {
		prm := dbq.CreatePhaseParams{WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Name: ph.name, Position: int32(i), CreatedAt: now}
		if rich {
			prm.PlannedStart, prm.PlannedEnd = day(now, ph.ps), day(now, ph.pe)
			if ph.hasActual {
				prm.ActualStart = day(now, ph.as)
			}
			if ph.hasActualEnd {
				prm.ActualEnd = day(now, ph.ae)
			}
		}
		row, err := q.CreatePhase(ctx, prm)
		if err != nil {
			return err
		}
		ids = append(ids, row.ID)
	}
	record := func(action, objType, objID string, data map[string]any, actor uuid.UUID, at time.Time) error {
		return activity.Record(ctx, q, activity.Entry{WorkspaceID: p.WorkspaceID, ProjectID: &p.ID, ActorID: &actor, Action: action, ObjectType: objType, ObjectID: objID, Data: data, At: at})
	}
	if err := record("project.created", "project", p.ID.String(), map[string]any{"name": p.Name}, admin, now.Add(-30*24*time.Hour)); err != nil {
		return err
	}
	if !rich {
		return nil
	}
	if _, err := q.UpdateProject(ctx, dbq.UpdateProjectParams{Name: p.Name, ClientName: p.ClientName, Description: p.Description,
		EstimatedDelivery: day(now, 21), Now: now, WorkspaceID: p.WorkspaceID, ID: p.ID}); err != nil {
		return err
	}
	type task struct {
		title, col, assignee, desc string
		phase                      int
		blocked                    string
	}
	tasks := []task{
		{"Arborescence et parcours", "done", "Camille", "", 0, ""},
		{"Maquette de la page d’accueil", "done", "Camille", "Version desktop et mobile.", 0, ""},
		{"Intégration de la page d’accueil", "in_progress", "Camille", "Sections **héros**, services, témoignages.", 1, ""},
		{"Page À propos", "waiting_client", "Camille", "", 1, "Nous attendons vos textes et la photo d’équipe"},
		{"Formulaire de contact", "backlog", "Camille", "Envoi vers votre adresse e-mail, anti-spam.", 1, ""},
		{"Optimisation des images", "backlog", "", "", 1, ""},
		{"Tests sur mobile", "backlog", "", "", 2, ""},
		{"Mise en ligne", "backlog", "Camille", "", 3, ""},
	}
	ranks := map[string]string{}
	for i, tk := range tasks {
		rank, err := board.Between(ranks[tk.col], "")
		if err != nil {
			return err
		}
		ranks[tk.col] = rank
		at := now.Add(time.Duration(-20+i) * 24 * time.Hour)
		var completed *time.Time
		if tk.col == "done" {
			completed = &at
		}
		row, err := q.CreateTask(ctx, dbq.CreateTaskParams{WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Title: tk.title, Description: tk.desc,
			PhaseID: &ids[tk.phase], AssigneeLabel: tk.assignee, BoardColumn: tk.col, Rank: rank, Origin: "project", CreatedBy: &admin, Now: at, CompletedAt: completed})
		if err != nil {
			return err
		}
		if err := record("task.created", "task", row.ID.String(), map[string]any{"title": tk.title, "column": tk.col}, admin, at); err != nil {
			return err
		}
		if tk.blocked != "" {
			since := now.Add(-3 * 24 * time.Hour)
			if _, err := q.UpdateTask(ctx, dbq.UpdateTaskParams{Title: row.Title, Description: row.Description, PhaseID: row.PhaseID, AssigneeLabel: row.AssigneeLabel,
				BlockedByClient: true, BlockedReason: tk.blocked, BlockedSince: &since, Now: since, ProjectID: p.ID, ID: row.ID}); err != nil {
				return err
			}
			if err := record("task.blocked", "task", row.ID.String(), map[string]any{"title": tk.title, "reason": tk.blocked}, admin, since); err != nil {
				return err
			}
		}
	}
	// An approval given earlier (history) and one waiting.
	past := now.Add(-13 * 24 * time.Hour)
	a, err := q.CreateApproval(ctx, dbq.CreateApprovalParams{WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Kind: "maquette", Title: "Validation de la maquette",
		Description: "Maquettes desktop et mobile de l’accueil.", RequestedBy: &admin, RequestedAt: past.Add(-48 * time.Hour)})
	if err != nil {
		return err
	}
	// Only the client decides, in their own name (the database checks it).
	if err := db.SetScope(ctx, tx, db.Scope{WorkspaceID: p.WorkspaceID, UserID: client, Role: "client"}); err != nil {
		return err
	}
	if _, err := q.DecideApproval(ctx, dbq.DecideApprovalParams{Status: "approved", DecidedBy: &client, Now: past, Comment: "Très réussi, on valide !", ProjectID: p.ID, ID: a.ID}); err != nil {
		return err
	}
	if err := db.SetScope(ctx, tx, db.Scope{WorkspaceID: p.WorkspaceID, UserID: admin, Role: "admin"}); err != nil {
		return err
	}
	if err := record("approval.approved", "approval", a.ID.String(), map[string]any{"title": a.Title, "kind": a.Kind, "comment": "Très réussi, on valide !"}, client, past); err != nil {
		return err
	}
	asked := now.Add(-24 * time.Hour)
	a2, err := q.CreateApproval(ctx, dbq.CreateApprovalParams{WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Kind: "contenu", Title: "Validation du contenu",
		Description: "Textes des pages Accueil et Services.", RequestedBy: &admin, RequestedAt: asked})
	if err != nil {
		return err
	}
	if err := record("approval.requested", "approval", a2.ID.String(), map[string]any{"title": a2.Title, "kind": a2.Kind}, admin, asked); err != nil {
		return err
	}
	_, err = q.CreateNote(ctx, dbq.CreateNoteParams{WorkspaceID: p.WorkspaceID, ProjectID: &p.ID, Body: "Budget serré : proposer la page Blog en option payante.", AuthorID: &admin, Now: now})
	return err
}
