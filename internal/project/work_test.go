package project_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

type env struct {
	e             *apitest.Env
	admin, client *apitest.Client
	base          string // /api/v1/w/{ws}/projects/{p}
	ws            apitest.Workspace
	adminUser     apitest.User
	clientUser    apitest.User
}

// advance moves the clock and logs both users in again (their sessions
// expire after 30 idle minutes).
func (v *env) advance(t *testing.T, d time.Duration) {
	t.Helper()
	v.e.Clock.Advance(d)
	v.admin.Login(v.adminUser.Email, v.adminUser.Password)
	v.client.Login(v.clientUser.Email, v.clientUser.Password)
}

func setup(t *testing.T) *env {
	t.Helper()
	e := apitest.New(t)
	admin := e.CreateUser("admin@studio.example")
	client := e.CreateUser("client@client.example")
	ws := e.CreateWorkspace("studio", admin)
	// Through the API, so the default phases are created.
	ac := e.Client()
	ac.Login(admin.Email, admin.Password)
	r := ac.Do("POST", "/api/v1/w/studio/projects", map[string]any{"name": "Refonte", "clientName": "Maison Lumière"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var p struct{ ID string }
	r.JSON(t, &p)
	_, err := e.DB.Super.Exec(t.Context(), `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'client', now());
		`, ws.ID, client.ID)
	require.NoError(t, err)
	_, err = e.DB.Super.Exec(t.Context(), `INSERT INTO project_members (workspace_id, project_id, user_id, created_at) VALUES ($1, $2, $3, now())`, ws.ID, p.ID, client.ID)
	require.NoError(t, err)
	cc := e.Client()
	cc.Login(client.Email, client.Password)
	return &env{e: e, admin: ac, client: cc, base: "/api/v1/w/studio/projects/" + p.ID, ws: ws, adminUser: admin, clientUser: client}
}

type dashboard struct {
	Project struct {
		Status, StatusSource, ComputedStatus string
		WaitingItems                         int
		Progress                             struct{ Done, Total, Percent int }
	}
	Phases []struct {
		ID, Name, State string
		PlannedEnd      *string
	}
	CurrentPhase *string
	NextStep     *struct {
		Title  string
		TaskID *string
	}
	ClientAction *struct{ Kind, Title, Detail string }
	Waiting      []struct {
		Kind, Title, Detail string
		Days                int
	}
	BallInCourt struct {
		Days, Items                      int
		PlannedDelivery, ShiftedDelivery *string
	}
	LastUpdate *struct{ ActorName, Action string }
	Approvals  []struct{ ID, Status, Title string }
}

func (v *env) dashboard(t *testing.T, c *apitest.Client) dashboard {
	t.Helper()
	r := c.Do("GET", v.base+"/dashboard", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var d dashboard
	r.JSON(t, &d)
	return d
}

func (v *env) task(t *testing.T, title string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{"title": title}
	for k, val := range extra {
		body[k] = val
	}
	r := v.admin.Do("POST", v.base+"/tasks", body)
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var task struct{ ID string }
	r.JSON(t, &task)
	return task.ID
}

// The status rule: "En attente client" exactly when something waits on the
// client; the admin can override it; the dashboard says why.
func TestStatusRule(t *testing.T) {
	t.Parallel()
	v := setup(t)
	d := v.dashboard(t, v.client)
	require.Equal(t, "in_progress", d.Project.Status)
	require.Len(t, d.Phases, 4)
	require.Equal(t, []string{"Design", "Dev", "Recette", "Livraison"}, []string{d.Phases[0].Name, d.Phases[1].Name, d.Phases[2].Name, d.Phases[3].Name})
	require.Equal(t, "Design", *d.CurrentPhase)

	// An approval asked → waiting on the client, with the reason.
	r := v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "maquette", "description": "Maquette accueil v2"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var appr struct{ ID string }
	r.JSON(t, &appr)
	d = v.dashboard(t, v.client)
	require.Equal(t, "waiting_client", d.Project.Status)
	require.Equal(t, "auto", d.Project.StatusSource)
	require.Equal(t, "Validation de la maquette", d.ClientAction.Title)
	require.Len(t, d.Approvals, 1, "the « À valider » block comes with the dashboard")
	require.Equal(t, appr.ID, d.Approvals[0].ID)
	require.Equal(t, "pending", d.Approvals[0].Status)

	// The client approves → back in progress.
	r = v.client.Do("POST", v.base+"/approvals/"+appr.ID+"/decision", map[string]any{"decision": "approved", "comment": "Parfait"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, "in_progress", v.dashboard(t, v.client).Project.Status)

	// A task blocked by the client → waiting, with the reason shown.
	id := v.task(t, "Textes de la page À propos", nil)
	r = v.admin.Do("PATCH", v.base+"/tasks/"+id, map[string]any{"blockedByClient": true, "blockedReason": "Envoyer les textes"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	d = v.dashboard(t, v.client)
	require.Equal(t, "waiting_client", d.Project.Status)
	require.Equal(t, "task", d.ClientAction.Kind)
	require.Equal(t, "Envoyer les textes", d.ClientAction.Detail)

	// A blocked task that is done no longer waits.
	r = v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "done"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	d = v.dashboard(t, v.client)
	require.Equal(t, "in_progress", d.Project.Status)
	require.Equal(t, 100, d.Project.Progress.Percent)

	// Override: the admin says "done"; the computed status stays visible.
	r = v.admin.Do("PATCH", v.base, map[string]any{"status": "done"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	d = v.dashboard(t, v.client)
	require.Equal(t, "done", d.Project.Status)
	require.Equal(t, "manual", d.Project.StatusSource)
	require.Equal(t, "in_progress", d.Project.ComputedStatus)
	r = v.admin.Do("PATCH", v.base, map[string]any{"status": "auto"})
	require.Equal(t, 200, r.Status)
	require.Equal(t, "auto", v.dashboard(t, v.client).Project.StatusSource)

	// Clients cannot change the status.
	r = v.client.Do("PATCH", v.base, map[string]any{"status": "done"})
	require.Equal(t, 403, r.Status)
}

// The « En attente client » column means what it says: a task dropped there
// waits on the client (with what the client must do), and leaving it or
// being done lifts the block. Nothing changes on a refused move.
func TestWaitingColumnBlocksTheTask(t *testing.T) {
	t.Parallel()
	v := setup(t)
	id := v.task(t, "Page À propos", nil)
	other := v.task(t, "Page Services", nil)

	r := v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "waiting_client"})
	require.Equal(t, 422, r.Status, "no reason given")
	require.Equal(t, "reason_required", r.Problem(t).Code)
	d := v.dashboard(t, v.client)
	require.Equal(t, "in_progress", d.Project.Status, "a refused move changes nothing")

	r = v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "waiting_client", "blockedReason": "  Envoyer les textes  "})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var task struct {
		Column  string
		Blocked struct {
			ByClient bool
			Reason   string
		}
	}
	r.JSON(t, &task)
	require.Equal(t, "waiting_client", task.Column)
	require.True(t, task.Blocked.ByClient)
	require.Equal(t, "Envoyer les textes", task.Blocked.Reason)
	d = v.dashboard(t, v.client)
	require.Equal(t, "waiting_client", d.Project.Status)
	require.Equal(t, "Envoyer les textes", d.ClientAction.Detail)

	// Reordering inside the column keeps the block without asking again;
	// unblocking it there is refused (move it out instead).
	require.Equal(t, 200, v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "waiting_client"}).Status)
	r = v.admin.Do("PATCH", v.base+"/tasks/"+id, map[string]any{"blockedByClient": false})
	require.Equal(t, 422, r.Status)
	require.Equal(t, "task_waiting_client", r.Problem(t).Code)
	// Created straight into the column, a task needs the reason too.
	r = v.admin.Do("POST", v.base+"/tasks", map[string]any{"title": "Logo", "column": "waiting_client"})
	require.Equal(t, 422, r.Status)
	require.Equal(t, "reason_required", r.Problem(t).Code)
	v.task(t, "Logo", map[string]any{"column": "waiting_client", "blockedByClient": true, "blockedReason": "Envoyer le logo vectoriel"})
	require.Equal(t, 2, v.dashboard(t, v.client).Project.WaitingItems)

	// Out of the column: no longer waiting. A task blocked elsewhere keeps
	// its block when it moves between other columns.
	require.Equal(t, 200, v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "in_progress"}).Status)
	require.Equal(t, 1, v.dashboard(t, v.client).Project.WaitingItems)
	r = v.admin.Do("PATCH", v.base+"/tasks/"+other, map[string]any{"blockedByClient": true, "blockedReason": "Valider le plan"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, 200, v.admin.Do("POST", v.base+"/tasks/"+other+"/move", map[string]any{"column": "in_progress"}).Status)
	require.Equal(t, 2, v.dashboard(t, v.client).Project.WaitingItems)
	require.Equal(t, 200, v.admin.Do("POST", v.base+"/tasks/"+other+"/move", map[string]any{"column": "done"}).Status)
	require.Equal(t, 1, v.dashboard(t, v.client).Project.WaitingItems)

	// The journal says it in the client's words.
	r = v.admin.Do("GET", v.base+"/activity?family=task", nil)
	require.Equal(t, 200, r.Status)
	var page struct{ Entries []struct{ Action string } }
	r.JSON(t, &page)
	var actions []string
	for _, e := range page.Entries {
		actions = append(actions, e.Action)
	}
	require.Contains(t, actions, "task.blocked")
	require.Contains(t, actions, "task.unblocked")
}

// Ball in court: days summed over waiting items, delivery shifted by them.
func TestBallInCourt(t *testing.T) {
	t.Parallel()
	v := setup(t)
	r := v.admin.Do("PATCH", v.base, map[string]any{"estimatedDelivery": "2026-04-30"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "contenu"})
	v.advance(t, 24*time.Hour)
	id := v.task(t, "Photos", nil)
	v.admin.Do("PATCH", v.base+"/tasks/"+id, map[string]any{"blockedByClient": true, "blockedReason": "Envoyer les photos"})
	v.advance(t, 3*24*time.Hour)
	d := v.dashboard(t, v.client)
	require.Equal(t, 2, d.BallInCourt.Items)
	require.Equal(t, 4+3, d.BallInCourt.Days)
	require.Equal(t, "2026-04-30", *d.BallInCourt.PlannedDelivery)
	require.Equal(t, "2026-05-07", *d.BallInCourt.ShiftedDelivery)
	// Oldest first.
	require.Equal(t, "approval", d.Waiting[0].Kind)
	require.Equal(t, 4, d.Waiting[0].Days)

	// « À vous de jouer » lists them across the client's projects.
	r = v.client.Do("GET", "/api/v1/w/studio/waiting", nil)
	require.Equal(t, 200, r.Status)
	var w struct {
		Items []struct{ Kind, Title string }
		Total int
	}
	r.JSON(t, &w)
	require.Len(t, w.Items, 2)
	require.Equal(t, 2, w.Total)
	require.Equal(t, "Validation du contenu", w.Items[0].Title)

	// Bounded: the oldest first, and how many in all.
	r = v.client.Do("GET", "/api/v1/w/studio/waiting?limit=1", nil)
	require.Equal(t, 200, r.Status)
	w.Items, w.Total = nil, 0
	r.JSON(t, &w)
	require.Len(t, w.Items, 1)
	require.Equal(t, 2, w.Total)
	require.Equal(t, "Validation du contenu", w.Items[0].Title)
	for _, bad := range []string{"0", "101", "x"} {
		require.Equal(t, 422, v.client.Do("GET", "/api/v1/w/studio/waiting?limit="+bad, nil).Status, bad)
	}
}

// The dashboard runs the same number of queries for 3 tasks as for 300.
func TestDashboard_BoundedQueries(t *testing.T) {
	t.Parallel()
	v := setup(t)
	measure := func() int64 {
		before := v.e.DB.Queries.Load()
		v.dashboard(t, v.admin)
		return v.e.DB.Queries.Load() - before
	}
	for i := 0; i < 3; i++ {
		v.task(t, fmt.Sprintf("T%d", i), nil)
	}
	small := measure()
	// Half of them waiting on the client, with a long reason each.
	_, err := v.e.DB.Super.Exec(t.Context(), `INSERT INTO tasks (workspace_id, project_id, title, board_column, rank, created_at, updated_at,
		blocked_by_client, blocked_reason, blocked_since)
		SELECT $1, $2, 'bulk ' || g, 'backlog', 'b' || lpad(g::text, 4, '0'), now(), now(),
		       g % 2 = 0, CASE WHEN g % 2 = 0 THEN repeat('Envoyer les textes. ', 20) ELSE '' END, CASE WHEN g % 2 = 0 THEN now() END
		FROM generate_series(1, 300) g`,
		v.ws.ID, strings.TrimPrefix(v.base, "/api/v1/w/studio/projects/"))
	require.NoError(t, err)
	require.Equal(t, small, measure())
	// Session and tenant scope in one round trip, the project, then eight
	// queries for the page itself.
	require.LessOrEqual(t, small, int64(12), "queries per dashboard")

	// The waiting list is the first few and a count (issue 10): the body
	// stays small however much waits.
	r := v.admin.Do("GET", v.base+"/dashboard", nil)
	require.Equal(t, 200, r.Status)
	require.Less(t, len(r.Body), 20_000, "dashboard body")
	var d struct {
		Waiting      []struct{ Title string }
		WaitingTotal int
		BallInCourt  struct{ Items int }
	}
	r.JSON(t, &d)
	require.Len(t, d.Waiting, 5)
	require.Equal(t, 150, d.WaitingTotal)
	require.Equal(t, 150, d.BallInCourt.Items)
}

func TestPhases_EditAndValidate(t *testing.T) {
	t.Parallel()
	v := setup(t)
	d := v.dashboard(t, v.admin)
	design := d.Phases[0].ID
	r := v.admin.Do("PUT", v.base+"/phases", map[string]any{"phases": []map[string]any{
		{"id": design, "name": "Conception", "plannedStart": "2026-03-01", "plannedEnd": "2026-03-15", "actualEnd": "2026-03-14"},
		{"name": "Contenus"},
		{"id": d.Phases[1].ID, "name": "Développement", "plannedEnd": "2026-04-15"},
	}})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	d = v.dashboard(t, v.client)
	require.Equal(t, []string{"Conception", "Contenus", "Développement"}, []string{d.Phases[0].Name, d.Phases[1].Name, d.Phases[2].Name})
	require.Equal(t, "done", d.Phases[0].State)
	require.Equal(t, "current", d.Phases[1].State)
	require.Equal(t, "2026-04-15", *d.BallInCourt.PlannedDelivery)

	// Bad input changes nothing: end before start, unknown phase id, bad date.
	for _, bad := range []map[string]any{
		{"phases": []map[string]any{{"name": "X", "plannedStart": "2026-03-10", "plannedEnd": "2026-03-01"}}},
		{"phases": []map[string]any{{"id": "7f000000-0000-4000-8000-000000000000", "name": "X"}}},
		{"phases": []map[string]any{{"name": "X", "plannedEnd": "31/03/2026"}}},
		{"phases": []map[string]any{}},
	} {
		r := v.admin.Do("PUT", v.base+"/phases", bad)
		require.Equal(t, 422, r.Status, "%s", r.Body)
	}
	require.Len(t, v.dashboard(t, v.admin).Phases, 3)
	require.Equal(t, 403, v.client.Do("PUT", v.base+"/phases", map[string]any{"phases": []map[string]any{{"name": "X"}}}).Status)
}

func TestApprovals(t *testing.T) {
	t.Parallel()
	v := setup(t)
	r := v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "custom"})
	require.Equal(t, 422, r.Status, "a custom approval needs a title")
	r = v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "livraison"})
	require.Equal(t, 201, r.Status)
	var a struct{ ID, Status string }
	r.JSON(t, &a)
	require.Equal(t, "pending", a.Status)
	path := v.base + "/approvals/" + a.ID

	require.Equal(t, 403, v.admin.Do("POST", path+"/decision", map[string]any{"decision": "approved"}).Status, "admins do not approve for the client")
	r = v.client.Do("POST", path+"/decision", map[string]any{"decision": "changes_requested"})
	require.Equal(t, 422, r.Status, "asking for changes needs a comment")
	r = v.client.Do("POST", path+"/decision", map[string]any{"decision": "changes_requested", "comment": "Le logo est trop petit"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = v.client.Do("POST", path+"/decision", map[string]any{"decision": "approved"})
	require.Equal(t, 409, r.Status, "deciding twice")
	require.Contains(t, string(r.Body), "already_decided")
	require.Equal(t, 409, v.admin.Do("POST", path+"/cancel", nil).Status)

	// History: date, author and comment kept.
	r = v.admin.Do("GET", v.base+"/approvals", nil)
	var list struct {
		Approvals []struct {
			Status, Comment, DecidedByName string
			DecidedAt                      *time.Time
		}
	}
	r.JSON(t, &list)
	require.Len(t, list.Approvals, 1)
	require.Equal(t, "changes_requested", list.Approvals[0].Status)
	require.Equal(t, "Le logo est trop petit", list.Approvals[0].Comment)
	require.Equal(t, "client", list.Approvals[0].DecidedByName)
	require.NotNil(t, list.Approvals[0].DecidedAt)
	// Approvals are never deleted or rewritten by the app role, whatever
	// the code path: the database refuses it too.
	_, err := v.e.DB.App.Exec(t.Context(), "DELETE FROM approvals")
	require.ErrorContains(t, err, "permission denied")
	as := func(user uuid.UUID, role, sql string) error {
		return db.Tx(t.Context(), v.e.DB.App, db.Scope{WorkspaceID: v.ws.ID, UserID: user, Role: role}, func(tx pgx.Tx, _ *dbq.Queries) error {
			tag, err := tx.Exec(t.Context(), sql)
			if err == nil && tag.RowsAffected() != 1 {
				return fmt.Errorf("%d rows", tag.RowsAffected())
			}
			return err
		})
	}
	require.ErrorContains(t, as(v.clientUser.ID, "client", "UPDATE approvals SET comment = 'Tout est parfait'"), "never changes")
	require.ErrorContains(t, as(v.adminUser.ID, "admin", "UPDATE approvals SET status = 'approved'"), "never changes")
	r = v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "maquette"})
	require.Equal(t, 201, r.Status)
	pendingOnly := "UPDATE approvals SET %s WHERE status = 'pending'"
	require.ErrorContains(t, as(v.adminUser.ID, "admin", fmt.Sprintf(pendingOnly, "status = 'approved', decided_by = '"+v.adminUser.ID.String()+"', decided_at = now()")), "only the client decides")
	require.ErrorContains(t, as(v.clientUser.ID, "client", fmt.Sprintf(pendingOnly, "status = 'cancelled', decided_by = '"+v.clientUser.ID.String()+"', decided_at = now()")), "only an admin cancels")
	require.ErrorContains(t, as(v.clientUser.ID, "client", fmt.Sprintf(pendingOnly, "title = 'Autre chose'")), "only its decision may change")
	require.ErrorContains(t, as(v.clientUser.ID, "client", fmt.Sprintf(pendingOnly, "status = 'approved', decided_by = '"+v.adminUser.ID.String()+"', decided_at = now()")), "in their own name")
	r = v.admin.Do("GET", v.base+"/approvals", nil)
	list.Approvals = nil
	r.JSON(t, &list)
	require.Len(t, list.Approvals, 2)
	statuses := map[string]string{}
	for _, a := range list.Approvals {
		statuses[a.Status] = a.Comment
	}
	require.Equal(t, map[string]string{"changes_requested": "Le logo est trop petit", "pending": ""}, statuses, "nothing was rewritten")
}

