package notify_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// suite is one studio: two admins, client X on « Refonte », client Y on
// « Autre », with emails going to a real Mailpit.
type suite struct {
	*apitest.Env
	t                      *testing.T
	mp                     *apitest.Mailpit
	admin, admin2, x, y    apitest.User
	ws                     apitest.Workspace
	projX, projY           uuid.UUID
	asAdmin, asAdmin2, asX *apitest.Client
}

func setup(t *testing.T) *suite {
	t.Helper()
	mp := apitest.StartMailpit(t)
	e := apitest.New(t, apitest.Options{Sender: mp.Sender()})
	s := &suite{Env: e, t: t, mp: mp}
	s.admin, s.admin2 = e.CreateUser("admin@studio.test"), e.CreateUser("associe@studio.test")
	s.x, s.y = e.CreateUser("client@x.test"), e.CreateUser("client@y.test")
	s.ws = e.CreateWorkspace("studio", s.admin)
	_, err := e.DB.Super.Exec(context.Background(), `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'admin', now())`, s.ws.ID, s.admin2.ID)
	require.NoError(t, err)
	_, err = e.DB.Super.Exec(context.Background(), `UPDATE workspaces SET name = 'Atelier Lumière', sender_name = 'Atelier Lumière', accent_color = '#0ea5e9' WHERE id = $1`, s.ws.ID)
	require.NoError(t, err)
	s.projX = e.CreateProject(s.ws, "Refonte", s.x)
	s.projY = e.CreateProject(s.ws, "Autre", s.y)
	s.asAdmin, s.asAdmin2, s.asX = s.login(s.admin), s.login(s.admin2), s.login(s.x)
	return s
}

func (s *suite) login(u apitest.User) *apitest.Client {
	c := s.Client()
	c.Login(u.Email, u.Password)
	return c
}

