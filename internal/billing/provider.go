package billing

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v85"
)

// Provider is where a client pays: Stripe (the workspace's own account) or
// the simulated provider of development, whose « Checkout » is a page of
// the portal that signs events and posts them to the same webhook
// handler. Every call that creates something carries an idempotency key
// the caller persisted before the call.
type Provider interface {
	// Mode is "stripe" or "simulated".
	Mode() string
	CreateCustomer(ctx context.Context, idemKey, email, name string, meta map[string]string) (string, error)
	CreateCheckout(ctx context.Context, p CheckoutParams) (Session, error)
	// ExpireCheckout closes an open session so it can no longer be paid;
	// a session already expired or completed is not an error.
	ExpireCheckout(ctx context.Context, idemKey, sessionID string) error
	// Check proves the key works (a read-only call).
	Check(ctx context.Context) error
	// Receipt re-reads a paid session for its receipt and invoice links.
	Receipt(ctx context.Context, sessionID string) (Links, error)
}

// Links are the documents Stripe keeps about a payment.
type Links struct{ Receipt, Invoice, InvoicePDF string }

// CheckoutParams describe one Checkout Session in payment mode.
type CheckoutParams struct {
	IdempotencyKey  string
	CustomerID      string
	WorkspaceID     uuid.UUID
	ProjectID       uuid.UUID
	RequestID       uuid.UUID
	Title           string
	Description     string
	AmountCents     int64
	Currency        string
	ExpiresAt       time.Time
	SuccessURL      string
	CancelURL       string
	InvoiceCreation bool
	// SimulatedURL is the portal's page of the simulated checkout.
	SimulatedURL string
}

// Metadata is what every session and payment intent carries, so that a
// webhook event names its workspace, project and request.
func (p CheckoutParams) Metadata() map[string]string {
	return map[string]string{"parvis_workspace": p.WorkspaceID.String(), "parvis_project": p.ProjectID.String(), "parvis_request": p.RequestID.String()}
}

// Session is an open Checkout Session.
type Session struct {
	ID        string
	URL       string
	ExpiresAt time.Time
}

// errProvider wraps a provider failure the client can only retry.
type errProvider struct{ err error }

func (e errProvider) Error() string { return "payment provider: " + e.err.Error() }
func (e errProvider) Unwrap() error { return e.err }

// stripeProvider calls the Stripe API with one workspace's secret key.
type stripeProvider struct{ sc *stripe.Client }

func newStripeProvider(key, apiURL string) *stripeProvider {
	retries := int64(2)
	cfg := &stripe.BackendConfig{MaxNetworkRetries: &retries, HTTPClient: &http.Client{Timeout: 20 * time.Second}}
	if apiURL != "" {
		cfg.URL = stripe.String(apiURL)
	}
	return &stripeProvider{sc: stripe.NewClient(key, stripe.WithBackends(stripe.NewBackendsWithConfig(cfg)))}
}

func (s *stripeProvider) Mode() string { return ModeStripe }

// Check lists at most one Checkout session: a read that a restricted key
// made as the README says (Checkout Sessions: write) may do, unlike the
// balance. Stripe answers 401 to a key it does not know, 403 to a
// restricted key without the permission.
func (s *stripeProvider) Check(ctx context.Context) error {
	p := &stripe.CheckoutSessionListParams{}
	p.Limit = stripe.Int64(1)
	for _, err := range s.sc.V1CheckoutSessions.List(ctx, p).All(ctx) {
		if err != nil {
			return classifyKeyErr(err)
		}
		break
	}
	return nil
}

// Why a key check failed.
var (
	errKeyRefused     = errors.New("stripe refused the key")
	errKeyPermissions = errors.New("the restricted key may not use Checkout sessions")
)

func classifyKeyErr(err error) error {
	var se *stripe.Error
	if errors.As(err, &se) {
		switch se.HTTPStatusCode {
		case http.StatusUnauthorized:
			return fmt.Errorf("%w: %s", errKeyRefused, se.Msg)
		case http.StatusForbidden:
			return fmt.Errorf("%w: %s", errKeyPermissions, se.Msg)
		}
	}
	return errProvider{err}
}

func (s *stripeProvider) Receipt(ctx context.Context, sessionID string) (Links, error) {
	p := &stripe.CheckoutSessionRetrieveParams{}
	p.AddExpand("payment_intent.latest_charge")
	p.AddExpand("invoice")
	cs, err := s.sc.V1CheckoutSessions.Retrieve(ctx, sessionID, p)
	if err != nil {
		return Links{}, errProvider{err}
	}
	var l Links
	if pi := cs.PaymentIntent; pi != nil && pi.LatestCharge != nil {
		l.Receipt = pi.LatestCharge.ReceiptURL
	}
	if cs.Invoice != nil {
		l.Invoice, l.InvoicePDF = cs.Invoice.HostedInvoiceURL, cs.Invoice.InvoicePDF
	}
	return l, nil
}