func TestNotes_PrivateToAdmins(t *testing.T) {
	t.Parallel()
	v := setup(t)
	r := v.admin.Do("POST", v.base+"/notes", map[string]any{"body": "Client exigeant sur les délais"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	r = v.admin.Do("POST", "/api/v1/w/studio/clients/"+v.clientUser.ID.String()+"/notes", map[string]any{"body": "Préfère le téléphone"})
	require.Equal(t, 201, r.Status, "%s", r.Body)

	require.Equal(t, 403, v.client.Do("GET", v.base+"/notes", nil).Status)
	require.Equal(t, 403, v.client.Do("GET", "/api/v1/w/studio/clients/"+v.clientUser.ID.String()+"/notes", nil).Status)
	// Notes « about a client » are about clients: not about an admin.
	r = v.admin.Do("POST", "/api/v1/w/studio/clients/"+v.adminUser.ID.String()+"/notes", map[string]any{"body": "Collègue"})
	require.Equal(t, 404, r.Status, "%s", r.Body)
	// The client's activity timeline does not mention notes.
	r = v.client.Do("GET", v.base+"/activity", nil)
	require.NotContains(t, string(r.Body), "note.")
	r = v.admin.Do("GET", v.base+"/activity?family=note", nil)
	require.Contains(t, string(r.Body), "note.created")

	// Even a query that forgets the role check finds nothing for a client:
	// the policy itself requires the admin role.
	tx, err := v.e.DB.App.Begin(t.Context())
	require.NoError(t, err)
	defer tx.Rollback(t.Context())
	_, err = tx.Exec(t.Context(), "SELECT set_config('app.workspace_id', $1, true), set_config('app.user_id', $2, true), set_config('app.role', 'client', true)",
		v.ws.ID.String(), v.clientUser.ID.String())
	require.NoError(t, err)
	var n int
	require.NoError(t, tx.QueryRow(t.Context(), "SELECT count(*) FROM notes").Scan(&n))
	require.Zero(t, n)

	// A note of 1 MB is refused with a clear error and nothing stored.
	big := strings.Repeat("é", 600_000)
	r = v.admin.Do("POST", v.base+"/notes", map[string]any{"body": big})
	require.Contains(t, []int{413, 422}, r.Status)
	r = v.admin.Do("GET", v.base+"/notes", nil)
	var notes struct{ Notes []struct{ Body string } }
	r.JSON(t, &notes)
	require.Len(t, notes.Notes, 1)
}

// Every change writes its activity entry, in order, with the actor's name.
func TestActivityEntries(t *testing.T) {
	t.Parallel()
	v := setup(t)
	id := v.task(t, "Maquette accueil", nil)
	v.admin.Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": "in_progress"})
	v.admin.Do("PATCH", v.base+"/tasks/"+id, map[string]any{"blockedByClient": true, "blockedReason": "Choisir la photo"})
	v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "maquette"})
	r := v.admin.Do("GET", v.base+"/activity", nil)
	var a struct {
		Entries []struct {
			Action, ActorName string
			Data              map[string]any
			At                time.Time
		}
	}
	r.JSON(t, &a)
	var actions []string
	for _, e := range a.Entries {
		actions = append(actions, e.Action)
	}
	require.Equal(t, []string{"approval.requested", "task.blocked", "task.moved", "task.created", "project.created"}, actions)
	require.Equal(t, "admin", a.Entries[2].ActorName)
	require.Equal(t, "En cours", a.Entries[2].Data["toLabel"])
	require.Equal(t, time.UTC, a.Entries[0].At.Location())

	// Filters and pagination.
	r = v.admin.Do("GET", v.base+"/activity?family=task&limit=2", nil)
	var page struct {
		Entries    []struct{ Action string }
		NextBefore *int64
	}
	r.JSON(t, &page)
	require.Len(t, page.Entries, 2)
	require.NotNil(t, page.NextBefore)
	r = v.admin.Do("GET", fmt.Sprintf("%s/activity?family=task&limit=2&before=%d", v.base, *page.NextBefore), nil)
	r.JSON(t, &page)
	require.Len(t, page.Entries, 1)
	require.Equal(t, "task.created", page.Entries[0].Action)
}

