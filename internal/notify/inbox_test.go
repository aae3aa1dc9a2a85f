package notify_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/notify"
)

var _ = strings.TrimSpace

// inbox is one studio for the bell: admin and admin2, client X on
// « Refonte », client Y on « Autre », and another workspace with its own
// admin B. Emails go to the dev mailbox (not under test here).
type inbox struct {
	*apitest.Env
	t                                *testing.T
	admin, admin2, x, y, adminB      apitest.User
	ws, wsB                          apitest.Workspace
	projX, projY                     uuid.UUID
	asAdmin, asAdmin2, asX, asY, asB *apitest.Client
}

func newInbox(t *testing.T) *inbox {
	t.Helper()
	e := apitest.New(t)
	s := &inbox{Env: e, t: t}
	s.admin, s.admin2 = e.CreateUser("admin@studio.test"), e.CreateUser("associe@studio.test")
	s.x, s.y, s.adminB = e.CreateUser("client@x.test"), e.CreateUser("client@y.test"), e.CreateUser("admin@b.test")
	s.ws, s.wsB = e.CreateWorkspace("studio", s.admin), e.CreateWorkspace("autre-studio", s.adminB)
	_, err := e.DB.Super.Exec(context.Background(), `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'admin', now())`, s.ws.ID, s.admin2.ID)
	require.NoError(t, err)
	s.projX = e.CreateProject(s.ws, "Refonte", s.x)
	s.projY = e.CreateProject(s.ws, "Autre", s.y)
	login := func(u apitest.User) *apitest.Client { c := e.Client(); c.Login(u.Email, u.Password); return c }
	s.asAdmin, s.asAdmin2, s.asX, s.asY, s.asB = login(s.admin), login(s.admin2), login(s.x), login(s.y), login(s.adminB)
	return s
}

func (s *inbox) count(sql string, args ...any) int {
	s.t.Helper()
	var n int
	require.NoError(s.t, s.DB.Super.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// settle waits until every inbox job ran.
func (s *inbox) settle() {
	s.t.Helper()
	require.Eventually(s.t, func() bool {
		return s.count(`SELECT count(*) FROM river_job WHERE kind = 'notify.inbox' AND state IN ('available', 'running', 'retryable', 'scheduled')`) == 0
	}, 20*time.Second, 20*time.Millisecond)
}

func (s *inbox) base(p uuid.UUID) string { return "/api/v1/w/studio/projects/" + p.String() }

func (s *inbox) list(c *apitest.Client, query string) notify.InboxPage {
	s.t.Helper()
	r := c.Do("GET", "/api/v1/w/studio/notifications"+query, nil)
	require.Equal(s.t, 200, r.Status, string(r.Body))
	var p notify.InboxPage
	r.JSON(s.t, &p)
	return p
}

func (s *inbox) unread(c *apitest.Client) int {
	s.t.Helper()
	r := c.Do("GET", "/api/v1/w/studio/notifications/unread-count", nil)
	require.Equal(s.t, 200, r.Status, string(r.Body))
	var out struct{ Unread int }
	r.JSON(s.t, &out)
	return out.Unread
}

func (s *inbox) create(c *apitest.Client, path string, body map[string]any) string {
	s.t.Helper()
	r := c.Do("POST", path, body)
	require.Equal(s.t, 201, r.Status, "%s: %s", path, r.Body)
	var obj struct{ ID string }
	r.JSON(s.t, &obj)
	return obj.ID
}

func actions(p notify.InboxPage) []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Action)
	}
	return out
}