func (s *suite) count(sql string, args ...any) int {
	s.t.Helper()
	var n int
	require.NoError(s.t, s.DB.Super.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// settle waits until every due job ran and every email reached Mailpit.
func (s *suite) settle() {
	s.t.Helper()
	require.Eventually(s.t, func() bool {
		return s.count(`SELECT count(*) FROM river_job WHERE kind IN ('notify', 'mail.send') AND state IN ('available', 'running', 'retryable')`) == 0 &&
			s.count(`SELECT count(*) FROM emails WHERE sent_at IS NULL`) == 0 &&
			len(s.mp.Messages()) == s.count(`SELECT count(*) FROM emails`)
	}, 20*time.Second, 50*time.Millisecond)
}

// recipients lists who received a message whose subject contains sub.
func (s *suite) recipients(sub string) []string {
	out := []string{}
	for _, m := range s.mp.Messages() {
		if strings.Contains(m.Subject, sub) {
			for _, a := range m.To {
				out = append(out, a.Address)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (s *suite) one(to, sub string) apitest.MailpitMessage {
	s.t.Helper()
	var found []apitest.MailpitMessage
	for _, m := range s.mp.To(to) {
		if strings.Contains(m.Subject, sub) {
			found = append(found, m)
		}
	}
	require.Len(s.t, found, 1, "emails to %s with %q", to, sub)
	return found[0]
}

func (s *suite) base(p uuid.UUID) string { return "/api/v1/w/studio/projects/" + p.String() }

func (s *suite) create(c *apitest.Client, path string, body any) string {
	s.t.Helper()
	r := c.Do("POST", path, body)
	require.Equal(s.t, 201, r.Status, "%s: %s", path, r.Body)
	var obj struct{ ID string }
	r.JSON(s.t, &obj)
	return obj.ID
}

func TestTriggers_ReachExactlyTheRightPeople(t *testing.T) {
	t.Parallel()
	s := setup(t)

	// A client's new request: both admins, never its author, never another client.
	req := s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "bug", "title": "Bouton cassé"})
	s.settle()
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Nouvelle demande n°\u00a01"))
	m := s.one("admin@studio.test", "Nouvelle demande n°\u00a01\u00a0: Bouton cassé")
	link := fmt.Sprintf("http://portal.test/studio/projets/%s/demandes/%s", s.projX, req)
	require.Contains(t, m.Text, "Voir la demande : "+link)
	require.Contains(t, m.HTML, `href="`+link+`"`)
	require.Contains(t, m.HTML, "#0ea5e9")
	require.Contains(t, m.Text, "Atelier Lumière")
	require.NotContains(t, m.Text+m.HTML, "Parvis")

	// Refused with its reason: the client only.
	r := s.asAdmin.Do("POST", s.base(s.projX)+"/tickets/"+req+"/decision", map[string]any{"action": "refuse", "message": "Hors du périmètre du contrat"})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("a été refusée"))
	require.Contains(t, s.one("client@x.test", "a été refusée").Text, "Motif\u00a0: Hors du périmètre du contrat")

	// A payment requested: the project's client; another project's client hears nothing.
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte maquette", "amountCents": 120000})
	s.create(s.asAdmin, s.base(s.projY)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte autre", "amountCents": 5000})
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Acompte maquette"))
	require.Equal(t, []string{"client@y.test"}, s.recipients("Acompte autre"))
	pay := s.one("client@x.test", "Paiement demandé\u00a0: Acompte maquette")
	require.Contains(t, pay.Text, "/studio/projets/"+s.projX.String()+"/paiements#paiement-")

	// An approval requested: the client.
	s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette", "title": "Maquette v2"})
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Validation demandée"))

	// A client removed from the project hears nothing more of it.
	r = s.asAdmin.Do("DELETE", s.base(s.projX)+"/members/"+s.x.ID.String(), nil)
	require.Equal(t, 204, r.Status, string(r.Body))
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "solde", "title": "Solde refonte", "amountCents": 90000})
	s.settle()
	require.Empty(t, s.recipients("Solde refonte"))

	// Nobody was ever told of their own action.
	require.Zero(t, s.count(`SELECT count(*) FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE d.user_id = e.actor_id`))
}

// waitSnoozed waits until every chatty job ran once and went back to sleep
// (its window is open by the portal's clock).
func (s *suite) waitSnoozed(n int) []int64 {
	s.t.Helper()
	var ids []int64
	require.Eventually(s.t, func() bool {
		rows, err := s.DB.Super.Query(context.Background(), `SELECT id FROM river_job WHERE kind = 'notify' AND state = 'scheduled' AND attempted_at IS NOT NULL ORDER BY id`)
		require.NoError(s.t, err)
		defer rows.Close()
		ids = ids[:0]
		for rows.Next() {
			var id int64
			require.NoError(s.t, rows.Scan(&id))
			ids = append(ids, id)
		}
		return len(ids) == n
	}, 20*time.Second, 50*time.Millisecond)
	return ids
}

// wake runs the sleeping jobs now that the window closed.
func (s *suite) wake(ids []int64) {
	s.t.Helper()
	for _, id := range ids {
		_, err := s.Portal.River.JobRetry(context.Background(), id)
		require.NoError(s.t, err)
	}
}

func TestComments_CoalescedAndCancelledByReading(t *testing.T) {
	t.Parallel()
	s := setup(t)
	req := s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "question", "title": "Textes accueil"})
	s.settle()
	for i := 1; i <= 5; i++ {
		s.create(s.asX, s.base(s.projX)+"/tickets/"+req+"/comments", map[string]any{"body": fmt.Sprintf("Précision %d", i)})
	}
	// Within the window, the second admin opens the request: nothing for them.
	s.Clock.Advance(time.Minute)
	r := s.asAdmin2.Do("POST", s.base(s.projX)+"/tickets/"+req+"/read", nil)
	require.Equal(t, 204, r.Status, string(r.Body))
	ids := s.waitSnoozed(5)
	s.settle()
	require.Empty(t, s.recipients("réponse"), "nothing leaves before the window closes")

	s.Clock.Advance(5 * time.Minute)
	s.wake(ids)
	s.settle()
	require.Equal(t, []string{"admin@studio.test"}, s.recipients("5 nouvelles réponses"))
	require.Empty(t, s.mp.To("associe@studio.test")[0:0])
	for _, m := range s.mp.To("associe@studio.test") {
		require.NotContains(t, m.Subject, "réponse")
	}
	require.Empty(t, s.recipients("Nouvelle réponse"))

	// A retried job (the same events processed again) sends nothing twice.
	rows, err := s.DB.Super.Query(context.Background(), `SELECT id FROM notification_events WHERE action = 'request.commented'`)
	require.NoError(t, err)
	var evs []uuid.UUID
	for rows.Next() {
		var id uuid.UUID
		require.NoError(t, rows.Scan(&id))
		evs = append(evs, id)
	}
	rows.Close()
	require.Len(t, evs, 5)
	for _, id := range evs {
		wait, err := s.Portal.Notifier.Process(context.Background(), s.ws.ID, id)
		require.NoError(t, err)
		require.Zero(t, wait)
	}
	s.settle()
	require.Len(t, s.recipients("nouvelles réponses"), 1)

	// An internal note: the other admin, never the client.
	s.create(s.asAdmin, s.base(s.projX)+"/tickets/"+req+"/comments", map[string]any{"body": "Attention budget", "internal": true})
	ids = s.waitSnoozed(1)
	s.Clock.Advance(6 * time.Minute)
	s.wake(ids)
	s.settle()
	require.Equal(t, []string{"associe@studio.test"}, s.recipients("Note interne"))
}