// Concurrent moves never corrupt the order: every column stays strictly
// ordered and no task is lost or duplicated.
func TestConcurrentMoves(t *testing.T) {
	t.Parallel()
	v := setup(t)
	ids := []string{}
	for i := 0; i < 12; i++ {
		ids = append(ids, v.task(t, fmt.Sprintf("T%02d", i), nil))
	}
	cols := []string{"backlog", "in_progress", "waiting_client", "done"}
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				id := ids[(w*7+i*5)%len(ids)]
				body := map[string]any{"column": cols[(w+i)%len(cols)], "blockedReason": "Retour attendu"}
				r := v.admin.Do("POST", v.base+"/tasks/"+id+"/move", body)
				if r.Status != 200 {
					t.Errorf("move: %d %s", r.Status, r.Body)
				}
			}
		}(w)
	}
	wg.Wait()
	r := v.admin.Do("GET", v.base+"/board", nil)
	var b struct {
		Columns []struct {
			Key   string
			Tasks []struct{ ID, Rank string }
		}
	}
	r.JSON(t, &b)
	seen := map[string]bool{}
	for _, c := range b.Columns {
		for i, task := range c.Tasks {
			require.False(t, seen[task.ID])
			seen[task.ID] = true
			if i > 0 {
				require.Less(t, c.Tasks[i-1].Rank, task.Rank, "column %s out of order", c.Key)
			}
		}
	}
	require.Len(t, seen, len(ids))
}