// TestInboxRecipients: the bell tells the same people as the emails —
// never the actor, nothing admin-only to a client, nothing of another
// project or workspace, nothing more to a removed client, nothing of a
// muted project — each in a sentence with a link to the object.
func TestInboxRecipients(t *testing.T) {
	t.Parallel()
	s := newInbox(t)

	// The admin asks client X for an approval: X hears of it, nobody else.
	appr := s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "custom", "title": "Maquette d’accueil"})
	s.Clock.Advance(time.Minute)
	// Client X writes a message: both admins hear of it, not X.
	s.create(s.asX, s.base(s.projX)+"/messages", map[string]any{"body": "Bonjour, voici le texte"})
	s.Clock.Advance(time.Minute)
	// Client X opens a request, the admin notes it internally: the
	// internal note is admin2's only.
	tk := s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "bug", "title": "Lien cassé"})
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/tickets/"+tk+"/comments", map[string]any{"body": "à voir en interne", "internal": true})
	s.settle()

	px := s.list(s.asX, "")
	require.Equal(t, []string{event.ApprovalRequested}, actions(px))
	require.Equal(t, 1, px.Unread)
	it := px.Items[0]
	require.Equal(t, "/studio/projets/"+s.projX.String()+"#validation-"+appr, it.Link)
	require.Equal(t, "Refonte", it.ProjectName)
	require.Equal(t, s.projX.String(), it.ProjectID)
	require.Equal(t, "admin", it.ActorName)
	require.Equal(t, "Votre validation est attendue\u00a0: «\u00a0Maquette d’accueil\u00a0»", it.Sentence)
	require.False(t, it.Read)

	pa := s.list(s.asAdmin, "")
	require.Equal(t, []string{event.RequestCreated, event.MessageCreated}, actions(pa), "newest first; the admin's own note and approval are not his news")
	require.Equal(t, "client a ouvert la demande «\u00a0Lien cassé\u00a0»", pa.Items[0].Sentence)
	require.Equal(t, "/studio/projets/"+s.projX.String()+"/demandes/"+tk, pa.Items[0].Link)
	require.Equal(t, "client vous a écrit\u00a0: «\u00a0Bonjour, voici le texte\u00a0»", pa.Items[1].Sentence)
	require.Equal(t, "/studio/projets/"+s.projX.String()+"/messages", pa.Items[1].Link)
	require.Equal(t, "client", pa.Items[1].ActorName)
	require.Equal(t, []string{event.RequestNoted, event.RequestCreated, event.MessageCreated}, actions(s.list(s.asAdmin2, "")))
	require.Empty(t, s.list(s.asY, "").Items, "another project's client")
	require.Equal(t, 0, s.unread(s.asY))

	// Another workspace: its admin has nothing of this one, and cannot
	// read this one's inbox.
	r := s.asB.Do("GET", "/api/v1/w/autre-studio/notifications", nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "Lien")
	require.Equal(t, 404, s.asB.Do("GET", "/api/v1/w/studio/notifications", nil).Status)
	require.Equal(t, 404, s.asB.Do("GET", "/api/v1/w/studio/notifications/unread-count", nil).Status)
	require.Equal(t, 404, s.asB.Do("POST", "/api/v1/w/studio/notifications/read", nil).Status)
	require.Equal(t, 404, s.asB.Do("POST", "/api/v1/w/studio/notifications/"+it.ID+"/read", nil).Status)
	// Someone else's item is nobody's to mark.
	require.Equal(t, 404, s.asY.Do("POST", "/api/v1/w/studio/notifications/"+it.ID+"/read", nil).Status)
	require.Equal(t, 404, s.asAdmin.Do("POST", "/api/v1/w/studio/notifications/"+it.ID+"/read", nil).Status)
	require.Equal(t, 1, s.unread(s.asX))

	// X mutes « Refonte »: a new approval reaches the admins' emails'
	// rules, not X's bell.
	r = s.asX.Do("PUT", s.base(s.projX)+"/notification-mute", map[string]any{"muted": true})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "contenu"})
	s.settle()
	require.Equal(t, 1, s.unread(s.asX), "muted project")
	r = s.asX.Do("PUT", s.base(s.projX)+"/notification-mute", map[string]any{"muted": false})
	require.Equal(t, 200, r.Status, string(r.Body))

	// « Jamais » stops emails, not the bell.
	r = s.asX.Do("PUT", "/api/v1/w/studio/notification-preferences", map[string]any{"families": []any{map[string]any{"family": "approvals", "mode": "never"}}})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "livraison"})
	s.settle()
	require.Equal(t, 2, s.unread(s.asX), "« jamais » is about email")

	// X leaves the project: what he was told of it is gone from his bell,
	// and nothing new comes.
	_, err := s.DB.Super.Exec(context.Background(), `DELETE FROM project_members WHERE project_id = $1 AND user_id = $2`, s.projX, s.x.ID)
	require.NoError(t, err)
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette"})
	s.settle()
	require.Empty(t, s.list(s.asX, "").Items)
	require.Equal(t, 0, s.unread(s.asX))
	require.Equal(t, 2, s.count(`SELECT count(*) FROM notification_inbox WHERE user_id = $1`, s.x.ID), "no row for the event after he left")
	require.Equal(t, 404, s.asX.Do("POST", "/api/v1/w/studio/notifications/"+it.ID+"/read", nil).Status)
}

