package message_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
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
	"github.com/parvis/parvis/internal/httpapi"
)

type messageView struct {
	ID, Body, AuthorName    string
	Seq                     int64
	Mine, Deleted, Hidden   bool
	AuthorIsAdmin           bool
	EditedAt, EditableUntil *string
	Attachments             []struct{ FileID, Name string }
}

type pageView struct {
	Messages            []messageView
	NextCursor          *string
	LastReadSeq         int64
	ClientsReadSeq      int64
	AttachmentsFolderID uuid.UUID
}

type fixture struct {
	e                     *apitest.Env
	ws                    apitest.Workspace
	admin, client, other  apitest.User
	ac, cc, oc            *apitest.Client
	project, otherProject uuid.UUID
	base, otherBase       string
	events                *recorder
}

// recorder is an event hook that keeps what it hears.
type recorder struct {
	mu     sync.Mutex
	events []httpapi.Event
}

func (r *recorder) hook(_ *httpapi.Tenant, e httpapi.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) actions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Action)
	}
	return out
}

func setup(t *testing.T) *fixture {
	t.Helper()
	e := apitest.New(t)
	f := &fixture{e: e, events: &recorder{}}
	e.Portal.Deps.Hooks = append(e.Portal.Deps.Hooks, f.events.hook)
	f.admin, f.client, f.other = e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example"), e.CreateUser("autre@client.example")
	f.ws = e.CreateWorkspace("studio", f.admin)
	f.project = e.CreateProject(f.ws, "Refonte", f.client)
	f.otherProject = e.CreateProject(f.ws, "Autre", f.other)
	f.base = "/api/v1/w/studio/projects/" + f.project.String() + "/messages"
	f.otherBase = "/api/v1/w/studio/projects/" + f.otherProject.String() + "/messages"
	f.ac, f.cc, f.oc = e.Client(), e.Client(), e.Client()
	f.ac.Login(f.admin.Email, f.admin.Password)
	f.cc.Login(f.client.Email, f.client.Password)
	f.oc.Login(f.other.Email, f.other.Password)
	return f
}

func post(t *testing.T, c *apitest.Client, base, body string, attachments ...string) messageView {
	t.Helper()
	in := map[string]any{"body": body}
	if len(attachments) > 0 {
		in["attachments"] = attachments
	}
	r := c.Do("POST", base, in)
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var m messageView
	r.JSON(t, &m)
	return m
}

