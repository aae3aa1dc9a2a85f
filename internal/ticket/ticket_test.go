package ticket_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/ticket"
)

func pngBytes(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: 120, B: uint8(y), A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

type ticketView struct {
	ID, Status, Title, Type, RefusalReason string
	Number                                 int
	TaskID                                 *string
	RefusedByClient                        bool
	Price                                  *struct {
		Cents       int64
		Description string
		DelayDays   *int
	}
	DuplicateOf *struct {
		ID     string
		Number int
	}
	Actions []string
}

type threadView struct {
	Ticket      ticketView
	Attachments []struct{ FileID, Name string }
	Comments    []struct {
		ID, Body      string
		Internal      bool
		Decision      *string
		EditedAt      *string
		AuthorIsAdmin bool
		Attachments   []struct{ FileID, Name string }
	}
	AttachmentsFolderID string
}

type fixture struct {
	e              *apitest.Env
	ws             apitest.Workspace
	admin, client  apitest.User
	ac, cc         *apitest.Client
	project, other uuid.UUID
	base           string
}

func setup(t *testing.T) *fixture {
	t.Helper()
	e := apitest.New(t)
	f := &fixture{e: e}
	f.admin, f.client = e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	f.ws = e.CreateWorkspace("studio", f.admin)
	f.project = e.CreateProject(f.ws, "Refonte", f.client)
	f.other = e.CreateProject(f.ws, "Autre")
	f.base = "/api/v1/w/studio/projects/" + f.project.String() + "/tickets"
	f.ac, f.cc = e.Client(), e.Client()
	f.ac.Login(f.admin.Email, f.admin.Password)
	f.cc.Login(f.client.Email, f.client.Password)
	return f
}

func (f *fixture) create(t *testing.T, c *apitest.Client, body map[string]any) ticketView {
	t.Helper()
	r := c.Do("POST", f.base, body)
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var v ticketView
	r.JSON(t, &v)
	return v
}

func (f *fixture) thread(t *testing.T, c *apitest.Client, id string) threadView {
	t.Helper()
	r := c.Do("GET", f.base+"/"+id, nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var v threadView
	r.JSON(t, &v)
	return v
}

func (f *fixture) decide(c *apitest.Client, id string, body map[string]any) *apitest.Response {
	return c.Do("POST", f.base+"/"+id+"/decision", body)
}

// row is the stored state of a request, to check a refused call changed nothing.
func (f *fixture) row(t *testing.T, id string) string {
	t.Helper()
	var s string
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT row_to_json(tk)::text || (SELECT count(*) FROM ticket_comments c WHERE c.ticket_id = tk.id)::text
		|| (SELECT count(*) FROM tasks x WHERE x.ticket_id = tk.id)::text FROM tickets tk WHERE id = $1`, id).Scan(&s))
	return s
}

func code(t *testing.T, r *apitest.Response, status int, code string) {
	t.Helper()
	require.Equal(t, status, r.Status, "%s", r.Body)
	require.Equal(t, code, r.Problem(t).Code, "%s", r.Body)
}

// TestRequestFlow walks the spec's workflow over HTTP: a client opens a
// request, the admin asks to clarify, the client answers, the admin
// accepts (a backlog task with the badge and the link); a second request
// is priced and the client refuses it; a third is priced, accepted and
// paid (MarkPaid, as the billing module will call it).
func TestRequestFlow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	bug := f.create(t, f.cc, map[string]any{"type": "bug", "title": "  Le formulaire plante  ", "description": "**Étapes** : …"})
	require.Equal(t, 1, bug.Number)
	require.Equal(t, "new", bug.Status)
	require.Equal(t, "Le formulaire plante", bug.Title)
	require.Empty(t, bug.Actions, "a client has nothing to decide on a new request")

	// The board's « Demandes client » column and the triage list it.
	var board struct {
		Requests []struct {
			ID     string
			Number int
			Status string
		}
		RequestCount int
	}
	r := f.ac.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/board", nil)
	require.Equal(t, 200, r.Status)
	r.JSON(t, &board)
	require.Equal(t, 1, board.RequestCount)
	require.Equal(t, bug.ID, board.Requests[0].ID)
	var triage struct {
		Items []struct{ ID, ProjectName string }
	}
	r = f.ac.Do("GET", "/api/v1/w/studio/tickets/triage", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r.JSON(t, &triage)
	require.Len(t, triage.Items, 1)
	require.Equal(t, "Refonte", triage.Items[0].ProjectName)
	code(t, f.cc.Do("GET", "/api/v1/w/studio/tickets/triage", nil), 403, "forbidden")

	// À clarifier needs the question; then the request waits on the client.
	code(t, f.decide(f.ac, bug.ID, map[string]any{"action": "clarify"}), 422, "message_required")
	r = f.decide(f.ac, bug.ID, map[string]any{"action": "clarify", "message": "Sur quel navigateur ?"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var dash struct {
		Project struct {
			ComputedStatus string
			WaitingItems   int
		}
		Waiting []struct{ Kind, SubKind, Detail string }
	}
	r = f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/dashboard", nil)
	require.Equal(t, 200, r.Status)
	r.JSON(t, &dash)
	require.Equal(t, "waiting_client", dash.Project.ComputedStatus)
	require.Len(t, dash.Waiting, 1)
	require.Equal(t, "request", dash.Waiting[0].Kind)
	require.Equal(t, "clarify", dash.Waiting[0].SubKind)
	require.Equal(t, "Sur quel navigateur ?", dash.Waiting[0].Detail)

	// The client answers in the thread: back to the admin.
	r = f.cc.Do("POST", f.base+"/"+bug.ID+"/comments", map[string]any{"body": "Firefox 140"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	th := f.thread(t, f.cc, bug.ID)
	require.Equal(t, "new", th.Ticket.Status)
	require.Len(t, th.Comments, 2)
	require.Equal(t, "clarify", *th.Comments[0].Decision)
	require.True(t, th.Comments[0].AuthorIsAdmin)
	require.Equal(t, "Firefox 140", th.Comments[1].Body)

	// Accepted: one task in the backlog, with the badge and both links.
	r = f.decide(f.ac, bug.ID, map[string]any{"action": "accept", "message": "On s'en occupe."})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var accepted ticketView
	r.JSON(t, &accepted)
	require.Equal(t, "accepted", accepted.Status)
	require.NotNil(t, accepted.TaskID)
	var tb struct {
		Columns []struct {
			Key   string
			Tasks []struct {
				ID, Title, Origin string
				RequestID         *string
			}
		}
		RequestCount int
	}
	r = f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/board", nil)
	r.JSON(t, &tb)
	require.Equal(t, 0, tb.RequestCount)
	require.Equal(t, "backlog", tb.Columns[0].Key)
	require.Len(t, tb.Columns[0].Tasks, 1)
	task := tb.Columns[0].Tasks[0]
	require.Equal(t, *accepted.TaskID, task.ID)
	require.Equal(t, "request", task.Origin)
	require.Equal(t, bug.ID, *task.RequestID)
	require.Equal(t, "Le formulaire plante", task.Title)

	// Accepting again, or accepting a refused one: 409, nothing changed.
	before := f.row(t, bug.ID)
	code(t, f.decide(f.ac, bug.ID, map[string]any{"action": "accept"}), 409, "request_transition")
	require.Equal(t, before, f.row(t, bug.ID))

	// A priced request, refused by the client with a reason.
	modif := f.create(t, f.cc, map[string]any{"type": "modif", "title": "Ajouter une page Équipe"})
	require.Equal(t, 2, modif.Number)
	code(t, f.decide(f.ac, modif.ID, map[string]any{"action": "refuse"}), 422, "message_required")
	code(t, f.decide(f.ac, modif.ID, map[string]any{"action": "price"}), 422, "price_required")
	code(t, f.decide(f.ac, modif.ID, map[string]any{"action": "price", "priceCents": 35000}), 422, "price_required")
	for _, cents := range []int64{0, -1, 49, 100000001} {
		before := f.row(t, modif.ID)
		r := f.decide(f.ac, modif.ID, map[string]any{"action": "price", "priceCents": cents, "priceDescription": "Page Équipe"})
		require.Equal(t, 422, r.Status, "price %d: %s", cents, r.Body)
		require.Equal(t, before, f.row(t, modif.ID))
	}
	r = f.decide(f.ac, modif.ID, map[string]any{"action": "price", "priceCents": 35000, "priceDescription": "Page Équipe, 6 portraits", "priceDelayDays": 10})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var priced ticketView
	r.JSON(t, &priced)
	require.Equal(t, "priced", priced.Status)
	require.Equal(t, int64(35000), priced.Price.Cents)
	require.Equal(t, 10, *priced.Price.DelayDays)
	// The admin cannot answer for the client; the client cannot decide.
	code(t, f.ac.Do("POST", f.base+"/"+modif.ID+"/price-answer", map[string]any{"accept": true}), 403, "client_only")
	for _, a := range []string{"clarify", "refuse", "accept", "price", "duplicate", "reopen"} {
		before := f.row(t, modif.ID)
		r := f.decide(f.cc, modif.ID, map[string]any{"action": a, "message": "x", "priceCents": 100, "priceDescription": "x"})
		require.Equal(t, 403, r.Status, "client %s: %s", a, r.Body)
		require.Equal(t, before, f.row(t, modif.ID))
	}
	r = f.cc.Do("POST", f.base+"/"+modif.ID+"/price-answer", map[string]any{"accept": false, "reason": "Trop cher pour l'instant"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var refused ticketView
	r.JSON(t, &refused)
	require.Equal(t, "refused", refused.Status)
	require.True(t, refused.RefusedByClient)
	require.Equal(t, "Trop cher pour l'instant", refused.RefusalReason)
	code(t, f.cc.Do("POST", f.base+"/"+modif.ID+"/price-answer", map[string]any{"accept": true}), 409, "request_transition")
	code(t, f.decide(f.ac, modif.ID, map[string]any{"action": "accept"}), 409, "request_transition")
	// Reopen (admin) brings it back to the decision.
	r = f.decide(f.ac, modif.ID, map[string]any{"action": "reopen"})
	require.Equal(t, 200, r.Status, "%s", r.Body)

	// Doublon: of another request of the same project only.
	dup := f.create(t, f.cc, map[string]any{"type": "question", "title": "Le formulaire ne marche pas"})
	code(t, f.decide(f.ac, dup.ID, map[string]any{"action": "duplicate"}), 422, "duplicate_invalid")
	code(t, f.decide(f.ac, dup.ID, map[string]any{"action": "duplicate", "duplicateOf": dup.ID}), 422, "duplicate_invalid")
	code(t, f.decide(f.ac, dup.ID, map[string]any{"action": "duplicate", "duplicateOf": uuid.NewString()}), 422, "duplicate_invalid")
	r = f.decide(f.ac, dup.ID, map[string]any{"action": "duplicate", "duplicateOf": bug.ID})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var dv ticketView
	r.JSON(t, &dv)
	require.Equal(t, 1, dv.DuplicateOf.Number)

	// Priced, accepted by the client, paid: the task appears by itself,
	// once, however many times the payment is reported.
	paid := f.create(t, f.cc, map[string]any{"type": "amelioration", "title": "Mode sombre"})
	require.Equal(t, 200, f.decide(f.ac, paid.ID, map[string]any{"action": "price", "priceCents": 9900, "priceDescription": "Thème sombre"}).Status)
	r = f.cc.Do("POST", f.base+"/"+paid.ID+"/price-answer", map[string]any{"accept": true})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var pending ticketView
	r.JSON(t, &pending)
	require.Equal(t, "payment_pending", pending.Status)
	require.Nil(t, pending.TaskID)
	deps := f.e.Portal.Deps
	for range 3 {
		err := db.Tx(context.Background(), f.e.DB.App, db.SystemScope(f.ws.ID, db.Purpose("test-payments")), func(tx pgx.Tx, q *dbq.Queries) error {
			return ticket.MarkPaid(context.Background(), deps.SystemTenant(context.Background(), tx, q, f.ws.ID), uuid.MustParse(paid.ID))
		})
		require.NoError(t, err)
	}
	th = f.thread(t, f.cc, paid.ID)
	require.Equal(t, "paid", th.Ticket.Status)
	require.NotNil(t, th.Ticket.TaskID)
	var tasks int
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM tasks WHERE ticket_id = $1 AND origin = 'request'`, paid.ID).Scan(&tasks))
	require.Equal(t, 1, tasks)
	// MarkPaid on a request that is not waiting for payment changes
	// nothing (and does not fail: the payment itself stays recorded).
	err := db.Tx(context.Background(), f.e.DB.App, db.SystemScope(f.ws.ID, db.Purpose("test-payments")), func(tx pgx.Tx, q *dbq.Queries) error {
		return ticket.MarkPaid(context.Background(), deps.SystemTenant(context.Background(), tx, q, f.ws.ID), uuid.MustParse(dup.ID))
	})
	require.NoError(t, err)
	require.Equal(t, "duplicate", f.thread(t, f.cc, dup.ID).Ticket.Status)
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM tasks WHERE ticket_id = $1`, dup.ID).Scan(&tasks))
	require.Zero(t, tasks)

	// The activity says it in order.
	rows, err := f.e.DB.Super.Query(context.Background(), `SELECT action FROM activity WHERE object_type = 'request' AND object_id = $1 ORDER BY id`, bug.ID)
	require.NoError(t, err)
	var actions []string
	for rows.Next() {
		var a string
		require.NoError(t, rows.Scan(&a))
		actions = append(actions, a)
	}
	rows.Close()
	require.Equal(t, []string{ticket.ActionCreated, ticket.ActionClarify, ticket.ActionCommented, ticket.ActionAnswered, ticket.ActionAccepted}, actions)
}

// TestInternalNotesNeverReachTheClient: an admin's internal note is in the
// admin's thread and in no client response, and the database itself
// hides it from a client's scope.
func TestInternalNotesNeverReachTheClient(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tk := f.create(t, f.cc, map[string]any{"type": "question", "title": "Délais ?"})
	const secret = "Client difficile, facturer large"
	r := f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": secret, "internal": true})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	r = f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "Réponse publique"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "x", "internal": true}), 403, "forbidden")

	admin := f.thread(t, f.ac, tk.ID)
	require.Len(t, admin.Comments, 2)
	require.True(t, admin.Comments[0].Internal)
	client := f.thread(t, f.cc, tk.ID)
	require.Len(t, client.Comments, 1)
	require.Equal(t, "Réponse publique", client.Comments[0].Body)
	for _, path := range []string{f.base + "/" + tk.ID, f.base, "/api/v1/w/studio/projects/" + f.project.String() + "/dashboard",
		"/api/v1/w/studio/projects/" + f.project.String() + "/activity", "/api/v1/w/studio/waiting"} {
		r := f.cc.Do("GET", path, nil)
		require.Equal(t, 200, r.Status, "%s: %s", path, r.Body)
		require.NotContains(t, string(r.Body), secret, path)
		require.NotContains(t, string(r.Body), "request.noted", path)
	}
	// The client cannot edit the note either (he cannot even see it).
	code(t, f.cc.Do("PATCH", f.base+"/"+tk.ID+"/comments/"+admin.Comments[0].ID, map[string]any{"body": "x"}), 404, "not_found")

	// RLS, below the API: a client's scope reads no internal row.
	var n int
	err := db.Tx(context.Background(), f.e.DB.App, db.Scope{WorkspaceID: f.ws.ID, UserID: f.client.ID, Role: "client"}, func(tx pgx.Tx, _ *dbq.Queries) error {
		return tx.QueryRow(context.Background(), `SELECT count(*) FROM ticket_comments WHERE internal`).Scan(&n)
	})
	require.NoError(t, err)
	require.Zero(t, n)
	// Nor can a client's scope write one, even bypassing the API.
	err = db.Tx(context.Background(), f.e.DB.App, db.Scope{WorkspaceID: f.ws.ID, UserID: f.client.ID, Role: "client"}, func(tx pgx.Tx, _ *dbq.Queries) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO ticket_comments (workspace_id, project_id, ticket_id, author_id, body, internal, created_at)
			VALUES ($1, $2, $3, $4, 'x', true, now())`, f.ws.ID, f.project, tk.ID, f.client.ID)
		return err
	})
	require.Error(t, err)
}