// TestInboxPaging: newest first, 20 by default, a keyset cursor with no
// repeat and no gap even between items of the same instant; unread only
// on demand; a forged cursor is refused.
func TestInboxPaging(t *testing.T) {
	t.Parallel()
	s := newInbox(t)
	var titles []string
	for i := range 25 {
		if i%5 != 0 { // some share their instant: the cursor breaks ties
			s.Clock.Advance(time.Second)
		}
		title := fmt.Sprintf("Validation %02d", i)
		titles = append(titles, title)
		s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "custom", "title": title})
	}
	s.settle()
	p1 := s.list(s.asX, "")
	require.Len(t, p1.Items, 20)
	require.Equal(t, 25, p1.Unread)
	require.NotEmpty(t, p1.NextCursor)
	p2 := s.list(s.asX, "?cursor="+p1.NextCursor)
	require.Len(t, p2.Items, 5)
	require.Empty(t, p2.NextCursor)
	seen := map[string]bool{}
	var last time.Time
	for i, it := range append(p1.Items, p2.Items...) {
		require.False(t, seen[it.ID], "repeated")
		seen[it.ID] = true
		if i > 0 {
			require.False(t, it.CreatedAt.After(last), "newest first")
		}
		last = it.CreatedAt
	}
	require.Len(t, seen, 25)
	require.Contains(t, p1.Items[0].Sentence, titles[24])

	small := s.list(s.asX, "?limit=7")
	require.Len(t, small.Items, 7)
	require.Equal(t, p1.Items[:7], small.Items)

	// Read three: the unread filter and the count follow.
	for _, it := range p1.Items[:3] {
		require.Equal(t, 204, s.asX.Do("POST", "/api/v1/w/studio/notifications/"+it.ID+"/read", nil).Status)
	}
	require.Equal(t, 204, s.asX.Do("POST", "/api/v1/w/studio/notifications/"+p1.Items[0].ID+"/read", nil).Status, "again: still fine")
	require.Equal(t, 22, s.unread(s.asX))
	un := s.list(s.asX, "?unread=true&limit=100")
	require.Len(t, un.Items, 22)
	for _, it := range un.Items {
		require.False(t, it.Read)
	}
	require.True(t, s.list(s.asX, "?limit=1").Items[0].Read)

	require.Equal(t, 422, s.asX.Do("GET", "/api/v1/w/studio/notifications?cursor=bm9wZQ", nil).Status)
	require.Equal(t, 422, s.asX.Do("GET", "/api/v1/w/studio/notifications?limit=500", nil).Status)

	// « Tout marquer comme lu »: X's only.
	require.Equal(t, 204, s.asX.Do("POST", "/api/v1/w/studio/notifications/read", nil).Status)
	require.Equal(t, 0, s.unread(s.asX))
	require.Equal(t, 0, s.count(`SELECT count(*) FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`, s.x.ID))
}

