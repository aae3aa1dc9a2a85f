package billing

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// CheckoutBody is where « Payer » sends the client.
type CheckoutBody struct {
	URL  string `json:"url" doc:"the Checkout page (Stripe's, or the portal's simulated one)"`
	Mode string `json:"mode" enum:"stripe,simulated"`
}

// workspaceProvider is the provider a workspace pays on now.
type workspaceProvider struct {
	Provider
	mode, account string
	invoice       bool
	webhookSecret string // empty in stripe mode until the admin enters it
}

// providerFor reads the workspace's settings in t's transaction.
func (h *Handler) providerFor(ctx context.Context, t *httpapi.Tenant) (workspaceProvider, error) {
	s, err := t.Q.GetBillingSettings(ctx, t.WorkspaceID)
	if err != nil && !db.IsNotFound(err) {
		return workspaceProvider{}, err
	}
	if err == nil && s.SecretKeyEnc != nil {
		key, err := h.key.open(t.WorkspaceID, "secret_key", s.SecretKeyEnc)
		if err != nil {
			return workspaceProvider{}, err
		}
		wp := workspaceProvider{Provider: h.newStripe(key), mode: ModeStripe, account: s.Account, invoice: s.InvoiceCreation}
		if s.WebhookSecretEnc != nil {
			if wp.webhookSecret, err = h.key.open(t.WorkspaceID, "webhook_secret", s.WebhookSecretEnc); err != nil {
				return workspaceProvider{}, err
			}
		}
		return wp, nil
	}
	if h.d.Config.Payments.Simulated {
		return workspaceProvider{Provider: &simulatedProvider{}, mode: ModeSimulated, account: ModeSimulated,
			webhookSecret: h.key.simulatedWebhookSecret(t.WorkspaceID)}, nil
	}
	return workspaceProvider{mode: ModeOff}, nil
}

// portalURL is an absolute link into the web app.
func (h *Handler) portalURL(path string) string { return h.d.Config.Link(path) }

func paymentPage(slug string, project, payment uuid.UUID) string {
	return "/" + slug + "/projets/" + project.String() + "/paiements/" + payment.String()
}

