package billing_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v85"
	"github.com/stripe/stripe-go/v85/webhook"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/billing"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// fixture: workspace A with an admin, a client and a project; workspace B
// with its own admin and project.
type fixture struct {
	*apitest.Env
	admin, client *apitest.Client
	ws, wsB       apitest.Workspace
	proj, projB   uuid.UUID
	clientUser    apitest.User
	base          string
}

func newFixture(t *testing.T, opts ...apitest.Options) *fixture {
	t.Helper()
	e := apitest.New(t, opts...)
	f := &fixture{Env: e}
	adminU, clientU, adminB := e.CreateUser("admin@example.com"), e.CreateUser("client@example.com"), e.CreateUser("admin-b@example.com")
	f.clientUser = clientU
	f.ws, f.wsB = e.CreateWorkspace("atelier", adminU), e.CreateWorkspace("autre", adminB)
	f.proj = e.CreateProject(f.ws, "Site vitrine", clientU)
	f.projB = e.CreateProject(f.wsB, "Projet B")
	f.admin, f.client = e.Client(), e.Client()
	f.admin.Login(adminU.Email, adminU.Password)
	f.client.Login(clientU.Email, clientU.Password)
	f.base = "/api/v1/w/" + f.ws.Slug + "/projects/" + f.proj.String() + "/payments"
	return f
}

func (f *fixture) request(t *testing.T, body map[string]any) billing.Payment {
	t.Helper()
	r := f.admin.Do("POST", f.base, body)
	require.Equal(t, 201, r.Status, string(r.Body))
	var p billing.Payment
	r.JSON(t, &p)
	return p
}

func (f *fixture) acompte(t *testing.T) billing.Payment {
	return f.request(t, map[string]any{"kind": "acompte", "title": "Acompte 30 %", "amountCents": 120000})
}

func (f *fixture) checkout(t *testing.T, id string) billing.CheckoutBody {
	t.Helper()
	r := f.client.Do("POST", f.base+"/"+id+"/checkout", nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var b billing.CheckoutBody
	r.JSON(t, &b)
	return b
}

func (f *fixture) status(t *testing.T, id string) string {
	t.Helper()
	var s string
	require.NoError(t, f.DB.Super.QueryRow(context.Background(), `SELECT status FROM payment_requests WHERE id = $1`, id).Scan(&s))
	return s
}

func (f *fixture) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.DB.Super.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

func (f *fixture) sessionOf(t *testing.T, id string) string {
	t.Helper()
	var s *string
	require.NoError(t, f.DB.Super.QueryRow(context.Background(), `SELECT checkout_session_id FROM payment_requests WHERE id = $1`, id).Scan(&s))
	require.NotNil(t, s)
	return *s
}

// waitStatus waits for the River job that processes the events.
func (f *fixture) waitStatus(t *testing.T, id, want string) {
	t.Helper()
	require.Eventually(t, func() bool { return f.status(t, id) == want }, 15*time.Second, 20*time.Millisecond, "request never became %s", want)
}

// settle waits until no payment job is left to run.
func (f *fixture) settle(t *testing.T) {
	t.Helper()
	require.Eventually(t, func() bool {
		return f.count(t, `SELECT count(*) FROM river_job WHERE kind LIKE 'billing.%' AND state IN ('available','running','retryable','scheduled') AND kind <> 'billing.due_date'`) == 0
	}, 15*time.Second, 20*time.Millisecond)
}

// event builds a Stripe event about request p of workspace ws.
func event(typ string, ws, project uuid.UUID, p billing.Payment, session string, fields map[string]any) []byte {
	obj := map[string]any{"id": session, "object": "checkout.session", "client_reference_id": p.ID,
		"metadata":     map[string]string{"parvis_workspace": ws.String(), "parvis_project": project.String(), "parvis_request": p.ID},
		"amount_total": p.AmountCents, "currency": "eur", "payment_status": "paid", "status": "complete", "payment_intent": "pi_" + session}
	for k, v := range fields {
		obj[k] = v
	}
	b, _ := json.Marshal(map[string]any{"id": "evt_" + uuid.NewString(), "object": "event", "api_version": stripe.APIVersion,
		"created": time.Now().Unix(), "type": typ, "data": map[string]any{"object": obj}})
	return b
}

// post delivers payload to ws's webhook, signed with secret at ts.
func (f *fixture) post(t *testing.T, ws uuid.UUID, payload []byte, secret string, ts time.Time) *apitest.Response {
	t.Helper()
	c := f.Client()
	if secret != "" {
		c.Headers["Stripe-Signature"] = webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: ts}).Header
	}
	c.Headers["Content-Type"] = "application/json"
	c.Headers["Sec-Fetch-Site"] = "" // Stripe sends none
	return c.Do("POST", billing.WebhookPath(ws), payload)
}

