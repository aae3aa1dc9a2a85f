package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/notify"
)

const webhookSecret = "bounce-secret-0123456789abcdef"

func postBounce(t *testing.T, s *suite, auth func(*http.Request), body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", s.Server.URL+notify.BouncePath, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if auth != nil {
		auth(req)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	k, _ := res.Body.Read(buf)
	b.Write(buf[:k])
	return res.StatusCode, b.String()
}

func basic(user, pass string) func(*http.Request) {
	return func(r *http.Request) { r.SetBasicAuth(user, pass) }
}

func record(typ, recordType, email string) string {
	b, _ := json.Marshal(map[string]any{"RecordType": recordType, "Type": typ, "TypeCode": 1, "ID": 4323372036854775807,
		"Email": email, "BouncedAt": "2026-12-02T06:00:00Z", "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
		"Details": "smtp;550 5.1.1 unknown user", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483"})
	return string(b)
}

func TestBounceWebhook_HardBounceAndComplaintSuppress(t *testing.T) {
	t.Parallel()
	mp := apitest.StartMailpit(t)
	e := apitest.New(t, apitest.Options{Sender: mp.Sender(), Env: map[string]string{"PARVIS_MAIL_WEBHOOK_SECRET": webhookSecret}})
	s := &suite{Env: e, t: t, mp: mp}
	s.admin, s.admin2, s.x, s.y = e.CreateUser("admin@studio.test"), e.CreateUser("associe@studio.test"), e.CreateUser("client@x.test"), e.CreateUser("client@y.test")
	s.ws = e.CreateWorkspace("studio", s.admin)
	s.projX = e.CreateProject(s.ws, "Refonte", s.x)
	s.projY = e.CreateProject(s.ws, "Autre", s.y)
	s.asAdmin, s.asX = s.login(s.admin), s.login(s.x)
	other := e.CreateWorkspace("ailleurs", e.CreateUser("admin@ailleurs.test"))
	_ = other

	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte un", "amountCents": 10000})
	s.create(s.asAdmin, s.base(s.projY)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte Y", "amountCents": 10000})
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Acompte un"))

	hard := record("HardBounce", "Bounce", "Client@X.test")
	// Bad credentials: 401, nothing written.
	for name, auth := range map[string]func(*http.Request){
		"none":          nil,
		"wrong secret":  basic(notify.BounceUser, webhookSecret+"x"),
		"wrong user":    basic("admin", webhookSecret),
		"empty":         basic(notify.BounceUser, ""),
		"wrong header":  func(r *http.Request) { r.Header.Set(notify.BounceHeader, "bounce-secret") },
		"prefix secret": func(r *http.Request) { r.Header.Set(notify.BounceHeader, webhookSecret[:20]) },
	} {
		code, body := postBounce(t, s, auth, hard)
		require.Equal(t, 401, code, "%s: %s", name, body)
	}
	require.Zero(t, s.count(`SELECT count(*) FROM email_suppressions`))

	// Malformed: 422, nothing written.
	for _, body := range []string{`not json`, `{}`, `[1,2]`, record("HardBounce", "Bounce", "pas une adresse"), record("HardBounce", "Bounce", "")} {
		code, resp := postBounce(t, s, basic(notify.BounceUser, webhookSecret), body)
		require.Equal(t, 422, code, "%s: %s", body, resp)
	}
	// A soft bounce or a delivery changes nothing.
	for _, body := range []string{record("SoftBounce", "Bounce", "client@x.test"), record("Transient", "Bounce", "client@x.test"), `{"RecordType":"Delivery","Recipient":"client@x.test"}`} {
		code, resp := postBounce(t, s, basic(notify.BounceUser, webhookSecret), body)
		require.Equal(t, 200, code, resp)
	}
	require.Zero(t, s.count(`SELECT count(*) FROM email_suppressions`))

	// A hard bounce: suppressed where it was emailed; a replay is the same 200.
	code, resp := postBounce(t, s, basic(notify.BounceUser, webhookSecret), hard)
	require.Equal(t, 200, code, resp)
	require.Contains(t, resp, `"suppressed":1`)
	code, resp = postBounce(t, s, basic(notify.BounceUser, webhookSecret), hard)
	require.Equal(t, 200, code, resp)
	require.Contains(t, resp, `"suppressed":0`)
	require.Equal(t, 1, s.count(`SELECT count(*) FROM email_suppressions WHERE workspace_id = $1 AND address = 'client@x.test' AND reason = 'hard_bounce' AND detail LIKE 'The server was unable%'`, s.ws.ID))
	require.Equal(t, 1, s.count(`SELECT count(*) FROM email_suppressions`), "not in a workspace that never emailed it")

	// A spam complaint, through the header: suppressed as a complaint.
	code, resp = postBounce(t, s, func(r *http.Request) { r.Header.Set(notify.BounceHeader, webhookSecret) }, record("SpamComplaint", "SpamComplaint", "client@y.test"))
	require.Equal(t, 200, code, resp)
	require.Equal(t, 1, s.count(`SELECT count(*) FROM email_suppressions WHERE address = 'client@y.test' AND reason = 'complaint'`))

	// The next notification skips X, with its reason.
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "solde", "title": "Solde deux", "amountCents": 10000})
	s.settle()
	require.Empty(t, s.recipients("Solde deux"))
	require.Equal(t, 1, s.count(`SELECT count(*) FROM notification_deliveries WHERE user_id = $1 AND reason = 'suppressed'`, s.x.ID))

	// The admin sees it on the member; a client cannot.
	r := s.asAdmin.Do("GET", "/api/v1/w/studio/email-suppressions", nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var list struct{ Suppressions []notify.EmailSuppression }
	r.JSON(t, &list)
	require.Len(t, list.Suppressions, 2)
	byUser := map[string]notify.EmailSuppression{}
	for _, x := range list.Suppressions {
		byUser[x.UserID.String()] = x
	}
	require.Equal(t, "hard_bounce", byUser[s.x.ID.String()].Reason)
	require.Equal(t, "complaint", byUser[s.y.ID.String()].Reason)
	require.False(t, byUser[s.x.ID.String()].Since.IsZero())
	require.Equal(t, 403, s.asX.Do("GET", "/api/v1/w/studio/email-suppressions", nil).Status)
	require.Equal(t, 403, s.asX.Do("DELETE", "/api/v1/w/studio/members/"+s.x.ID.String()+"/email-suppression", nil).Status)

	// Lifted once the address is fixed: emails flow again.
	r = s.asAdmin.Do("DELETE", "/api/v1/w/studio/members/"+s.x.ID.String()+"/email-suppression", nil)
	require.Equal(t, 204, r.Status, string(r.Body))
	require.Equal(t, 404, s.asAdmin.Do("DELETE", "/api/v1/w/studio/members/"+s.x.ID.String()+"/email-suppression", nil).Status)
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "solde", "title": "Solde trois", "amountCents": 10000})
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Solde trois"))
	require.Equal(t, 1, s.count(`SELECT count(*) FROM email_suppressions`))
}

func TestBounceWebhook_OffWithoutSecret(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	res, err := http.Post(e.Server.URL+notify.BouncePath, "application/json", strings.NewReader(record("HardBounce", "Bounce", "a@b.test")))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 404, res.StatusCode)
	var n int
	require.NoError(t, e.DB.Super.QueryRow(context.Background(), `SELECT count(*) FROM email_suppressions`).Scan(&n))
	require.Zero(t, n)
}