// checkout gives the client the page to pay on. The session is made only
// when « Payer » is clicked, and reused while it lives: two open sessions
// could both be paid. The idempotency keys are stored before each call
// (security guide 23), so a retry after a failure — or a concurrent click —
// sends the same call and Stripe answers with the same object.
func (h *Handler) checkout(ctx context.Context, slug string, projectID, paymentID uuid.UUID) (CheckoutBody, error) {
	var (
		wp       workspaceProvider
		params   CheckoutParams
		cust     dbq.StripeCustomer
		user     dbq.User
		done     *CheckoutBody
		idemUsed string
	)
	now := h.d.Now()
	err := h.d.InProject(ctx, slug, projectID, false, func(t *httpapi.Tenant, p dbq.Project) error {
		if t.IsAdmin() {
			return httpapi.Err(httpapi.CodeClientOnly, "only the project's client pays a request")
		}
		r, err := t.Q.GetPaymentRequestForUpdate(ctx, dbq.GetPaymentRequestForUpdateParams{ProjectID: p.ID, ID: paymentID})
		if db.IsNotFound(err) {
			return httpapi.NotFound()
		}
		if err != nil {
			return err
		}
		if r.Status != StatusPending && r.Status != StatusFailed {
			return httpapi.Err(httpapi.CodePaymentNotPending, "this request is "+r.Status+" and can no longer be paid")
		}
		if wp, err = h.providerFor(ctx, t); err != nil {
			return err
		}
		if wp.mode == ModeOff {
			return httpapi.Err(httpapi.CodePaymentsNotConfigured, "online payment is not set up for this workspace yet")
		}
		sameAccount := r.CheckoutAccount != nil && *r.CheckoutAccount == wp.account
		alive := r.CheckoutExpiresAt != nil && r.CheckoutExpiresAt.After(now.Add(checkoutMargin))
		if sameAccount && alive && r.CheckoutSessionID != nil && r.CheckoutUrl != nil {
			done = &CheckoutBody{URL: *r.CheckoutUrl, Mode: wp.mode}
			return nil
		}
		if !(sameAccount && alive && r.CheckoutIdemKey != nil) {
			// A new session: a new key, and an expiry fixed now so that a
			// retry with the key sends the very same parameters.
			if r, err = t.Q.PrepareCheckout(ctx, dbq.PrepareCheckoutParams{Account: &wp.account, IdemKey: ptr(newKey("parvis-cs-")),
				ExpiresAt: ptr(now.Add(checkoutLifetime)), Now: now, ProjectID: p.ID, ID: r.ID}); err != nil {
				return err
			}
		}
		if cust, err = t.Q.EnsureStripeCustomer(ctx, dbq.EnsureStripeCustomerParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID,
			Account: wp.account, IdempotencyKey: newKey("parvis-cus-"), Now: now}); err != nil {
			return err
		}
		if user, err = t.Q.GetUser(ctx, t.UserID); err != nil {
			return err
		}
		page := paymentPage(t.Slug, p.ID, r.ID)
		idemUsed = *r.CheckoutIdemKey
		params = CheckoutParams{IdempotencyKey: idemUsed, WorkspaceID: t.WorkspaceID, ProjectID: p.ID, RequestID: r.ID,
			Title: r.Title, Description: r.Description, AmountCents: r.AmountCents, Currency: r.Currency, ExpiresAt: *r.CheckoutExpiresAt,
			SuccessURL: h.portalURL(page + "?retour=succes"), CancelURL: h.portalURL(page + "?retour=annule"),
			InvoiceCreation: wp.invoice, SimulatedURL: h.portalURL(page + "/simulation")}
		return nil
	})
	if err != nil || done != nil {
		if done != nil {
			return *done, nil
		}
		return CheckoutBody{}, err
	}

	// Outside any transaction: no row lock is held while Stripe answers.
	if cust.CustomerID == nil {
		id, err := wp.CreateCustomer(ctx, cust.IdempotencyKey, user.Email, user.Name, map[string]string{
			"parvis_workspace": params.WorkspaceID.String(), "parvis_user": user.ID.String()})
		if err != nil {
			return CheckoutBody{}, h.providerErr(ctx, err)
		}
		cust.CustomerID = &id
	}
	params.CustomerID = *cust.CustomerID
	sess, err := wp.CreateCheckout(ctx, params)
	if err != nil {
		return CheckoutBody{}, h.providerErr(ctx, err)
	}

	var out CheckoutBody
	err = h.d.InProject(ctx, slug, projectID, false, func(t *httpapi.Tenant, p dbq.Project) error {
		// Locks in the order of the first transaction (request, then
		// customer), so concurrent clicks queue instead of deadlocking.
		r, err := t.Q.GetPaymentRequestForUpdate(ctx, dbq.GetPaymentRequestForUpdateParams{ProjectID: p.ID, ID: paymentID})
		if err != nil {
			return err
		}
		if err := t.Q.SetStripeCustomerID(ctx, dbq.SetStripeCustomerIDParams{CustomerID: cust.CustomerID, WorkspaceID: t.WorkspaceID,
			UserID: t.UserID, Account: wp.account}); err != nil {
			return err
		}
		switch {
		case r.Status != StatusPending && r.Status != StatusFailed:
			// Cancelled (or paid elsewhere) while Stripe answered: close
			// the session just made.
			if _, err := h.d.River.InsertTx(ctx, t.Tx, ExpireSessionArgs{WorkspaceID: t.WorkspaceID, Account: wp.account, SessionID: sess.ID}, nil); err != nil {
				return err
			}
			return httpapi.Err(httpapi.CodePaymentNotPending, "this request is "+r.Status+" and can no longer be paid")
		case r.CheckoutSessionID != nil && r.CheckoutUrl != nil:
			// A concurrent click stored its session first: the same one
			// when it used the same key; else ours is closed.
			if *r.CheckoutSessionID != sess.ID {
				if _, err := h.d.River.InsertTx(ctx, t.Tx, ExpireSessionArgs{WorkspaceID: t.WorkspaceID, Account: wp.account, SessionID: sess.ID}, nil); err != nil {
					return err
				}
			}
			out = CheckoutBody{URL: *r.CheckoutUrl, Mode: wp.mode}
			return nil
		}
		if _, err := t.Q.StoreCheckout(ctx, dbq.StoreCheckoutParams{SessionID: &sess.ID, Url: &sess.URL, ExpiresAt: &sess.ExpiresAt,
			Now: h.d.Now(), ProjectID: p.ID, ID: r.ID}); err != nil {
			return err
		}
		out = CheckoutBody{URL: sess.URL, Mode: wp.mode}
		return nil
	})
	return out, err
}