func page(t *testing.T, c *apitest.Client, url string) pageView {
	t.Helper()
	r := c.Do("GET", url, nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var p pageView
	r.JSON(t, &p)
	return p
}

func code(t *testing.T, r *apitest.Response, status int, code string) {
	t.Helper()
	require.Equal(t, status, r.Status, "%s", r.Body)
	require.Equal(t, code, r.Problem(t).Code, "%s", r.Body)
}

func unread(t *testing.T, c *apitest.Client) (int, map[string]int) {
	t.Helper()
	r := c.Do("GET", "/api/v1/w/studio/messages/unread", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var v struct {
		Total    int
		Projects []struct {
			ProjectID string
			Unread    int
		}
	}
	r.JSON(t, &v)
	m := map[string]int{}
	for _, p := range v.Projects {
		m[p.ProjectID] = p.Unread
	}
	return v.Total, m
}

// TestCursorPages: the newest page first, older pages through before,
// no gap and no repeat, the end says so; bad cursors are refused.
func TestCursorPages(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var sent []string
	for i := range 35 {
		c := f.cc
		if i%3 == 0 {
			c = f.ac
		}
		sent = append(sent, post(t, c, f.base, fmt.Sprintf("Message %02d", i)).ID)
	}
	p1 := page(t, f.cc, f.base)
	require.Len(t, p1.Messages, 30)
	require.Equal(t, "Message 05", p1.Messages[0].Body, "oldest first within the page")
	require.Equal(t, "Message 34", p1.Messages[29].Body, "the first page holds the newest")
	require.NotNil(t, p1.NextCursor)
	p2 := page(t, f.cc, f.base+"?before="+*p1.NextCursor)
	require.Len(t, p2.Messages, 5)
	require.Nil(t, p2.NextCursor, "the beginning of the conversation")
	var got []string
	for _, m := range append(p2.Messages, p1.Messages...) {
		got = append(got, m.ID)
	}
	require.Equal(t, sent, got, "every message once, in order")
	// Small pages walk back the same way.
	p := page(t, f.ac, f.base+"?limit=10")
	n := len(p.Messages)
	for p.NextCursor != nil {
		p = page(t, f.ac, f.base+"?limit=10&before="+*p.NextCursor)
		n += len(p.Messages)
	}
	require.Equal(t, 35, n)
	for _, bad := range []string{"?before=abc", "?before=-1", "?before=0", "?limit=0", "?limit=101", "?before=99999999999999999999"} {
		r := f.cc.Do("GET", f.base+bad, nil)
		require.Equal(t, 422, r.Status, "%s: %s", bad, r.Body)
	}
	// A cursor past the end answers the whole newest page; a cursor of
	// another project's message only bounds this project's list.
	require.Len(t, page(t, f.cc, f.base+"?before=1000000").Messages, 30)
	// Messages are announced, not journaled.
	require.Contains(t, f.events.actions(), "message.created")
	var journaled int
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM activity WHERE action LIKE 'message.%'`).Scan(&journaled))
	require.Zero(t, journaled)
}

// TestUnreadCounts: per user, per project, in total; the read mark moves
// forward only and never past the last message; « Vu par le client ».
func TestUnreadCounts(t *testing.T) {
	t.Parallel()
	f := setup(t)
	a1 := post(t, f.ac, f.base, "Bonjour")
	post(t, f.ac, f.base, "La maquette est prête")
	a3 := post(t, f.ac, f.base, "Vous pouvez la valider ?")
	post(t, f.ac, f.otherBase, "Pour l'autre client")
	total, per := unread(t, f.cc)
	require.Equal(t, 3, total)
	require.Equal(t, map[string]int{f.project.String(): 3}, per, "nothing of a project the client does not belong to")
	total, _ = unread(t, f.ac)
	require.Zero(t, total, "one's own messages are read")
	total, _ = unread(t, f.oc)
	require.Equal(t, 1, total)

	p := page(t, f.cc, f.base)
	require.Zero(t, p.LastReadSeq)
	require.Zero(t, p.ClientsReadSeq, "clients do not see others' marks")
	require.Zero(t, page(t, f.ac, f.base).ClientsReadSeq)

	r := f.cc.Do("PUT", f.base+"/read", map[string]any{"seq": a1.Seq})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	total, _ = unread(t, f.cc)
	require.Equal(t, 2, total)
	require.Equal(t, a1.Seq, page(t, f.ac, f.base).ClientsReadSeq, "« Vu par le client » up to the first")
	// Never back; never past the end.
	f.cc.Do("PUT", f.base+"/read", map[string]any{"seq": a3.Seq + 1000})
	var v struct{ LastReadSeq int64 }
	r = f.cc.Do("PUT", f.base+"/read", map[string]any{"seq": 0})
	r.JSON(t, &v)
	require.Equal(t, a3.Seq, v.LastReadSeq)
	total, _ = unread(t, f.cc)
	require.Zero(t, total)
	code(t, f.cc.Do("PUT", f.base+"/read", map[string]any{"seq": -1}), 422, "invalid_input")
	code(t, f.cc.Do("PUT", f.otherBase+"/read", map[string]any{"seq": 1}), 404, "not_found")

	// The client answers: unread for the admin; a deleted message no longer counts.
	c1 := post(t, f.cc, f.base, "Oui, validé")
	post(t, f.cc, f.base, "Merci")
	total, per = unread(t, f.ac)
	require.Equal(t, 2, total)
	require.Equal(t, 2, per[f.project.String()])
	require.Equal(t, 204, f.cc.Do("DELETE", f.base+"/"+c1.ID, nil).Status)
	total, _ = unread(t, f.ac)
	require.Equal(t, 1, total)
}

// TestEditWindow: the author edits or deletes within 15 minutes, with a
// clear error after; nobody else may; both are journaled.
func TestEditWindow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	m := post(t, f.cc, f.base, "Le logo en piece jointe")
	require.NotNil(t, m.EditableUntil)
	code(t, f.ac.Do("PATCH", f.base+"/"+m.ID, map[string]any{"body": "pirate"}), 403, "not_author")
	code(t, f.ac.Do("DELETE", f.base+"/"+m.ID, nil), 403, "not_author")
	code(t, f.oc.Do("PATCH", f.otherBase+"/"+m.ID, map[string]any{"body": "x"}), 404, "not_found")
	f.e.Clock.Advance(14 * time.Minute)
	r := f.cc.Do("PATCH", f.base+"/"+m.ID, map[string]any{"body": "Le logo en pièce jointe"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var edited messageView
	r.JSON(t, &edited)
	require.Equal(t, "Le logo en pièce jointe", edited.Body)
	require.NotNil(t, edited.EditedAt)
	code(t, f.cc.Do("PATCH", f.base+"/"+m.ID, map[string]any{"body": "   "}), 422, "invalid_input")
	f.e.Clock.Advance(2 * time.Minute)
	code(t, f.cc.Do("PATCH", f.base+"/"+m.ID, map[string]any{"body": "trop tard"}), 409, "edit_window_closed")
	code(t, f.cc.Do("DELETE", f.base+"/"+m.ID, nil), 409, "edit_window_closed")
	p := page(t, f.cc, f.base)
	require.Equal(t, "Le logo en pièce jointe", p.Messages[0].Body)
	require.Nil(t, p.Messages[0].EditableUntil)

	d := post(t, f.ac, f.base, "Message envoyé par erreur")
	require.Equal(t, 204, f.ac.Do("DELETE", f.base+"/"+d.ID, nil).Status)
	p = page(t, f.cc, f.base)
	last := p.Messages[len(p.Messages)-1]
	require.True(t, last.Deleted)
	require.Empty(t, last.Body)
	code(t, f.ac.Do("DELETE", f.base+"/"+d.ID, nil), 404, "not_found")
	rows, err := f.e.DB.Super.Query(context.Background(), `SELECT action FROM activity WHERE object_type = 'message' ORDER BY id`)
	require.NoError(t, err)
	actions, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.Equal(t, []string{"message.edited", "message.deleted"}, actions)
	var stored string
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), `SELECT body FROM messages WHERE id = $1`, d.ID).Scan(&stored))
	require.Empty(t, stored, "a deleted message's text is gone")
}

// TestHide: an admin hides a message; clients see that it was hidden,
// neither its text nor its attachments; « Voir comme le client » too.
func TestHide(t *testing.T) {
	t.Parallel()
	f := setup(t)
	m := post(t, f.cc, f.base, "Mon numéro de carte 4242")
	code(t, f.cc.Do("PUT", f.base+"/"+m.ID+"/hidden", map[string]any{"hidden": true}), 403, "forbidden")
	r := f.ac.Do("PUT", f.base+"/"+m.ID+"/hidden", map[string]any{"hidden": true})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	cp := page(t, f.cc, f.base)
	require.True(t, cp.Messages[0].Hidden)
	require.Empty(t, cp.Messages[0].Body)
	require.NotContains(t, string(f.cc.Do("GET", f.base, nil).Body), "4242")
	require.NotContains(t, string(f.cc.Do("GET", f.base+"/"+m.ID, nil).Body), "4242")
	require.NotContains(t, string(f.ac.Do("GET", f.base+"?as=client", nil).Body), "4242")
	require.Contains(t, string(f.ac.Do("GET", f.base, nil).Body), "4242")
	require.Equal(t, 200, f.ac.Do("PUT", f.base+"/"+m.ID+"/hidden", map[string]any{"hidden": false}).Status)
	require.Contains(t, string(f.cc.Do("GET", f.base, nil).Body), "4242")
}

// TestIsolation: a client of project A sees nothing of project B, over
// HTTP and in the database itself (RLS), and cannot write there.
func TestIsolation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	secret := post(t, f.oc, f.otherBase, "Secret du projet B")
	post(t, f.cc, f.base, "Projet A")
	code(t, f.cc.Do("GET", f.otherBase, nil), 404, "not_found")
	code(t, f.cc.Do("POST", f.otherBase, map[string]any{"body": "intrus"}), 404, "not_found")
	code(t, f.cc.Do("GET", f.otherBase+"/"+secret.ID, nil), 404, "not_found")
	code(t, f.cc.Do("GET", f.base+"/"+secret.ID, nil), 404, "not_found")
	code(t, f.cc.Do("PUT", f.base+"/"+secret.ID+"/hidden", map[string]any{"hidden": true}), 403, "forbidden")
	// Under the client's own scope the database shows no row of B.
	ctx := context.Background()
	err := db.Tx(ctx, f.e.DB.App, db.Scope{WorkspaceID: f.ws.ID, UserID: f.client.ID, Role: "client"}, func(tx pgx.Tx, q *dbq.Queries) error {
		for _, sql := range []string{`SELECT count(*) FROM messages WHERE project_id = $1`, `SELECT count(*) FROM message_reads WHERE project_id = $1`} {
			var n int
			require.NoError(t, tx.QueryRow(ctx, sql, f.otherProject).Scan(&n))
			require.Zero(t, n, sql)
		}
		var n int
		require.NoError(t, tx.QueryRow(ctx, `SELECT count(*) FROM messages`).Scan(&n))
		require.Equal(t, 1, n)
		_, err := q.CreateMessage(ctx, dbq.CreateMessageParams{WorkspaceID: f.ws.ID, ProjectID: f.otherProject, AuthorID: &f.client.ID, Body: "x", Now: time.Now()})
		require.Error(t, err, "RLS refuses a message into a project the client does not belong to")
		return nil
	})
	require.Error(t, err) // the failed insert aborted the transaction
	// Another workspace's admin sees nothing either.
	adminB := f.e.CreateUser("admin@b.example")
	f.e.CreateWorkspace("ailleurs", adminB)
	bc := f.e.Client()
	bc.Login(adminB.Email, adminB.Password)
	code(t, bc.Do("GET", f.base, nil), 404, "not_found")
	code(t, bc.Do("GET", strings.Replace(f.base, "/w/studio/", "/w/ailleurs/", 1), nil), 404, "not_found")
}

// TestBadInput: empty, whitespace, too long, HTML kept as text.
func TestBadInput(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, body := range []any{"", "   \n ", strings.Repeat("a", 10001), strings.Repeat("é", 100000), nil, 42} {
		r := f.cc.Do("POST", f.base, map[string]any{"body": body})
		require.Equal(t, 422, r.Status, "%.40v: %s", body, r.Body)
	}
	code(t, f.cc.Do("POST", f.base, map[string]any{"body": "a\x00b"}), 422, "invalid_text")
	require.Len(t, page(t, f.cc, f.base).Messages, 0, "nothing stored")
	// Injection is text: the web renders markdown without raw HTML.
	inj := `<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>`
	m := post(t, f.cc, f.base, inj)
	require.Equal(t, inj, m.Body)
	require.Len(t, post(t, f.cc, f.base, strings.Repeat("a", 10000)).Body, 10000)
}

// TestAttachments: a message's files go through the Files pipeline into
// « Pièces jointes » (the same checks as requests) and are attached once,
// to a message or a request, never both.
func TestAttachments(t *testing.T) {
	t.Parallel()
	f := setup(t)
	folder := page(t, f.cc, f.base).AttachmentsFolderID
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	shot := f.cc.Upload("studio", f.project, folder, uuid.Nil, "capture.png", b.Bytes())
	m := post(t, f.cc, f.base, "Voici la capture", shot.ID.String())
	require.Len(t, m.Attachments, 1)
	require.Equal(t, "capture.png", m.Attachments[0].Name)
	require.Len(t, page(t, f.ac, f.base).Messages[0].Attachments, 1)
	// Once only, here or on a request; not someone else's file.
	code(t, f.cc.Do("POST", f.base, map[string]any{"body": "encore", "attachments": []string{shot.ID.String()}}), 422, "attachment_invalid")
	code(t, f.cc.Do("POST", "/api/v1/w/studio/projects/"+f.project.String()+"/tickets", map[string]any{"type": "bug", "title": "x", "attachments": []string{shot.ID.String()}}), 422, "attachment_invalid")
	adminFile := f.ac.Upload("studio", f.project, folder, uuid.Nil, "maquette.png", b.Bytes())
	code(t, f.cc.Do("POST", f.base, map[string]any{"body": "x", "attachments": []string{adminFile.ID.String()}}), 422, "attachment_invalid")
	code(t, f.cc.Do("POST", f.base, map[string]any{"body": "x", "attachments": []string{adminFile.ID.String(), adminFile.ID.String()}}), 422, "attachment_invalid")
	// The refused posts left nothing.
	require.Len(t, page(t, f.cc, f.base).Messages, 1)
	// The client downloads the admin's attachment through Files.
	am := post(t, f.ac, f.base, "La maquette", adminFile.ID.String())
	r := f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/files/"+am.Attachments[0].FileID+"/download", nil)
	require.Equal(t, 200, r.Status)
	require.Equal(t, b.Bytes(), r.Body)
	// Hidden by an admin, the message's files are out of the client's
	// reach on the Files routes too (the database decides: 00020).
	download := "/api/v1/w/studio/projects/" + f.project.String() + "/files/" + am.Attachments[0].FileID
	require.Equal(t, 200, f.ac.Do("PUT", f.base+"/"+am.ID+"/hidden", map[string]any{"hidden": true}).Status)
	for _, path := range []string{download, download + "/download"} {
		r = f.cc.Do("GET", path, nil)
		require.Equal(t, 404, r.Status, path)
		require.NotContains(t, string(r.Body), "maquette.png")
	}
	require.Equal(t, 200, f.ac.Do("GET", download+"/download", nil).Status, "admins still see it")
	require.Equal(t, 200, f.ac.Do("PUT", f.base+"/"+am.ID+"/hidden", map[string]any{"hidden": false}).Status)
	require.Equal(t, 200, f.cc.Do("GET", download+"/download", nil).Status)
}