func (f *fixture) secret() string { return f.Portal.Payments.SimulatedWebhookSecret(f.ws.ID) }

func (f *fixture) summary(t *testing.T) billing.Summary {
	t.Helper()
	r := f.client.Do("GET", f.base, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var b struct {
		Summary  billing.Summary
		Payments []billing.Payment
	}
	r.JSON(t, &b)
	return b.Summary
}

// The whole journey on the simulated provider: the admin asks, the client
// pays through the same webhook path, both see it, « reste à payer » drops.
func TestSimulatedPaymentJourney(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.admin.Do("PUT", "/api/v1/w/atelier/projects/"+f.proj.String()+"/budget", map[string]any{"budgetCents": 400000})
	require.Equal(t, 200, r.Status, string(r.Body))
	p := f.acompte(t)
	require.Equal(t, "pending", p.Status)
	require.Equal(t, billing.Summary{BudgetCents: ptr(int64(400000)), PaidCents: 0, PendingCents: 120000, RemainingCents: 400000}, f.summary(t))

	co := f.checkout(t, p.ID)
	require.Equal(t, "simulated", co.Mode)
	require.True(t, strings.HasPrefix(co.URL, "http://portal.test/atelier/projets/"+f.proj.String()+"/paiements/"+p.ID+"/simulation?session=cs_sim_"), co.URL)
	require.Equal(t, co.URL, f.checkout(t, p.ID).URL, "the open session is reused")

	// The return page says the truth: nothing is paid before the webhook.
	require.Equal(t, "pending", f.status(t, p.ID))
	r = f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": "cs_sim_autre", "outcome": "paid"})
	require.Equal(t, 409, r.Status, "only the open session can be paid")
	r = f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": f.sessionOf(t, p.ID), "outcome": "paid"})
	require.Equal(t, 200, r.Status, string(r.Body))
	f.waitStatus(t, p.ID, "paid")
	require.Equal(t, billing.Summary{BudgetCents: ptr(int64(400000)), PaidCents: 120000, PendingCents: 0, RemainingCents: 280000}, f.summary(t))

	act := string(f.admin.Do("GET", "/api/v1/w/atelier/projects/"+f.proj.String()+"/activity", nil).Body)
	require.Contains(t, act, `"action":"payment.requested"`)
	require.Contains(t, act, `"action":"payment.received"`)
	require.Contains(t, act, "1\u202f200,00\u00a0€")
	r = f.client.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
	require.Equal(t, 409, r.Status, "a paid request cannot be paid again")
	require.Equal(t, "payment_not_pending", r.Problem(t).Code)

	// Without a budget, « reste à payer » is what is still pending.
	r = f.admin.Do("PUT", "/api/v1/w/atelier/projects/"+f.proj.String()+"/budget", map[string]any{"budgetCents": nil})
	require.Equal(t, 200, r.Status, string(r.Body))
	f.request(t, map[string]any{"kind": "solde", "title": "Solde", "amountCents": 5050})
	require.Equal(t, billing.Summary{PaidCents: 120000, PendingCents: 5050, RemainingCents: 5050}, f.summary(t))
}

func ptr[T any](v T) *T { return &v }

// Failed and abandoned payments on the simulated page.
func TestSimulatedFailureAndAbandon(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.acompte(t)
	f.checkout(t, p.ID)
	first := f.sessionOf(t, p.ID)
	r := f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": first, "outcome": "abandoned"})
	require.Equal(t, 200, r.Status, string(r.Body))
	require.Eventually(t, func() bool {
		return f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND checkout_session_id IS NULL`, p.ID) == 1
	}, 15*time.Second, 20*time.Millisecond, "the expired session is forgotten")
	require.Equal(t, "pending", f.status(t, p.ID), "an abandoned session does not expire the request")

	f.checkout(t, p.ID)
	second := f.sessionOf(t, p.ID)
	require.NotEqual(t, first, second, "a new session with a new idempotency key")
	r = f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": second, "outcome": "failed"})
	require.Equal(t, 200, r.Status, string(r.Body))
	f.waitStatus(t, p.ID, "failed")
	// A failed payment can be tried again.
	f.checkout(t, p.ID)
	r = f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": f.sessionOf(t, p.ID), "outcome": "paid"})
	require.Equal(t, 200, r.Status, string(r.Body))
	f.waitStatus(t, p.ID, "paid")
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.failed' AND object_id = $1`, p.ID))
}

// Security guide point 21: only a valid, fresh signature of this
// workspace's secret, about this workspace, is stored; anything else is a
// 400 that changes nothing.
func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.acompte(t)
	payload := event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_test_sig", nil)
	events := func() int { return f.count(t, `SELECT count(*) FROM processed_stripe_events`) }

	for name, r := range map[string]*apitest.Response{
		"forged secret":            f.post(t, f.ws.ID, payload, "whsec_forged", time.Now()),
		"missing header":           f.post(t, f.ws.ID, payload, "", time.Now()),
		"too old":                  f.post(t, f.ws.ID, payload, f.secret(), time.Now().Add(-6*time.Minute)),
		"other workspace's secret": f.post(t, f.ws.ID, payload, f.Portal.Payments.SimulatedWebhookSecret(f.wsB.ID), time.Now()),
	} {
		require.Equal(t, 400, r.Status, "%s: %s", name, r.Body)
	}
	// Tampered body: signed, then changed.
	c := f.Client()
	c.Headers["Stripe-Signature"] = webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: f.secret()}).Header
	tampered := []byte(strings.Replace(string(payload), `"amount_total":120000`, `"amount_total":1`, 1))
	require.NotEqual(t, payload, tampered)
	require.Equal(t, 400, c.Do("POST", billing.WebhookPath(f.ws.ID), tampered).Status)
	// Another API version's event.
	old := []byte(strings.Replace(string(payload), stripe.APIVersion, "2024-06-20", 1))
	require.Equal(t, 400, f.post(t, f.ws.ID, old, f.secret(), time.Now()).Status)
	// Signed by this workspace but naming workspace B: refused.
	other := event("checkout.session.completed", f.wsB.ID, f.projB, p, "cs_test_other", nil)
	require.Equal(t, 400, f.post(t, f.ws.ID, other, f.secret(), time.Now()).Status)
	// Posted to B's URL with A's secret: refused.
	require.Equal(t, 400, f.post(t, f.wsB.ID, payload, f.secret(), time.Now()).Status)
	// Unknown workspace, malformed id.
	require.Equal(t, 404, f.post(t, uuid.New(), payload, f.secret(), time.Now()).Status)
	require.Equal(t, 404, f.Client().Do("POST", "/api/v1/webhooks/stripe/pas-un-uuid", payload).Status)
	// A huge body.
	huge := make([]byte, billing.MaxWebhookBytes+1)
	require.Equal(t, 413, f.post(t, f.ws.ID, huge, f.secret(), time.Now()).Status)
	// Unknown JSON, correctly signed: not an event.
	require.Equal(t, 400, f.post(t, f.ws.ID, []byte(`{"hello":"world"}`), f.secret(), time.Now()).Status)
	require.Zero(t, events())
	require.Equal(t, "pending", f.status(t, p.ID))

	// An event type Parvis does not handle: 200, ignored, not stored.
	ignored := event("customer.created", f.ws.ID, f.proj, p, "cs_x", nil)
	require.Equal(t, 200, f.post(t, f.ws.ID, ignored, f.secret(), time.Now()).Status)
	require.Zero(t, events())

	// The valid one.
	require.Equal(t, 200, f.post(t, f.ws.ID, payload, f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
}

// Replays, duplicates and events out of order change nothing twice.
func TestWebhookReplayAndOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	received := func(id string) int {
		return f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.received' AND object_id = $1`, id)
	}

	// Completed, then the same event replayed, then a second event of the
	// same payment (async succeeded), then expired and failed late.
	p := f.acompte(t)
	completed := event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_a", nil)
	require.Equal(t, 200, f.post(t, f.ws.ID, completed, f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
	require.Equal(t, 200, f.post(t, f.ws.ID, completed, f.secret(), time.Now()).Status, "a replay answers 200")
	for _, typ := range []string{"checkout.session.async_payment_succeeded", "checkout.session.expired", "checkout.session.async_payment_failed", "checkout.session.completed"} {
		require.Equal(t, 200, f.post(t, f.ws.ID, event(typ, f.ws.ID, f.proj, p, "cs_a", nil), f.secret(), time.Now()).Status)
	}
	f.settle(t)
	require.Equal(t, "paid", f.status(t, p.ID))
	require.Equal(t, 1, received(p.ID))
	require.Equal(t, 5, f.count(t, `SELECT count(*) FROM processed_stripe_events WHERE processed_at IS NOT NULL`))

	// Expired first, then completed: paid (the money was taken).
	q := f.acompte(t)
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.expired", f.ws.ID, f.proj, q, "cs_b", map[string]any{"status": "expired", "payment_status": "unpaid"}), f.secret(), time.Now()).Status)
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, q, "cs_b", nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, q.ID, "paid")

	// Completed but unpaid (SEPA), then failed, then succeeded on a retry.
	s := f.acompte(t)
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, s, "cs_c", map[string]any{"payment_status": "unpaid"}), f.secret(), time.Now()).Status)
	f.settle(t)
	require.Equal(t, "pending", f.status(t, s.ID), "an unpaid completion waits")
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.async_payment_failed", f.ws.ID, f.proj, s, "cs_c", map[string]any{"payment_status": "unpaid"}), f.secret(), time.Now()).Status)
	f.waitStatus(t, s.ID, "failed")
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.async_payment_succeeded", f.ws.ID, f.proj, s, "cs_d", nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, s.ID, "paid")

	// A paid session whose amount differs from the request is not taken.
	m := f.acompte(t)
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, m, "cs_e", map[string]any{"amount_total": 100}), f.secret(), time.Now()).Status)
	f.settle(t)
	require.Equal(t, "pending", f.status(t, m.ID))

	// A full refund of a paid request.
	require.Equal(t, 200, f.post(t, f.ws.ID, chargeRefunded("pi_cs_a", true), f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "refunded")
}