func (h *Handler) providerErr(ctx context.Context, err error) error {
	h.d.Log.WarnContext(ctx, "payment provider call failed", "err", err)
	var pe errProvider
	if errors.As(err, &pe) {
		return httpapi.Err(httpapi.CodePaymentProviderError, "the payment provider did not answer as expected; try again in a moment")
	}
	return err
}

func ptr[T any](v T) *T { return &v }

// Settings is a workspace's payment configuration, without its secrets.
type Settings struct {
	Mode             string   `json:"mode" enum:"stripe,simulated,off" doc:"stripe: the workspace's account; simulated: the development provider; off: no key and no simulation"`
	SecretKeyHint    string   `json:"secretKeyHint" doc:"the key's prefix and last characters, e.g. rk_live_…a1b2"`
	HasWebhookSecret bool     `json:"hasWebhookSecret"`
	InvoiceCreation  bool     `json:"invoiceCreation"`
	WebhookURL       string   `json:"webhookUrl" doc:"the endpoint URL to register in Stripe for this workspace"`
	APIVersion       string   `json:"apiVersion" doc:"the Stripe API version the webhook endpoint must use"`
	KeyMode          string   `json:"keyMode" doc:"test or live, from the saved key's prefix; empty without a key"`
	Events           []string `json:"events" doc:"the event types to select on the webhook endpoint"`
	SimulatedAllowed bool     `json:"simulatedAllowed" doc:"without a key, the simulated provider takes over (PARVIS_PAYMENTS_SIMULATED); else online payment is off"`
}

func (h *Handler) settings(ctx context.Context, t *httpapi.Tenant) (Settings, error) {
	wp, err := h.providerFor(ctx, t)
	if err != nil {
		return Settings{}, err
	}
	out := Settings{Mode: wp.mode, WebhookURL: h.portalURL(WebhookPath(t.WorkspaceID)), APIVersion: apiVersion(),
		Events: HandledEvents(), SimulatedAllowed: h.d.Config.Payments.Simulated}
	s, err := t.Q.GetBillingSettings(ctx, t.WorkspaceID)
	if db.IsNotFound(err) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.SecretKeyHint, out.HasWebhookSecret, out.InvoiceCreation = s.SecretKeyHint, s.WebhookSecretEnc != nil, s.InvoiceCreation
	out.KeyMode = keyMode(s.SecretKeyHint)
	return out, nil
}

// keyMode reads test or live from a key's prefix (sk_test_, rk_live_…).
func keyMode(hint string) string {
	switch {
	case strings.Contains(hint, "_test_"):
		return "test"
	case strings.Contains(hint, "_live_"):
		return "live"
	}
	return ""
}

func keyHint(k string) string {
	i := strings.LastIndex(k, "_")
	if i < 0 || len(k) < 12 {
		return "…"
	}
	return k[:i+1] + "…" + k[len(k)-4:]
}

// SimulatedWebhookSecret is the secret the simulated provider signs ws's
// events with (derived from PARVIS_SECRET_KEY, never stored); tests sign
// their own deliveries with it.
func (h *Handler) SimulatedWebhookSecret(ws uuid.UUID) string {
	return h.key.simulatedWebhookSecret(ws)
}

// WorkspacePath is the path of workspace routes.
type WorkspacePath struct {
	Workspace string `path:"workspace" maxLength:"48"`
}