// TestComments: edit one's own comment (« modifié »), not another's, not
// a decision's message; a comment on another project's request is 404.
func TestComments(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tk := f.create(t, f.cc, map[string]any{"type": "bug", "title": "Bug"})
	r := f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "Premier jet"})
	require.Equal(t, 201, r.Status)
	var c struct{ ID string }
	r.JSON(t, &c)
	r = f.cc.Do("PATCH", f.base+"/"+tk.ID+"/comments/"+c.ID, map[string]any{"body": "Version corrigée"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	code(t, f.ac.Do("PATCH", f.base+"/"+tk.ID+"/comments/"+c.ID, map[string]any{"body": "x"}), 403, "not_author")
	require.Equal(t, 200, f.decide(f.ac, tk.ID, map[string]any{"action": "clarify", "message": "Quelle page ?"}).Status)
	th := f.thread(t, f.ac, tk.ID)
	require.Equal(t, "Version corrigée", th.Comments[0].Body)
	require.NotNil(t, th.Comments[0].EditedAt)
	code(t, f.ac.Do("PATCH", f.base+"/"+tk.ID+"/comments/"+th.Comments[1].ID, map[string]any{"body": "x"}), 403, "not_author")
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "   "}), 422, "invalid_input")

	// Another project's request, through this project's path: 404.
	otherBase := "/api/v1/w/studio/projects/" + f.other.String() + "/tickets"
	r = f.ac.Do("POST", otherBase, map[string]any{"type": "bug", "title": "Ailleurs"})
	require.Equal(t, 201, r.Status)
	var other ticketView
	r.JSON(t, &other)
	code(t, f.ac.Do("POST", f.base+"/"+other.ID+"/comments", map[string]any{"body": "x"}), 404, "not_found")
	// A client of project A sees nothing of project B.
	code(t, f.cc.Do("GET", otherBase, nil), 404, "not_found")
	code(t, f.cc.Do("GET", otherBase+"/"+other.ID, nil), 404, "not_found")
}