func chargeRefunded(intent string, full bool) []byte {
	b, _ := json.Marshal(map[string]any{"id": "evt_" + uuid.NewString(), "object": "event", "api_version": stripe.APIVersion,
		"created": time.Now().Unix(), "type": "charge.refunded", "data": map[string]any{"object": map[string]any{
			"id": "ch_1", "object": "charge", "payment_intent": intent, "refunded": full, "amount_refunded": 120000}}})
	return b
}

// Eight deliveries of the same event at once: stored once, paid once.
func TestWebhookConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.acompte(t)
	payload := event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_dup", nil)
	header := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: f.secret()}).Header
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", f.Server.URL+billing.WebhookPath(f.ws.ID), strings.NewReader(string(payload)))
			req.Header.Set("Stripe-Signature", header)
			res, err := http.DefaultClient.Do(req)
			if err == nil {
				statuses[i] = res.StatusCode
				res.Body.Close()
			}
		}()
	}
	wg.Wait()
	for _, s := range statuses {
		require.Equal(t, 200, s)
	}
	f.waitStatus(t, p.ID, "paid")
	f.settle(t)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM processed_stripe_events`))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM river_job WHERE kind = 'billing.process_event'`))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.received'`))
}

// Concurrent « Payer » clicks get one session.
func TestConcurrentCheckoutOneSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.acompte(t)
	urls := make([]string, 8)
	var wg sync.WaitGroup
	for i := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := f.client.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
			if r.Status == 200 {
				var b billing.CheckoutBody
				_ = json.Unmarshal(r.Body, &b)
				urls[i] = b.URL
			}
		}()
	}
	wg.Wait()
	for _, u := range urls {
		require.Equal(t, urls[0], u)
	}
	require.NotEmpty(t, urls[0])
	require.Equal(t, 1, f.count(t, `SELECT checkout_attempts FROM payment_requests WHERE id = $1`, p.ID))
}