func TestDigest_OncePerDayAtTheLocalHour(t *testing.T) {
	t.Parallel()
	s := setup(t)
	put := func(c *apitest.Client, body map[string]any) {
		r := c.Do("PUT", "/api/v1/w/studio/notification-preferences", body)
		require.Equal(t, 200, r.Status, string(r.Body))
	}
	put(s.asAdmin, map[string]any{"digestHour": 18, "timeZone": "Asia/Tokyo"})
	put(s.asAdmin2, map[string]any{"digestHour": 9, "timeZone": "America/New_York"})

	// Files wait for the digest by default: no immediate email.
	folder := s.asX.Folders("studio", s.projX)["Contenu"]
	s.asX.Upload("studio", s.projX, folder, uuid.Nil, "brief-client.pdf", []byte("%PDF-1.4 brief"))
	s.asAdmin.Upload("studio", s.projX, folder, uuid.Nil, "maquette-v1.pdf", []byte("%PDF-1.4 maquette"))
	s.settle()
	require.Empty(t, s.mp.Messages())

	// 09:00 UTC: 18:00 in Tokyo (due), 04:00 in New York (not yet), 10:00 in Paris (X's default 8:00: due).
	require.NoError(t, s.Portal.Notifier.SendDigests(context.Background()))
	s.settle()
	require.Equal(t, []string{"admin@studio.test", "client@x.test"}, s.recipients("Votre résumé du jour"))
	d := s.one("admin@studio.test", "Votre résumé du jour\u00a0: 1 nouveauté")
	require.Contains(t, d.Text, "brief-client.pdf")
	require.Contains(t, d.Text, "/fichiers?fichier=")
	require.NotContains(t, d.Text, "maquette-v1.pdf", "the admin's own upload")
	require.Contains(t, s.one("client@x.test", "Votre résumé du jour").Text, "maquette-v1.pdf")

	// 14:00 UTC: 09:00 in New York.
	s.Clock.Advance(5 * time.Hour)
	require.NoError(t, s.Portal.Notifier.SendDigests(context.Background()))
	s.settle()
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test", "client@x.test"}, s.recipients("Votre résumé du jour"))

	// Nothing waiting: no digest; and once a day only.
	s.Clock.Advance(time.Hour)
	require.NoError(t, s.Portal.Notifier.SendDigests(context.Background()))
	s.settle()
	require.Len(t, s.recipients("Votre résumé du jour"), 3)
}

var listUnsub = regexp.MustCompile(`(?m)^List-Unsubscribe: <([^>]+)>`)