// TestBadInput: the list, each refused with a clear code and
// nothing written.
func TestBadInput(t *testing.T) {
	t.Parallel()
	f := setup(t)
	count := func() int {
		var n int
		require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM tickets`).Scan(&n))
		return n
	}
	for name, body := range map[string]map[string]any{
		"empty title":  {"type": "bug", "title": ""},
		"blank title":  {"type": "bug", "title": "   "},
		"long title":   {"type": "bug", "title": strings.Repeat("a", 10000)},
		"unknown type": {"type": "feature", "title": "x"},
		"no type":      {"title": "x"},
		"bad file":     {"type": "bug", "title": "x", "attachments": []string{uuid.NewString()}},
	} {
		r := f.cc.Do("POST", f.base, body)
		require.Equal(t, 422, r.Status, "%s: %s", name, r.Body)
	}
	require.Zero(t, count())
	// The number taken by a refused create is given back: no gap.
	tk := f.create(t, f.cc, map[string]any{"type": "bug", "title": "ok"})
	require.Equal(t, 1, tk.Number)
	// A 2 GB attachment is refused when the upload is asked.
	th := f.thread(t, f.cc, tk.ID)
	r, _ := f.cc.RequestUpload("studio", f.project, uuid.MustParse(th.AttachmentsFolderID), uuid.Nil, "video.mp4", 2<<30)
	code(t, r, 422, "file_too_large")
}

// TestAttachments: files go through the Files pipeline into the hidden
// « Pièces jointes » folder, then are named by a request or a comment.
func TestAttachments(t *testing.T) {
	t.Parallel()
	f := setup(t)
	r := f.cc.Do("GET", f.base, nil)
	require.Equal(t, 200, r.Status)
	var list struct{ AttachmentsFolderID uuid.UUID }
	r.JSON(t, &list)
	folder := list.AttachmentsFolderID
	require.NotEqual(t, uuid.Nil, folder)
	// Not on the Files page, no listing, no sub-folder.
	folders := f.cc.Folders("studio", f.project)
	require.NotContains(t, folders, "Pièces jointes")
	require.Len(t, folders, 3)
	code(t, f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/folders/"+folder.String()+"/files", nil), 404, "not_found")
	code(t, f.ac.Do("POST", "/api/v1/w/studio/projects/"+f.project.String()+"/folders/"+folder.String()+"/folders", map[string]any{"name": "x"}), 404, "not_found")

	img := pngBytes(t, 4, 3)
	shot := f.cc.Upload("studio", f.project, folder, uuid.Nil, "capture.png", img)
	// Bad bytes: a « PNG » that is text is refused by the same checks as Files.
	rq, tkt := f.cc.RequestUpload("studio", f.project, folder, uuid.Nil, "faux.png", 12)
	require.Equal(t, 201, rq.Status, "%s", rq.Body)
	require.Equal(t, 200, f.cc.PutBlob(tkt.URL, tkt.ContentType, []byte("hello world!")).Status)
	code(t, f.cc.Confirm("studio", f.project, tkt.UploadID), 422, "file_content_mismatch")
	// Types the folder does not take.
	rq, _ = f.cc.RequestUpload("studio", f.project, folder, uuid.Nil, "logo.svg", 100)
	code(t, rq, 422, "file_type_not_allowed")

	tk := f.create(t, f.cc, map[string]any{"type": "bug", "title": "Bouton cassé", "attachments": []string{shot.ID.String()}})
	th := f.thread(t, f.ac, tk.ID)
	require.Len(t, th.Attachments, 1)
	require.Equal(t, "capture.png", th.Attachments[0].Name)
	// The same file cannot be attached twice; nor a file of another
	// folder; nor a file someone else uploaded.
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "encore", "attachments": []string{shot.ID.String()}}), 422, "attachment_invalid")
	branding := f.cc.Upload("studio", f.project, folders["Branding"], uuid.Nil, "logo.png", img)
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "logo", "attachments": []string{branding.ID.String()}}), 422, "attachment_invalid")
	adminFile := f.ac.Upload("studio", f.project, folder, uuid.Nil, "maquette.png", img)
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "x", "attachments": []string{adminFile.ID.String()}}), 422, "attachment_invalid")
	// A comment with its attachment; the admin's internal note with one
	// stays out of the client's thread, attachment included.
	second := f.cc.Upload("studio", f.project, folder, uuid.Nil, "suite.png", img)
	r = f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "Voici la suite", "attachments": []string{second.ID.String()}})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	r = f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "note", "internal": true, "attachments": []string{adminFile.ID.String()}})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	client := f.thread(t, f.cc, tk.ID)
	require.Len(t, client.Comments, 1)
	require.Len(t, client.Comments[0].Attachments, 1)
	require.Equal(t, "suite.png", client.Comments[0].Attachments[0].Name)
	raw := f.cc.Do("GET", f.base+"/"+tk.ID, nil)
	require.NotContains(t, string(raw.Body), adminFile.ID.String())
	require.NotContains(t, string(raw.Body), "maquette.png")
	// The attachment downloads through the Files route (the client follows
	// the signed redirect).
	dl := f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/files/"+shot.ID.String()+"/download", nil)
	require.Equal(t, 200, dl.Status)
	require.Equal(t, img, dl.Body)

	// Accepted, the request becomes a task that shows the request's own
	// attachments (not its comments'), to both sides.
	r = f.decide(f.ac, tk.ID, map[string]any{"action": "accept"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var accepted ticketView
	r.JSON(t, &accepted)
	require.NotNil(t, accepted.TaskID)
	for _, c := range []*apitest.Client{f.ac, f.cc} {
		r = c.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/tasks/"+*accepted.TaskID, nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var task struct {
			Attachments []struct{ FileID, Name string }
		}
		r.JSON(t, &task)
		require.Len(t, task.Attachments, 1)
		require.Equal(t, shot.ID.String(), task.Attachments[0].FileID)
		require.Equal(t, "capture.png", task.Attachments[0].Name)
	}
}

// TestNumberingUnderConcurrentCreates: 8 clients (8 sessions) create at
// the same instant, over several rounds: numbers stay 1..n, no gap, no
// duplicate, no 5xx.
func TestNumberingUnderConcurrentCreates(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// Another workspace counts on its own.
	other := f.e.CreateWorkspace("autre", f.admin)
	op := f.e.CreateProject(other, "P")
	var writers []apitest.Writer
	for i := range 8 {
		c := f.e.Client()
		c.Login(f.client.Email, f.client.Password)
		writers = append(writers, apitest.Writer{Name: fmt.Sprintf("client%d", i), Client: c, Allowed: []int{201},
			Request: func(round int) (string, string, any) {
				return "POST", f.base, map[string]any{"type": "bug", "title": fmt.Sprintf("r%d w%d", round, i)}
			}})
	}
	ao := f.e.Client()
	ao.Login(f.admin.Email, f.admin.Password)
	writers = append(writers, apitest.Writer{Name: "other-workspace", Client: ao, Allowed: []int{201},
		Request: func(round int) (string, string, any) {
			return "POST", "/api/v1/w/autre/projects/" + op.String() + "/tickets", map[string]any{"type": "bug", "title": "x"}
		}})
	const rounds = 3
	apitest.Race{Rounds: rounds, Writers: writers}.Run(t)
	numbers := func(ws uuid.UUID) []int {
		rows, err := f.e.DB.Super.Query(context.Background(), `SELECT number FROM tickets WHERE workspace_id = $1`, ws)
		require.NoError(t, err)
		defer rows.Close()
		var out []int
		for rows.Next() {
			var n int
			require.NoError(t, rows.Scan(&n))
			out = append(out, n)
		}
		sort.Ints(out)
		return out
	}
	want := make([]int, 8*rounds)
	for i := range want {
		want[i] = i + 1
	}
	require.Equal(t, want, numbers(f.ws.ID))
	require.Equal(t, []int{1, 2, 3}, numbers(other.ID))
}

// TestAcceptExactlyOnce: 8 admins (8 sessions) accept the same request at
// the same instant: one wins, the others get 409 request_transition, and
// exactly one task exists.
func TestAcceptExactlyOnce(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var ids []string
	var writers []apitest.Writer
	for i := range 8 {
		c := f.e.Client()
		c.Login(f.admin.Email, f.admin.Password)
		writers = append(writers, apitest.Writer{Name: fmt.Sprintf("admin%d", i), Client: c, Allowed: []int{200, 409},
			Request: func(round int) (string, string, any) {
				return "POST", f.base + "/" + ids[round] + "/decision", map[string]any{"action": "accept"}
			}})
	}
	apitest.Race{Rounds: 4, Writers: writers,
		Before: func(round int) {
			ids = append(ids, f.create(t, f.cc, map[string]any{"type": "bug", "title": fmt.Sprintf("Bug %d", round)}).ID)
		},
		After: func(round int, status []int) {
			ok := 0
			for _, s := range status {
				if s == 200 {
					ok++
				}
			}
			require.Equal(t, 1, ok, "exactly one accept wins")
			var tasks, created int
			require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM tasks WHERE ticket_id = $1`, ids[round]).Scan(&tasks))
			require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM activity WHERE action = 'request.accepted' AND object_id = $1`, ids[round]).Scan(&created))
			require.Equal(t, 1, tasks)
			require.Equal(t, 1, created)
		}}.Run(t)
	// Below the API: the database refuses a second task for one request.
	_, err := f.e.DB.Super.Exec(context.Background(), `INSERT INTO tasks (workspace_id, project_id, title, board_column, rank, origin, ticket_id, created_at, updated_at)
		VALUES ($1, $2, 'dup', 'backlog', 'zz', 'request', $3, now(), now())`, f.ws.ID, f.project, ids[0])
	require.ErrorContains(t, err, "tasks_ticket_key")
}