// TestInboxReadOnView: opening a request reads its items, reading the
// conversation reads the new-message items up to the read mark; each
// change reaches the person's live stream (and only theirs).
func TestInboxReadOnView(t *testing.T) {
	t.Parallel()
	s := newInbox(t)
	tk := s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "question", "title": "Horaires"})
	s.Clock.Advance(time.Minute)
	r := s.asAdmin.Do("POST", s.base(s.projX)+"/tickets/"+tk+"/decision", map[string]any{"action": "clarify", "message": "Lesquels ?"})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.Clock.Advance(time.Minute)
	m1 := s.create(s.asAdmin, s.base(s.projX)+"/messages", map[string]any{"body": "Premier"})
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/messages", map[string]any{"body": "Second"})
	s.settle()
	p := s.list(s.asX, "")
	require.Equal(t, []string{event.MessageCreated, event.MessageCreated, event.RequestClarify}, actions(p))
	require.Equal(t, 3, p.Unread)
	// The inbox.added events went to X alone.
	require.Equal(t, 3, s.count(`SELECT count(*) FROM live_events WHERE kind = $1 AND user_id = $2`, event.InboxAdded, s.x.ID))
	// (and the admins theirs: X's new request)
	require.Equal(t, 5, s.count(`SELECT count(*) FROM live_events WHERE kind = $1`, event.InboxAdded))
	// What each one's stream re-reads under RLS: X his, the admin his, Y none.
	seen := func(u apitest.User, role string) int {
		var n int
		require.NoError(t, db.Tx(context.Background(), s.DB.App, db.Scope{WorkspaceID: s.ws.ID, UserID: u.ID, Role: role}, func(tx pgx.Tx, _ *dbq.Queries) error {
			return tx.QueryRow(context.Background(), `SELECT count(*) FROM live_events WHERE kind = $1`, event.InboxAdded).Scan(&n)
		}))
		return n
	}
	require.Equal(t, 3, seen(s.x, "client"))
	require.Equal(t, 0, seen(s.y, "client"))
	require.Equal(t, 1, seen(s.admin, "admin"))

	// X opens the request.
	s.Clock.Advance(time.Minute)
	require.Equal(t, 204, s.asX.Do("POST", s.base(s.projX)+"/tickets/"+tk+"/read", nil).Status)
	require.Equal(t, 2, s.unread(s.asX))
	require.Equal(t, 1, s.count(`SELECT count(*) FROM live_events WHERE kind = $1 AND user_id = $2`, event.InboxRead, s.x.ID))

	// X reads the conversation up to the first message only.
	var seq int64
	require.NoError(t, s.DB.Super.QueryRow(context.Background(), `SELECT seq FROM messages WHERE id = $1`, m1).Scan(&seq))
	r = s.asX.Do("PUT", s.base(s.projX)+"/messages/read", map[string]any{"seq": seq})
	require.Equal(t, 200, r.Status, string(r.Body))
	p = s.list(s.asX, "")
	require.Equal(t, 1, p.Unread)
	require.False(t, p.Items[0].Read, "the second message is still new")
	require.True(t, p.Items[1].Read)
	r = s.asX.Do("PUT", s.base(s.projX)+"/messages/read", map[string]any{"seq": seq + 1000})
	require.Equal(t, 200, r.Status, string(r.Body))
	require.Equal(t, 0, s.unread(s.asX))

	// A message written while X has the conversation open and read is
	// born read (the page marked it before the job ran).
	s.Clock.Advance(time.Minute)
	m3 := s.create(s.asAdmin, s.base(s.projX)+"/messages", map[string]any{"body": "Troisième"})
	require.NoError(t, s.DB.Super.QueryRow(context.Background(), `SELECT seq FROM messages WHERE id = $1`, m3).Scan(&seq))
	s.Clock.Advance(time.Second)
	r = s.asX.Do("PUT", s.base(s.projX)+"/messages/read", map[string]any{"seq": seq})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.settle()
	require.Equal(t, 0, s.unread(s.asX))
	require.Len(t, s.list(s.asX, "").Items, 4)

	// Viewing an approval, then the project's payments.
	s.Clock.Advance(time.Minute)
	appr := s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette"})
	other := s.create(s.asAdmin, s.base(s.projY)+"/approvals", map[string]any{"kind": "maquette"})
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte", "amountCents": 50000})
	s.settle()
	require.Equal(t, 2, s.unread(s.asX))
	viewed := func(body map[string]any) int {
		return s.asX.Do("POST", s.base(s.projX)+"/notifications/read", body).Status
	}
	require.Equal(t, 404, viewed(map[string]any{"objectType": "approval", "objectId": other}), "another project's approval")
	require.Equal(t, 404, viewed(map[string]any{"objectType": "payment", "objectId": appr}), "not a payment")
	require.Equal(t, 2, s.unread(s.asX))
	require.Equal(t, 204, viewed(map[string]any{"objectType": "approval", "objectId": appr}))
	require.Equal(t, 1, s.unread(s.asX))
	require.Equal(t, 204, viewed(map[string]any{"objectType": "payment"}))
	require.Equal(t, 0, s.unread(s.asX))
	require.Equal(t, 1, s.unread(s.asY), "Y's approval stays unread")

	// Nobody else's inbox moved; the other client's live events hold none
	// of X's (RLS on live_events.user_id).
	require.Equal(t, 0, s.count(`SELECT count(*) FROM notification_inbox WHERE user_id <> $1 AND read_at IS NOT NULL`, s.x.ID))
	require.Equal(t, http.StatusOK, s.asY.Do("GET", "/api/v1/w/studio/notifications", nil).Status)
}