func TestUnsubscribe_OneClickSignedOnce(t *testing.T) {
	t.Parallel()
	s := setup(t)
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte un", "amountCents": 10000})
	s.settle()
	m := s.one("client@x.test", "Acompte un")
	raw := s.mp.Raw(m.ID)
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	require.Contains(t, head, "List-Unsubscribe-Post: List-Unsubscribe=One-Click")
	require.Regexp(t, `(?m)^List-Id: <payments\.studio\.portal\.test>`, head)
	require.Regexp(t, `(?m)^In-Reply-To: <thread\.project\.`+s.projX.String()+`@`, head)
	require.Regexp(t, `(?m)^References: <thread\.project\.`+s.projX.String()+`@`, head)
	require.Contains(t, m.Text, "Ne plus recevoir ces emails (paiements) : http://portal.test/desabonnement?token=")
	u := listUnsub.FindStringSubmatch(head)
	require.NotNil(t, u, head)
	require.True(t, strings.HasPrefix(u[1], "http://portal.test/api/v1/notifications/unsubscribe?token="))
	path := strings.TrimPrefix(u[1], "http://portal.test")

	post := func(p string) (int, string) {
		res, err := http.Post(s.Server.URL+p, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		require.NoError(t, err)
		defer res.Body.Close()
		var b strings.Builder
		_, _ = fmt.Fprint(&b, res.Header.Get("Content-Type"))
		buf := make([]byte, 2048)
		k, _ := res.Body.Read(buf)
		return res.StatusCode, string(buf[:k])
	}
	// Forged: one character of the signature changed.
	forged := path[:len(path)-2] + map[bool]string{true: "A", false: "B"}[path[len(path)-2] != 'A'] + path[len(path)-1:]
	code, body := post(forged)
	require.Equal(t, 400, code, body)
	require.Contains(t, body, "unsubscribe_invalid")
	code, body = post("/api/v1/notifications/unsubscribe?token=garbage")
	require.Equal(t, 400, code, body)

	code, body = post(path)
	require.Equal(t, 200, code, body)
	require.Contains(t, body, `"family":"payments"`)
	code, body = post(path)
	require.Equal(t, 409, code, body)
	require.Contains(t, body, "unsubscribe_used")

	// Payments are now « jamais » for X: the next one is not emailed.
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte deux", "amountCents": 10000})
	s.settle()
	require.Empty(t, s.recipients("Acompte deux"))
	var prefs struct {
		Families []struct{ Family, Mode string }
	}
	r := s.asX.Do("GET", "/api/v1/w/studio/notification-preferences", nil)
	require.Equal(t, 200, r.Status)
	r.JSON(t, &prefs)
	require.Contains(t, prefs.Families, struct{ Family, Mode string }{"payments", "never"})

	// An expired link: a clear 410.
	s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette", "title": "Logo"})
	s.settle()
	raw = s.mp.Raw(s.one("client@x.test", "Validation demandée").ID)
	u = listUnsub.FindStringSubmatch(raw)
	require.NotNil(t, u)
	s.Clock.Advance(91 * 24 * time.Hour)
	code, body = post(strings.TrimPrefix(u[1], "http://portal.test"))
	require.Equal(t, 410, code, body)
	require.Contains(t, body, "unsubscribe_expired")
}

func TestPreferences_OwnOnlyAndBadInput(t *testing.T) {
	t.Parallel()
	s := setup(t)
	path := "/api/v1/w/studio/notification-preferences"
	var p struct {
		Families      []struct{ Family, Mode string }
		DigestHour    int
		TimeZone      string
		MutedProjects []string
	}
	r := s.asX.Do("GET", path, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	r.JSON(t, &p)
	require.Equal(t, 8, p.DigestHour)
	require.Equal(t, "Europe/Paris", p.TimeZone)
	modes := map[string]string{}
	for _, f := range p.Families {
		modes[f.Family] = f.Mode
	}
	require.Equal(t, map[string]string{"requests": "immediate", "messages": "immediate", "payments": "immediate", "approvals": "immediate", "files": "digest", "tasks": "immediate"}, modes)

	r = s.asX.Do("PUT", path, map[string]any{"families": []any{map[string]any{"family": "approvals", "mode": "digest"}}, "digestHour": 7, "timeZone": "Europe/Brussels"})
	require.Equal(t, 200, r.Status, string(r.Body))
	r = s.asX.Do("PUT", s.base(s.projX)+"/notification-mute", map[string]any{"muted": true})
	require.Equal(t, 200, r.Status, string(r.Body))
	r.JSON(t, &p)
	require.Equal(t, []string{s.projX.String()}, p.MutedProjects)
	require.Equal(t, 7, p.DigestHour)

	// The admin's preferences are the admin's: X's choices do not show, and
	// row-level security keeps X's rows from the admin's transactions.
	r = s.asAdmin.Do("GET", path, nil)
	r.JSON(t, &p)
	require.Equal(t, 8, p.DigestHour)
	require.Empty(t, p.MutedProjects)
	var n int
	require.NoError(t, s.DB.App.QueryRow(context.Background(), `SELECT count(*) FROM notification_preferences`).Scan(&n))
	require.Zero(t, n, "no tenant, no rows")
	// A client cannot mute a project they are not on.
	r = s.asX.Do("PUT", s.base(s.projY)+"/notification-mute", map[string]any{"muted": true})
	require.Equal(t, 404, r.Status)

	for _, bad := range []map[string]any{
		{"digestHour": 25},
		{"digestHour": -1},
		{"families": []any{map[string]any{"family": "gossip", "mode": "immediate"}}},
		{"families": []any{map[string]any{"family": "files", "mode": "sometimes"}}},
		{"timeZone": "Mars/Olympus"},
		{"timeZone": "Local"},
	} {
		r := s.asX.Do("PUT", path, bad)
		require.Equal(t, 422, r.Status, "%v: %s", bad, r.Body)
	}
	r = s.asX.Do("GET", path, nil)
	r.JSON(t, &p)
	require.Equal(t, 7, p.DigestHour, "bad input changed nothing")

	// Muted: a payment on the muted project is not emailed.
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte muet", "amountCents": 10000})
	s.settle()
	require.Empty(t, s.recipients("Acompte muet"))
}