func (s *stripeProvider) CreateCustomer(ctx context.Context, idemKey, email, name string, meta map[string]string) (string, error) {
	p := &stripe.CustomerCreateParams{Email: stripe.String(email), Name: stripe.String(name), Metadata: meta}
	p.SetIdempotencyKey(idemKey)
	c, err := s.sc.V1Customers.Create(ctx, p)
	if err != nil {
		return "", errProvider{err}
	}
	return c.ID, nil
}

func (s *stripeProvider) CreateCheckout(ctx context.Context, in CheckoutParams) (Session, error) {
	p := &stripe.CheckoutSessionCreateParams{
		Mode:              stripe.String(string(stripe.CheckoutSessionModePayment)),
		ClientReferenceID: stripe.String(in.RequestID.String()),
		SuccessURL:        stripe.String(in.SuccessURL),
		CancelURL:         stripe.String(in.CancelURL),
		ExpiresAt:         stripe.Int64(in.ExpiresAt.Unix()),
		Locale:            stripe.String("fr"),
		Metadata:          in.Metadata(),
		PaymentIntentData: &stripe.CheckoutSessionCreatePaymentIntentDataParams{Metadata: in.Metadata()},
		LineItems: []*stripe.CheckoutSessionCreateLineItemParams{{
			Quantity: stripe.Int64(1),
			PriceData: &stripe.CheckoutSessionCreateLineItemPriceDataParams{
				Currency: stripe.String(in.Currency), UnitAmount: stripe.Int64(in.AmountCents),
				ProductData: &stripe.CheckoutSessionCreateLineItemPriceDataProductDataParams{Name: stripe.String(in.Title)},
			},
		}},
	}
	if in.Description != "" {
		p.LineItems[0].PriceData.ProductData.Description = stripe.String(truncate(in.Description, 500))
	}
	if in.CustomerID != "" {
		p.Customer = stripe.String(in.CustomerID)
	}
	if in.InvoiceCreation {
		p.InvoiceCreation = &stripe.CheckoutSessionCreateInvoiceCreationParams{Enabled: stripe.Bool(true),
			InvoiceData: &stripe.CheckoutSessionCreateInvoiceCreationInvoiceDataParams{Metadata: in.Metadata()}}
	}
	p.SetIdempotencyKey(in.IdempotencyKey)
	cs, err := s.sc.V1CheckoutSessions.Create(ctx, p)
	if err != nil {
		return Session{}, errProvider{err}
	}
	exp := in.ExpiresAt
	if cs.ExpiresAt > 0 {
		exp = time.Unix(cs.ExpiresAt, 0)
	}
	return Session{ID: cs.ID, URL: cs.URL, ExpiresAt: exp}, nil
}

func (s *stripeProvider) ExpireCheckout(ctx context.Context, idemKey, sessionID string) error {
	p := &stripe.CheckoutSessionExpireParams{}
	p.SetIdempotencyKey(idemKey)
	_, err := s.sc.V1CheckoutSessions.Expire(ctx, sessionID, p)
	var se *stripe.Error
	if errors.As(err, &se) && se.HTTPStatusCode == http.StatusBadRequest {
		// "Only Checkout Sessions with a status of open can be expired":
		// already expired or paid, which the webhooks report.
		return nil
	}
	if err != nil {
		return errProvider{err}
	}
	return nil
}

// simulatedProvider makes local sessions whose URL is the portal's
// simulated checkout page; paying there signs a Stripe-shaped event and
// posts it to the webhook handler (see Simulate).
type simulatedProvider struct{}

func (s *simulatedProvider) Mode() string                { return ModeSimulated }
func (s *simulatedProvider) Check(context.Context) error { return nil }

func (s *simulatedProvider) CreateCustomer(_ context.Context, idemKey, _, _ string, _ map[string]string) (string, error) {
	return "cus_sim_" + shortHash(idemKey), nil
}

func (s *simulatedProvider) CreateCheckout(_ context.Context, in CheckoutParams) (Session, error) {
	id := "cs_sim_" + shortHash(in.IdempotencyKey)
	return Session{ID: id, URL: in.SimulatedURL + "?" + url.Values{"session": {id}}.Encode(), ExpiresAt: in.ExpiresAt}, nil
}

func (s *simulatedProvider) Receipt(context.Context, string) (Links, error) { return Links{}, nil }

func (s *simulatedProvider) ExpireCheckout(context.Context, string, string) error { return nil }

func shortHash(s string) string {
	h := sha(s)
	return hex.EncodeToString(h[:12])
}

func newKey(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Euros formats cents the French way: « 1 200,00 € ».
func Euros(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var out []byte
	for i := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, "\u202f"...)
		}
		out = append(out, whole[i])
	}
	s := fmt.Sprintf("%s,%02d\u00a0€", out, cents%100)
	if neg {
		s = "-" + s
	}
	return s
}