// TestInboxReadOnOpen_FilesAndTasks: opening a file (its preview or
// history) or a task (its sheet) reads the caller's bell items about it,
// once, and nobody else's; a client cannot mark what he cannot see (another
// project's file or task, a deleted file, a file's id given as a task).
func TestInboxReadOnOpen_FilesAndTasks(t *testing.T) {
	t.Parallel()
	s := newInbox(t)
	folderX := s.asX.Folders("studio", s.projX)["Contenu"]
	folderY := s.asY.Folders("studio", s.projY)["Contenu"]
	// X files a text (both admins hear of it); the admin files a mock-up
	// for X, one he will delete, and one for Y.
	fromX := s.asX.Upload("studio", s.projX, folderX, uuid.Nil, "textes.docx", []byte("PK\x03\x04 textes")).ID.String()
	s.Clock.Advance(time.Minute)
	forX := s.asAdmin.Upload("studio", s.projX, folderX, uuid.Nil, "maquette.pdf", []byte("%PDF-1.4 maquette")).ID.String()
	s.Clock.Advance(time.Minute)
	gone := s.asAdmin.Upload("studio", s.projX, folderX, uuid.Nil, "brouillon.pdf", []byte("%PDF-1.4 brouillon")).ID.String()
	s.Clock.Advance(time.Minute)
	forY := s.asAdmin.Upload("studio", s.projY, folderY, uuid.Nil, "plan.pdf", []byte("%PDF-1.4 plan")).ID.String()
	// A task of each project waits on its client.
	block := func(p uuid.UUID, title string) string {
		s.Clock.Advance(time.Minute)
		id := s.create(s.asAdmin, s.base(p)+"/tasks", map[string]any{"title": title})
		r := s.asAdmin.Do("PATCH", s.base(p)+"/tasks/"+id, map[string]any{"blockedByClient": true, "blockedReason": "Vos textes"})
		require.Equal(t, 200, r.Status, string(r.Body))
		return id
	}
	taskX, taskY := block(s.projX, "Page contact"), block(s.projY, "Page tarifs")
	s.settle()
	require.Equal(t, 3, s.unread(s.asX), "mock-up, draft, task")
	require.Equal(t, 2, s.unread(s.asY), "plan, task")
	require.Equal(t, 1, s.unread(s.asAdmin), "X's text")
	require.Equal(t, 1, s.unread(s.asAdmin2), "X's text")
	readEvents := func(u apitest.User) int {
		return s.count(`SELECT count(*) FROM live_events WHERE kind = $1 AND user_id = $2`, event.InboxRead, u.ID)
	}
	isRead := func(u apitest.User, objectType, id string) bool {
		return s.count(`SELECT count(*) FROM notification_inbox i JOIN notification_events e ON e.id = i.event_id
			WHERE i.user_id = $1 AND e.object_type = $2 AND e.object_id = $3 AND i.read_at IS NOT NULL`, u.ID, objectType, id) == 1
	}
	open := func(c *apitest.Client, p uuid.UUID, kind, id string) int {
		r := c.Do("POST", s.base(p)+"/"+kind+"/"+id+"/read", nil)
		return r.Status
	}

	// The admin opens X's text: his item is read, his associate's is not.
	require.Equal(t, 204, open(s.asAdmin, s.projX, "files", fromX))
	require.True(t, isRead(s.admin, "file", fromX))
	require.False(t, isRead(s.admin2, "file", fromX), "another admin's item is his own")
	require.Equal(t, 1, s.unread(s.asAdmin2))
	require.Equal(t, 1, readEvents(s.admin))
	require.Equal(t, 0, readEvents(s.admin2))

	// X opens the mock-up and the task: read, each announced to his tabs
	// once; opening again changes nothing and announces nothing.
	require.Equal(t, 204, open(s.asX, s.projX, "files", forX))
	require.True(t, isRead(s.x, "file", forX))
	require.Equal(t, 1, readEvents(s.x))
	require.Equal(t, 204, open(s.asX, s.projX, "tasks", taskX))
	require.True(t, isRead(s.x, "task", taskX))
	require.Equal(t, 2, readEvents(s.x))
	require.Equal(t, 204, open(s.asX, s.projX, "files", forX), "idempotent")
	require.Equal(t, 204, open(s.asX, s.projX, "tasks", taskX), "idempotent")
	require.Equal(t, 2, readEvents(s.x), "nothing new was read: nothing announced")
	require.Equal(t, 1, s.unread(s.asX), "the draft")
	// The live events are his alone.
	var seenByY int
	require.NoError(t, db.Tx(context.Background(), s.DB.App, db.Scope{WorkspaceID: s.ws.ID, UserID: s.y.ID, Role: "client"}, func(tx pgx.Tx, _ *dbq.Queries) error {
		return tx.QueryRow(context.Background(), `SELECT count(*) FROM live_events WHERE kind = $1`, event.InboxRead).Scan(&seenByY)
	}))
	require.Equal(t, 0, seenByY)

	// What X cannot see he cannot mark: Y's file and task (through his own
	// project or Y's), a file the admin deleted, a file's id as a task.
	require.Equal(t, 404, open(s.asX, s.projX, "files", forY))
	require.Equal(t, 404, open(s.asX, s.projY, "files", forY))
	require.Equal(t, 404, open(s.asX, s.projX, "tasks", taskY))
	require.Equal(t, 404, open(s.asX, s.projY, "tasks", taskY))
	require.Equal(t, 404, open(s.asX, s.projX, "tasks", forX))
	require.Equal(t, 404, open(s.asB, s.projX, "files", forX), "another workspace's admin")
	r := s.asAdmin.Do("DELETE", s.base(s.projX)+"/files/"+gone, nil)
	require.Equal(t, 204, r.Status, string(r.Body))
	require.Equal(t, 404, open(s.asX, s.projX, "files", gone), "a deleted file is the admin's (the trash)")
	require.False(t, isRead(s.x, "file", gone))
	require.Equal(t, 1, s.unread(s.asX))
	require.Equal(t, 2, s.unread(s.asY), "Y's items untouched")
	require.Equal(t, 2, readEvents(s.x))

	// Nobody else's inbox moved.
	require.Equal(t, 0, s.count(`SELECT count(*) FROM notification_inbox WHERE user_id NOT IN ($1, $2) AND read_at IS NOT NULL`, s.x.ID, s.admin.ID))
}