// The journal is ordered by when things happened, not by insertion order:
// an entry written later about an earlier moment (a back-dated clock here)
// sorts below the newer ones, and paging with before= follows that order.
func TestActivityOrderedByTime(t *testing.T) {
	t.Parallel()
	v := setup(t)
	v.task(t, "Récente", nil)
	v.e.Clock.Advance(-48 * time.Hour)
	v.task(t, "Ancienne", nil)
	v.e.Clock.Advance(48 * time.Hour)

	type entry struct {
		ID     int64
		Action string
		Data   map[string]any
	}
	titles := func(es []entry) []string {
		var out []string
		for _, e := range es {
			title, _ := e.Data["title"].(string)
			out = append(out, e.Action+":"+title)
		}
		return out
	}
	var all struct{ Entries []entry }
	v.admin.Do("GET", v.base+"/activity", nil).JSON(t, &all)
	want := []string{"task.created:Récente", "project.created:", "task.created:Ancienne"}
	require.Equal(t, want, titles(all.Entries))

	// One entry a page: the cursor walks the same order, nothing lost or repeated.
	var walked []entry
	url := v.base + "/activity?limit=1"
	for range 10 {
		var page struct {
			Entries    []entry
			NextBefore *int64
		}
		r := v.admin.Do("GET", url, nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		r.JSON(t, &page)
		walked = append(walked, page.Entries...)
		if page.NextBefore == nil || len(page.Entries) == 0 {
			break
		}
		url = fmt.Sprintf("%s/activity?limit=1&before=%d", v.base, *page.NextBefore)
	}
	require.Equal(t, want, titles(walked))
}

// « Voir comme le client »: ?as=client makes an admin's activity and
// dashboard answer exactly what the client receives, and never gives anyone
// more (a client asking for it, or for anything else, gets the same).
func TestViewAsClient_OnlyLowers(t *testing.T) {
	t.Parallel()
	v := setup(t)
	r := v.admin.Do("POST", v.base+"/notes", map[string]any{"body": "Relancer vendredi"})
	require.Equal(t, 201, r.Status, "%s", r.Body)

	// The last entry is the admin-only note: the client's dashboard does not
	// report it as the last update (nor does the preview).
	var admin, client, preview struct {
		LastUpdate *struct{ Action string } `json:"lastUpdate"`
	}
	v.admin.Do("GET", v.base+"/dashboard", nil).JSON(t, &admin)
	v.client.Do("GET", v.base+"/dashboard", nil).JSON(t, &client)
	v.admin.Do("GET", v.base+"/dashboard?as=client", nil).JSON(t, &preview)
	require.Equal(t, "note.created", admin.LastUpdate.Action)
	require.NotEqual(t, "note.created", client.LastUpdate.Action)
	require.Equal(t, client.LastUpdate, preview.LastUpdate)

	adminLog := v.admin.Do("GET", v.base+"/activity", nil)
	require.Contains(t, string(adminLog.Body), "note.created")
	previewLog := v.admin.Do("GET", v.base+"/activity?as=client", nil)
	clientLog := v.client.Do("GET", v.base+"/activity", nil)
	require.Equal(t, 200, previewLog.Status)
	require.JSONEq(t, string(clientLog.Body), string(previewLog.Body), "the preview is the client's journal, no more, no less")
	require.JSONEq(t, string(clientLog.Body), string(v.client.Do("GET", v.base+"/activity?as=client", nil).Body))
	require.Equal(t, 422, v.client.Do("GET", v.base+"/activity?as=admin", nil).Status, "no value raises anyone")
	require.Equal(t, 422, v.admin.Do("GET", v.base+"/dashboard?as=admin", nil).Status)
}

// The history pages by keyset, newest first; the dashboard carries the
// pending approvals, the latest five decided and the history's total.
func TestApprovals_Pages(t *testing.T) {
	t.Parallel()
	v := setup(t)
	var ids []string
	for i := 0; i < 8; i++ {
		r := v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "custom", "title": fmt.Sprintf("Validation %d", i)})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var a struct{ ID string }
		r.JSON(t, &a)
		ids = append(ids, a.ID)
		v.advance(t, time.Minute)
	}
	// Seven decided, one pending (the newest).
	for _, id := range ids[:7] {
		require.Equal(t, 200, v.client.Do("POST", v.base+"/approvals/"+id+"/decision", map[string]any{"decision": "approved"}).Status)
	}
	type page struct {
		Approvals  []struct{ ID, Title, Status string }
		NextBefore *string
	}
	var seen []string
	before := ""
	for n := 0; ; n++ {
		require.Less(t, n, 5, "pages never end")
		r := v.client.Do("GET", v.base+"/approvals?decided=true&limit=3"+before, nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var p page
		r.JSON(t, &p)
		for _, a := range p.Approvals {
			require.Equal(t, "approved", a.Status)
			seen = append(seen, a.Title)
		}
		if p.NextBefore == nil {
			break
		}
		before = "&before=" + *p.NextBefore
	}
	require.Equal(t, []string{"Validation 6", "Validation 5", "Validation 4", "Validation 3", "Validation 2", "Validation 1", "Validation 0"}, seen)

	r := v.client.Do("GET", v.base+"/approvals?status=pending", nil)
	var p page
	r.JSON(t, &p)
	require.Len(t, p.Approvals, 1)
	require.Equal(t, "Validation 7", p.Approvals[0].Title)
	require.Nil(t, p.NextBefore)

	// An unknown cursor gives an empty page, a malformed one a 422.
	r = v.client.Do("GET", v.base+"/approvals?before="+uuid.NewString(), nil)
	require.Equal(t, 200, r.Status)
	p = page{}
	r.JSON(t, &p)
	require.Empty(t, p.Approvals)
	require.Equal(t, 422, v.client.Do("GET", v.base+"/approvals?before=x", nil).Status)
	require.Equal(t, 422, v.client.Do("GET", v.base+"/approvals?limit=201", nil).Status)

	r = v.client.Do("GET", v.base+"/dashboard", nil)
	var d struct {
		Approvals            []struct{ Title, Status string }
		ApprovalHistoryTotal int
	}
	r.JSON(t, &d)
	require.Equal(t, 7, d.ApprovalHistoryTotal)
	require.Len(t, d.Approvals, 1+5)
	require.Equal(t, "pending", d.Approvals[0].Status)
	require.Equal(t, "Validation 6", d.Approvals[1].Title)
}

