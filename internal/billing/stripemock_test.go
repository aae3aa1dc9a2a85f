package billing_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/billing"
)

// stripeCall is one request that reached the Stripe API.
type stripeCall struct{ Method, Path, Query, IdempotencyKey string }

// stripeProxy records the calls on their way to stripe-mock; it refuses
// the key "sk_test_wrong" as Stripe would, and can fail the next call.
type stripeProxy struct {
	mu       sync.Mutex
	calls    []stripeCall
	failNext atomic.Bool
}

func (p *stripeProxy) find(method, prefix string) []stripeCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []stripeCall
	for _, c := range p.calls {
		if c.Method == method && strings.HasPrefix(c.Path, prefix) {
			out = append(out, c)
		}
	}
	return out
}

func stripeMockBinary(t *testing.T) string {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	require.NoError(t, err)
	for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
		p := filepath.Join(dir, "bin", "stripe-mock")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	t.Fatal("stripe-mock not found (PATH, $(go env GOPATH)/bin): run `bash scripts/tools.sh go`")
	return ""
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

// startStripeMock runs stripe-mock on free ports behind a recording proxy
// and returns the proxy's URL.
func startStripeMock(t *testing.T) (string, *stripeProxy) {
	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(stripeMockBinary(t), "-http-addr", httpAddr, "-https-addr", httpsAddr)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", httpAddr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, 20*time.Second, 20*time.Millisecond, "stripe-mock did not start: %s", &out)

	target, _ := url.Parse("http://" + httpAddr)
	rp := httputil.NewSingleHostReverseProxy(target)
	p := &stripeProxy{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.calls = append(p.calls, stripeCall{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Idempotency-Key")})
		p.mu.Unlock()
		if strings.Contains(r.Header.Get("Authorization"), "rk_test_noperm") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(403)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"The provided key 'rk_test_****perm' does not have the required permissions for this endpoint"}}`))
			return
		}
		if strings.Contains(r.Header.Get("Authorization"), "sk_test_wrong") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****rong"}}`))
			return
		}
		if r.Method == "POST" && p.failNext.CompareAndSwap(true, false) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"simulated failure"}}`))
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, p
}

// Against stripe-mock: the key is tried before it is saved, sessions and
// customers are made with persisted idempotency keys (reused on retry),
// the open session and the customer are reused, cancelling expires the
// session, and only the workspace's own signing secret is believed.
func TestStripeMock(t *testing.T) {
	t.Parallel()
	apiURL, proxy := startStripeMock(t)
	f := newFixture(t, apitest.Options{Env: map[string]string{"PARVIS_STRIPE_API_URL": apiURL}})
	settings := "/api/v1/w/atelier/payment-settings"
	ctx := context.Background()

	// A key pasted wrong: a clear refusal, nothing saved.
	r := f.admin.Do("PUT", settings, map[string]any{"secretKey": "sk_test_wrong", "webhookSecret": "whsec_parvis"})
	require.Equal(t, 422, r.Status, string(r.Body))
	require.Equal(t, "stripe_key_invalid", r.Problem(t).Code)
	require.Zero(t, f.count(t, `SELECT count(*) FROM billing_settings`))
	r = f.admin.Do("PUT", settings, map[string]any{"secretKey": "pk_test_123"})
	require.Equal(t, 422, r.Status, "a publishable key")
	require.Equal(t, "stripe_key_format", r.Problem(t).Code)
	r = f.admin.Do("PUT", settings, map[string]any{"secretKey": "sk_test_123456789", "webhookSecret": "wh_parvis"})
	require.Equal(t, 422, r.Status, "a webhook secret of the wrong kind")
	require.Equal(t, "webhook_secret_invalid", r.Problem(t).Code)
	// A restricted key without the Checkout permission: told so, not saved.
	r = f.admin.Do("PUT", settings, map[string]any{"secretKey": "rk_test_noperm", "webhookSecret": "whsec_parvis"})
	require.Equal(t, 422, r.Status, string(r.Body))
	require.Equal(t, "stripe_key_permissions", r.Problem(t).Code)
	require.Zero(t, f.count(t, `SELECT count(*) FROM billing_settings`))
	require.Equal(t, 403, f.client.Do("PUT", settings, map[string]any{"secretKey": "sk_test_123"}).Status)
	require.Len(t, proxy.find("GET", "/v1/checkout/sessions"), 2, "the check lists Checkout sessions; a client's call never reaches Stripe")

	r = f.admin.Do("PUT", settings, map[string]any{"secretKey": "sk_test_123456789", "webhookSecret": "whsec_parvis", "invoiceCreation": true})
	require.Equal(t, 200, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "sk_test_123456789")
	require.NotContains(t, string(r.Body), "whsec_parvis")
	var s billing.Settings
	r.JSON(t, &s)
	require.Equal(t, billing.Settings{Mode: "stripe", SecretKeyHint: "sk_test_…6789", HasWebhookSecret: true, InvoiceCreation: true,
		WebhookURL: "http://portal.test/api/v1/webhooks/stripe/" + f.ws.ID.String(), APIVersion: s.APIVersion, KeyMode: "test",
		Events: billing.HandledEvents(), SimulatedAllowed: s.SimulatedAllowed}, s)
	require.Contains(t, s.Events, "charge.refunded")
	require.Contains(t, s.APIVersion, ".")
	require.Zero(t, f.count(t, `SELECT count(*) FROM billing_settings WHERE position('sk_test_123456789'::bytea in secret_key_enc) > 0 OR position('whsec_parvis'::bytea in webhook_secret_enc) > 0`), "secrets are encrypted at rest")

	// First « Payer »: the customer, then the session, each with the key
	// stored before the call.
	p := f.acompte(t)
	proxy.failNext.Store(true) // the customer call fails once
	r = f.client.Do("POST", f.base+"/"+p.ID+"/checkout", nil)
	require.Equal(t, 502, r.Status, string(r.Body))
	require.Equal(t, "payment_provider_error", r.Problem(t).Code)
	co := f.checkout(t, p.ID)
	require.Equal(t, "stripe", co.Mode)
	customers := proxy.find("POST", "/v1/customers")
	require.Len(t, customers, 2)
	require.Equal(t, customers[0].IdempotencyKey, customers[1].IdempotencyKey, "the retry reuses the persisted key")
	var custKey, sessKey, sessID string
	require.NoError(t, f.DB.Super.QueryRow(ctx, `SELECT idempotency_key FROM stripe_customers`).Scan(&custKey))
	require.Equal(t, custKey, customers[0].IdempotencyKey)
	require.NoError(t, f.DB.Super.QueryRow(ctx, `SELECT checkout_idem_key, checkout_session_id FROM payment_requests WHERE id = $1`, p.ID).Scan(&sessKey, &sessID))
	sessions := proxy.find("POST", "/v1/checkout/sessions")
	require.Len(t, sessions, 1)
	require.Equal(t, sessKey, sessions[0].IdempotencyKey)
	require.True(t, strings.HasPrefix(sessID, "cs_"), sessID)

	// Clicked again: the open session, no new call.
	require.Equal(t, co.URL, f.checkout(t, p.ID).URL)
	require.Len(t, proxy.find("POST", "/v1/checkout/sessions"), 1)

	// A second request: the same customer, a new session and key; then
	// cancelled, which expires its session on Stripe.
	q := f.acompte(t)
	f.checkout(t, q.ID)
	require.Len(t, proxy.find("POST", "/v1/customers"), 2, "the customer is reused")
	sessions = proxy.find("POST", "/v1/checkout/sessions")
	require.Len(t, sessions, 2)
	require.NotEqual(t, sessions[0].IdempotencyKey, sessions[1].IdempotencyKey)
	qSession := f.sessionOf(t, q.ID)
	require.Equal(t, 200, f.admin.Do("POST", f.base+"/"+q.ID+"/cancel", nil).Status)
	require.Eventually(t, func() bool {
		return len(proxy.find("POST", "/v1/checkout/sessions/"+qSession+"/expire")) > 0
	}, 15*time.Second, 20*time.Millisecond, "the cancelled request's session is expired")
	require.Equal(t, "parvis-expire-"+qSession, proxy.find("POST", "/v1/checkout/sessions/"+qSession+"/expire")[0].IdempotencyKey)

	// The simulated provider is off for a workspace on Stripe, and its
	// secret is not believed.
	r = f.client.Do("POST", f.base+"/"+p.ID+"/simulate", map[string]any{"session": sessID, "outcome": "paid"})
	require.Equal(t, 409, r.Status)
	require.Equal(t, "not_simulated", r.Problem(t).Code)
	payload := event("checkout.session.completed", f.ws.ID, f.proj, p, sessID, nil)
	require.Equal(t, 400, f.post(t, f.ws.ID, payload, f.secret(), time.Now()).Status)
	require.Equal(t, 200, f.post(t, f.ws.ID, payload, "whsec_parvis", time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
	// The receipt job re-reads the session from Stripe.
	require.Eventually(t, func() bool {
		return len(proxy.find("GET", "/v1/checkout/sessions/"+sessID)) > 0
	}, 15*time.Second, 20*time.Millisecond)

	// Disconnecting the account returns to the simulated provider.
	r = f.admin.Do("PUT", settings, map[string]any{"secretKey": "-"})
	require.Equal(t, 200, r.Status, string(r.Body))
	r.JSON(t, &s)
	require.Equal(t, "simulated", s.Mode)
	require.Empty(t, s.SecretKeyHint)
	require.False(t, s.HasWebhookSecret)
	require.Empty(t, s.KeyMode)
	_ = uuid.Nil
}