// State machine refusals and amount bounds.
func TestRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, amount := range []any{0, -100, 49, 100000001, 12.5, "100"} {
		r := f.admin.Do("POST", f.base, map[string]any{"kind": "acompte", "title": "x", "amountCents": amount})
		require.Equal(t, 422, r.Status, "amount %v: %s", amount, r.Body)
	}
	require.Equal(t, 422, f.admin.Do("POST", f.base, map[string]any{"kind": "ticket", "title": "x", "amountCents": 100}).Status, "tickets make their own")
	require.Equal(t, 422, f.admin.Do("POST", f.base, map[string]any{"kind": "acompte", "title": "  ", "amountCents": 100}).Status)
	f.request(t, map[string]any{"kind": "jalon", "title": "Max", "amountCents": 100000000})

	r := f.client.Do("POST", f.base, map[string]any{"kind": "acompte", "title": "x", "amountCents": 100})
	require.Equal(t, 403, r.Status, "a client cannot ask for money")
	p := f.acompte(t)
	r = f.admin.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
	require.Equal(t, 403, r.Status, "the admin does not pay")
	require.Equal(t, 403, f.client.Do("POST", f.base+"/"+p.ID+"/cancel", nil).Status)

	f.checkout(t, p.ID)
	r = f.admin.Do("POST", f.base+"/"+p.ID+"/cancel", nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	require.Equal(t, "cancelled", f.status(t, p.ID))
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND checkout_session_id IS NOT NULL`, p.ID), "the open session is dropped")
	r = f.client.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
	require.Equal(t, 409, r.Status, "paying a cancelled request")
	require.Equal(t, 409, f.admin.Do("POST", f.base+"/"+p.ID+"/cancel", nil).Status, "cancelled twice")
	f.settle(t)
}

// « Expiré » follows the due date, through the job inserted with the request.
func TestDueDateExpiry(t *testing.T) {
	t.Parallel()
	f := newFixture(t, apitest.Options{NoWorkers: true})
	p := f.request(t, map[string]any{"kind": "jalon", "title": "Jalon 1", "amountCents": 50000, "dueDate": "2026-03-05"})
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM river_job WHERE kind = 'billing.due_date' AND args->>'request_id' = $1`, p.ID))
	id := uuid.MustParse(p.ID)
	f.Clock.Advance(3 * 24 * time.Hour) // 2026-03-05 09:00: still due today
	require.NoError(t, f.Portal.Payments.ExpireDue(context.Background(), f.ws.ID, id))
	require.Equal(t, "pending", f.status(t, p.ID))
	f.Clock.Advance(24 * time.Hour)
	require.NoError(t, f.Portal.Payments.ExpireDue(context.Background(), f.ws.ID, id))
	require.Equal(t, "expired", f.status(t, p.ID))
	require.NoError(t, f.Portal.Payments.ExpireDue(context.Background(), f.ws.ID, id))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.expired' AND object_id = $1`, p.ID))
	f.client.Login(f.clientUser.Email, f.clientUser.Password) // days passed: a new session
	r := f.client.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
	require.Equal(t, 409, r.Status)
}