// ProjectWaitingFirst cuts each branch of waiting_on_client to its first
// few before merging them: whatever the cut, it returns exactly the
// view's first rows, in the view's order, for every kind of item.
func TestWaitingFirstMatchesView(t *testing.T) {
	t.Parallel()
	v := setup(t)
	project := strings.TrimPrefix(v.base, "/api/v1/w/studio/projects/")
	ticket := func(title string) string {
		r := v.client.Do("POST", v.base+"/tickets", map[string]any{"type": "modif", "title": title, "description": "Détail"})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var tk struct{ ID string }
		r.JSON(t, &tk)
		return tk.ID
	}
	// Every kind, interleaved in time, several of each.
	for i := range 3 {
		r := v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "contenu", "description": fmt.Sprint("Textes ", i)})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		v.advance(t, time.Hour)
		v.task(t, fmt.Sprint("Photos ", i), map[string]any{"blockedByClient": true, "blockedReason": fmt.Sprint("Envoyer les photos ", i)})
		v.advance(t, time.Hour)
		id := ticket(fmt.Sprint("Question ", i))
		r = v.admin.Do("POST", v.base+"/tickets/"+id+"/decision", map[string]any{"action": "clarify", "message": fmt.Sprint("Précisez ", i)})
		require.Equal(t, 200, r.Status, "%s", r.Body)
		v.advance(t, time.Hour)
		id = ticket(fmt.Sprint("Option ", i))
		r = v.admin.Do("POST", v.base+"/tickets/"+id+"/decision", map[string]any{"action": "price", "priceCents": 15000, "priceDescription": "Une journée"})
		require.Equal(t, 200, r.Status, "%s", r.Body)
		v.advance(t, time.Hour)
		r = v.admin.Do("POST", v.base+"/payments", map[string]any{"kind": "jalon", "title": fmt.Sprint("Jalon ", i), "amountCents": 90000})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		v.advance(t, time.Hour)
	}
	ctx := t.Context()
	type item struct {
		Kind, SubKind, ID, Title, Detail string
		Since                            time.Time
	}
	var view []item
	rows, err := v.e.DB.Super.Query(ctx, `SELECT kind, sub_kind, id::text, title, detail, since FROM waiting_on_client
		WHERE project_id = $1 ORDER BY since, id`, project)
	require.NoError(t, err)
	for rows.Next() {
		var it item
		require.NoError(t, rows.Scan(&it.Kind, &it.SubKind, &it.ID, &it.Title, &it.Detail, &it.Since))
		view = append(view, it)
	}
	require.NoError(t, rows.Err())
	kinds := map[string]int{}
	for _, it := range view {
		kinds[it.Kind]++
	}
	require.Equal(t, map[string]int{"approval": 3, "task": 3, "request": 6, "payment": 3}, kinds)
	pid := uuid.MustParse(project)
	for _, max := range []int32{1, 2, 3, 5, 7, 15, 100} {
		var got []item
		err := db.Tx(ctx, v.e.DB.App, db.Scope{WorkspaceID: v.ws.ID, UserID: v.adminUser.ID, Role: "admin"}, func(_ pgx.Tx, q *dbq.Queries) error {
			rs, err := q.ProjectWaitingFirst(ctx, dbq.ProjectWaitingFirstParams{ProjectID: pid, Max: max})
			for _, r := range rs {
				got = append(got, item{r.Kind, r.SubKind, r.ID.String(), r.Title, r.Detail, r.Since})
			}
			return err
		})
		require.NoError(t, err)
		want := view[:min(int(max), len(view))]
		require.Equal(t, len(want), len(got), "max %d", max)
		for i := range want {
			require.Equal(t, want[i].ID, got[i].ID, "max %d, row %d", max, i)
			require.Equal(t, want[i], item{got[i].Kind, got[i].SubKind, got[i].ID, got[i].Title, got[i].Detail, got[i].Since.In(want[i].Since.Location())}, "max %d, row %d", max, i)
		}
	}
}