func (h *Handler) registerSettings(api huma.API) {
	tags := []string{"payments"}
	sec := []map[string][]string{{"session": {}}}
	huma.Register(api, huma.Operation{
		OperationID: "get-payment-settings", Metadata: httpapi.AdminOnly, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/payment-settings", Tags: tags,
		Summary: "Which payment mode is on, and what to register in Stripe (admin); secrets are never returned", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *WorkspacePath) (*struct{ Body Settings }, error) {
		var out Settings
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			var err error
			out, err = h.settings(ctx, t)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Settings }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "put-payment-settings", Metadata: httpapi.AdminOnly, Method: http.MethodPut,
		Path: "/api/v1/w/{workspace}/payment-settings", Tags: tags,
		Summary: "Connect the workspace's Stripe account (admin): the key is tried with a read-only call before anything is saved",
		Errors:  []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Body struct {
			SecretKey       string `json:"secretKey,omitempty" maxLength:"255" doc:"sk_… or (recommended) rk_…; omitted keeps the saved one; \"-\" disconnects the account"`
			WebhookSecret   string `json:"webhookSecret,omitempty" maxLength:"255" doc:"whsec_…; omitted keeps the saved one"`
			InvoiceCreation bool   `json:"invoiceCreation,omitempty" doc:"have Stripe issue an invoice for each payment"`
		}
	}) (*struct{ Body Settings }, error) {
		key, whsec := strings.TrimSpace(in.Body.SecretKey), strings.TrimSpace(in.Body.WebhookSecret)
		if key != "" && key != "-" && !strings.HasPrefix(key, "sk_") && !strings.HasPrefix(key, "rk_") {
			return nil, httpapi.FieldErr(httpapi.CodeStripeKeyFormat, "body.secretKey", "a Stripe secret key starts with sk_ or rk_ (not pk_)", "")
		}
		if whsec != "" && !strings.HasPrefix(whsec, "whsec_") {
			return nil, httpapi.FieldErr(httpapi.CodeWebhookSecretInvalid, "body.webhookSecret", "a webhook signing secret starts with whsec_", "")
		}
		// Only an admin may make the server call Stripe with a key.
		if err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error { return t.RequireAdmin() }); err != nil {
			return nil, err
		}
		if key != "" && key != "-" {
			// Tried before anything is saved: a key pasted wrong says so.
			if err := h.newStripe(key).Check(ctx); err != nil {
				h.d.Log.WarnContext(ctx, "stripe key check failed", "err", err)
				switch {
				case errors.Is(err, errKeyPermissions):
					return nil, httpapi.FieldErr(httpapi.CodeStripeKeyPermissions, "body.secretKey", "Stripe accepted this restricted key but it may not use Checkout Sessions: give it the permissions the README lists", "")
				case errors.Is(err, errKeyRefused):
					return nil, httpapi.FieldErr(httpapi.CodeStripeKeyInvalid, "body.secretKey", "Stripe refused this key: check it was copied whole, from the right account and mode", "")
				default:
					return nil, h.providerErr(ctx, err)
				}
			}
		}
		var out Settings
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			cur, err := t.Q.GetBillingSettings(ctx, t.WorkspaceID)
			if err != nil && !db.IsNotFound(err) {
				return err
			}
			p := dbq.PutBillingSettingsParams{WorkspaceID: t.WorkspaceID, SecretKeyEnc: cur.SecretKeyEnc, SecretKeyHint: cur.SecretKeyHint,
				Account: cur.Account, WebhookSecretEnc: cur.WebhookSecretEnc, InvoiceCreation: in.Body.InvoiceCreation, Now: h.d.Now()}
			switch key {
			case "":
			case "-":
				p.SecretKeyEnc, p.SecretKeyHint, p.Account, p.WebhookSecretEnc = nil, "", "", nil
			default:
				if p.SecretKeyEnc, err = h.key.seal(t.WorkspaceID, "secret_key", key); err != nil {
					return err
				}
				p.SecretKeyHint, p.Account = keyHint(key), h.key.account(key)
			}
			if whsec != "" && key != "-" {
				if p.WebhookSecretEnc, err = h.key.seal(t.WorkspaceID, "webhook_secret", whsec); err != nil {
					return err
				}
			}
			if _, err := t.Q.PutBillingSettings(ctx, p); err != nil {
				return err
			}
			if out, err = h.settings(ctx, t); err != nil {
				return err
			}
			return t.RecordAdminOnly(nil, event.PaymentSettingsChanged, "workspace", t.WorkspaceID.String(), map[string]any{"mode": out.Mode})
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Settings }{Body: out}, nil
	})
}