// A crash between storing an event and processing it: the job is still
// there, and running it twice pays once.
func TestStoredEventProcessedOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, apitest.Options{NoWorkers: true})
	p := f.acompte(t)
	payload := event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_crash", nil)
	require.Equal(t, 200, f.post(t, f.ws.ID, payload, f.secret(), time.Now()).Status)
	require.Equal(t, "pending", f.status(t, p.ID), "stored, not processed yet")
	var evID string
	require.NoError(t, f.DB.Super.QueryRow(context.Background(), `SELECT event_id FROM processed_stripe_events`).Scan(&evID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM river_job WHERE kind = 'billing.process_event' AND args->>'event_id' = $1`, evID))
	for range 2 {
		require.NoError(t, f.Portal.Payments.ProcessForTest(context.Background(), f.ws.ID, evID))
	}
	require.Equal(t, "paid", f.status(t, p.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.received'`))
}

// The priced-request path end to end: the client opens a request, the
// admin prices it, the client accepts (which makes the « demande payante »
// in the same transaction), the payment's events arrive out of order and
// repeated, and the request is paid and becomes a task exactly once.
func TestTicketRequestPaidOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tickets := "/api/v1/w/" + f.ws.Slug + "/projects/" + f.proj.String() + "/tickets"
	var tk struct{ ID string }
	r := f.client.Do("POST", tickets, map[string]any{"type": "amelioration", "title": "Ajout d’une page Équipe"})
	require.Equal(t, 201, r.Status, string(r.Body))
	r.JSON(t, &tk)
	r = f.admin.Do("POST", tickets+"/"+tk.ID+"/decision", map[string]any{"action": "price", "priceCents": 30000, "priceDescription": "Page Équipe"})
	require.Equal(t, 200, r.Status, string(r.Body))
	var answered struct {
		Status    string
		PaymentID *string
	}
	r = f.client.Do("POST", tickets+"/"+tk.ID+"/price-answer", map[string]any{"accept": true})
	require.Equal(t, 200, r.Status, string(r.Body))
	r.JSON(t, &answered)
	require.Equal(t, "payment_pending", answered.Status)
	require.NotNil(t, answered.PaymentID)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND ticket_id = $2 AND kind = 'ticket' AND amount_cents = 30000 AND status = 'pending'`, *answered.PaymentID, tk.ID))

	// One payment request per request, even asked directly.
	ctx := httpapi.WithPrincipal(context.Background(), &httpapi.Principal{UserID: f.clientUser.ID})
	err := f.Portal.Deps.InProject(ctx, f.ws.Slug, f.proj, false, func(tn *httpapi.Tenant, _ dbq.Project) error {
		_, err := f.Portal.Payments.RequestForTicket(ctx, tn, f.proj, uuid.MustParse(tk.ID), "Encore", 30000)
		return err
	})
	require.Error(t, err)

	p := billing.Payment{ID: *answered.PaymentID, AmountCents: 30000}
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_t", map[string]any{"payment_status": "unpaid"}), f.secret(), time.Now()).Status)
	for _, typ := range []string{"checkout.session.async_payment_succeeded", "checkout.session.async_payment_succeeded", "checkout.session.completed"} {
		require.Equal(t, 200, f.post(t, f.ws.ID, event(typ, f.ws.ID, f.proj, p, "cs_t", nil), f.secret(), time.Now()).Status)
	}
	f.waitStatus(t, p.ID, "paid")
	f.settle(t)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tickets WHERE id = $1 AND status = 'paid'`, tk.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE ticket_id = $1 AND origin = 'request' AND board_column = 'backlog'`, tk.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.received'`))
}

// A request still to pay waits on the client: the project's computed
// status and « À vous de jouer » say so until it is paid.
func TestPendingPaymentWaitsOnClient(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	dash := "/api/v1/w/atelier/projects/" + f.proj.String() + "/dashboard"
	var d struct {
		Project struct {
			ComputedStatus string
			WaitingItems   int
		}
		Waiting []struct{ Kind, SubKind, ID, Title string }
	}
	f.client.Do("GET", dash, nil).JSON(t, &d)
	require.Equal(t, "in_progress", d.Project.ComputedStatus)
	p := f.acompte(t)
	f.client.Do("GET", dash, nil).JSON(t, &d)
	require.Equal(t, "waiting_client", d.Project.ComputedStatus)
	require.Equal(t, 1, d.Project.WaitingItems)
	require.Len(t, d.Waiting, 1)
	require.Equal(t, "payment", d.Waiting[0].Kind)
	require.Equal(t, "acompte", d.Waiting[0].SubKind)
	require.Equal(t, p.ID, d.Waiting[0].ID)
	require.Contains(t, string(f.client.Do("GET", "/api/v1/w/atelier/waiting", nil).Body), p.ID)

	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_w", nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
	f.client.Do("GET", dash, nil).JSON(t, &d)
	require.Equal(t, "in_progress", d.Project.ComputedStatus)
	require.Empty(t, d.Waiting)
}
