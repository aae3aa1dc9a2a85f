// Package billing serves payments (spec module F, issue 12): the admin asks
// the client for money on a project (acompte, jalon, solde, or a priced
// client ticket); the client pays on Stripe Checkout — the workspace's own
// Stripe account — or, without a key in development, on the simulated
// provider's page; Parvis learns of a payment only from a verified webhook
// (webhook.go), processed by a River job, once per event.
package billing

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Provider modes a workspace can be in.
const (
	ModeStripe    = "stripe"
	ModeSimulated = "simulated"
	ModeOff       = "off"
)

// Request kinds and states.
const (
	KindTicket = "ticket"

	StatusPending   = "pending"
	StatusPaid      = "paid"
	StatusCancelled = "cancelled"
	StatusExpired   = "expired"
	StatusFailed    = "failed"
	StatusRefunded  = "refunded"
)

// Amount bounds in cents: Stripe's minimum for EUR, the portal's maximum.
const (
	MinAmountCents = 50
	MaxAmountCents = 100_000_000
	// Checkout sessions live between 30 min and 24 h (security guide 22).
	checkoutLifetime = time.Hour
	// A session that expires within this margin is not handed out again.
	checkoutMargin = 5 * time.Minute
)

// OnTicketPaidFunc is called, in the transaction that marks a « demande
// payante » paid, with the ticket it prices (once per request).
type OnTicketPaidFunc func(ctx context.Context, t *httpapi.Tenant, ticketID uuid.UUID) error

// OnTicketPaymentClosedFunc is called, in the transaction that cancels or
// expires a « demande payante », with the ticket it priced and the new
// status of the request ("cancelled" or "expired").
type OnTicketPaymentClosedFunc func(ctx context.Context, t *httpapi.Tenant, ticketID uuid.UUID, status string) error

// Handler serves payments.
type Handler struct {
	d   *httpapi.Deps
	key sealer
	// OnTicketPaid, when set, turns a paid ticket's request into work
	// (the tickets module's MarkPaid).
	OnTicketPaid OnTicketPaidFunc
	// OnTicketPaymentClosed, when set, gives a ticket whose payment request
	// was cancelled or expired back to the price step (the tickets module's
	// PaymentClosed), so it does not stay « En attente de paiement ».
	OnTicketPaymentClosed OnTicketPaymentClosedFunc
	// newStripe builds the Stripe provider for a key (tests may wrap it).
	newStripe func(key string) Provider
}

// New returns the billing handler; secret is the server's secret
// (PARVIS_SECRET_KEY, see app.ServerSecret), the root of the key that
// seals each workspace's Stripe secrets.
func New(d *httpapi.Deps, secret []byte) *Handler {
	h := &Handler{d: d, key: sealer{root: secret}}
	apiURL := d.Config.Payments.StripeAPIURL
	h.newStripe = func(key string) Provider { return newStripeProvider(key, apiURL) }
	return h
}

func sha(s string) [32]byte { return sha256.Sum256([]byte(s)) }

// Payment is one payment request as both sides see it.
type Payment struct {
	ID            string     `json:"id" format:"uuid"`
	Kind          string     `json:"kind" enum:"acompte,jalon,solde,ticket"`
	Title         string     `json:"title"`
	Description   string     `json:"description"`
	AmountCents   int64      `json:"amountCents"`
	Currency      string     `json:"currency" enum:"eur"`
	DueDate       *string    `json:"dueDate" format:"date"`
	Status        string     `json:"status" enum:"pending,paid,cancelled,expired,failed,refunded"`
	RefundedCents int64      `json:"refundedCents" doc:"refunded so far: the whole amount when « Remboursé », part of it on a partial refund (status stays paid)"`
	RequestedAt   time.Time  `json:"requestedAt"`
	PaidAt        *time.Time `json:"paidAt"`
	ClosedAt      *time.Time `json:"closedAt"`
	TicketID      *string    `json:"ticketId" format:"uuid"`
	ReceiptURL    string     `json:"receiptUrl" doc:"Stripe's receipt, once paid"`
	InvoiceURL    string     `json:"invoiceUrl" doc:"Stripe's hosted invoice, when invoice creation is on"`
	InvoicePDFURL string     `json:"invoicePdfUrl"`
}

func toPayment(r dbq.PaymentRequest) Payment {
	p := Payment{ID: r.ID.String(), Kind: r.Kind, Title: r.Title, Description: r.Description, AmountCents: r.AmountCents,
		Currency: r.Currency, DueDate: httpapi.FormatDate(r.DueDate), Status: r.Status, RefundedCents: r.RefundedCents, RequestedAt: r.RequestedAt,
		PaidAt: r.PaidAt, ClosedAt: r.ClosedAt, ReceiptURL: deref(r.ReceiptUrl), InvoiceURL: deref(r.InvoiceUrl), InvoicePDFURL: deref(r.InvoicePdfUrl)}
	if r.TicketID != nil {
		s := r.TicketID.String()
		p.TicketID = &s
	}
	return p
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Summary is the project's money at a glance: « reste à payer » is the
// budget minus what was paid, or without a budget the sum still pending.
type Summary struct {
	BudgetCents    *int64 `json:"budgetCents"`
	PaidCents      int64  `json:"paidCents" doc:"received, net of refunds"`
	RefundedCents  int64  `json:"refundedCents" doc:"refunded on paid requests (partial or full)"`
	PendingCents   int64  `json:"pendingCents" doc:"pending or failed requests, still to be paid"`
	RemainingCents int64  `json:"remainingCents" doc:"« reste à payer »: budget − paid (never below 0), or the pending sum without a budget"`
}

// Totals computes the project's Summary.
func Totals(ctx context.Context, t *httpapi.Tenant, p dbq.Project) (Summary, error) {
	tot, err := t.Q.PaymentTotals(ctx, p.ID)
	if err != nil {
		return Summary{}, err
	}
	s := summarize(p.BudgetCents, tot.PaidCents, tot.PendingCents)
	s.RefundedCents = tot.RefundedCents
	return s, nil
}

func summarize(budget *int64, paid, pending int64) Summary {
	s := Summary{BudgetCents: budget, PaidCents: paid, PendingCents: pending, RemainingCents: pending}
	if budget != nil {
		s.RemainingCents = max(*budget-paid, 0)
	}
	return s
}

// ProjectPath is the path of project routes.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48"`
	Project   uuid.UUID `path:"project"`
}

// PaymentPath is the path of one payment request.
type PaymentPath struct {
	ProjectPath
	Payment uuid.UUID `path:"payment"`
}

type paymentOutput struct{ Body Payment }

type paymentsBody struct {
	Summary  Summary   `json:"summary"`
	Payments []Payment `json:"payments"`
}

// Register adds the payment operations and mounts the webhook.
func (h *Handler) Register(api huma.API, srv *httpapi.Server) {
	tags := []string{"payments"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "list-payments", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments", Tags: tags,
		Summary: "The project's payment requests, newest first, with paid / pending / « reste à payer »", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*struct{ Body paymentsBody }, error) {
		out := &struct{ Body paymentsBody }{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			rows, err := t.Q.ListPaymentRequests(ctx, p.ID)
			if err != nil {
				return err
			}
			out.Body.Payments = make([]Payment, 0, len(rows))
			for _, r := range rows {
				out.Body.Payments = append(out.Body.Payments, toPayment(r))
			}
			out.Body.Summary, err = Totals(ctx, t, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-payment", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments/{payment}", Tags: tags,
		Summary: "One payment request (the return page polls it until the webhook has arrived)", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *PaymentPath) (*paymentOutput, error) {
		var out Payment
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			r, err := t.Q.GetPaymentRequest(ctx, dbq.GetPaymentRequestParams{ProjectID: p.ID, ID: in.Payment})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			out = toPayment(r)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &paymentOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-payment", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments", Tags: tags, DefaultStatus: 201,
		Summary: "Ask the client for a payment: acompte, jalon or solde (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Kind        string  `json:"kind" enum:"acompte,jalon,solde"`
			Title       string  `json:"title" minLength:"1" maxLength:"120"`
			AmountCents int64   `json:"amountCents" minimum:"50" maximum:"100000000" doc:"integer cents of euro, 0,50 € to 1 000 000 €"`
			Description string  `json:"description,omitempty" maxLength:"5000"`
			DueDate     *string `json:"dueDate,omitempty" doc:"« échéance », YYYY-MM-DD: the request expires after it"`
		}
	}) (*paymentOutput, error) {
		title := strings.TrimSpace(in.Body.Title)
		if title == "" {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.title", "a payment request needs a title", in.Body.Title)
		}
		due, err := httpapi.ParseDate("body.dueDate", in.Body.DueDate)
		if err != nil {
			return nil, err
		}
		var out Payment
		err = h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			r, err := h.create(ctx, t, p.ID, in.Body.Kind, title, strings.TrimSpace(in.Body.Description), in.Body.AmountCents, due, nil)
			out = toPayment(r)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &paymentOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "cancel-payment", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments/{payment}/cancel", Tags: tags,
		Summary: "Cancel a pending request (admin); its open Checkout session is expired", Errors: []int{401, 403, 404, 409}, Security: sec,
	}, func(ctx context.Context, in *PaymentPath) (*paymentOutput, error) {
		var out Payment
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			r, err := t.Q.GetPaymentRequestForUpdate(ctx, dbq.GetPaymentRequestForUpdateParams{ProjectID: p.ID, ID: in.Payment})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			if r.Status != StatusPending && r.Status != StatusFailed {
				return httpapi.Err(httpapi.CodePaymentNotPending, "only a pending request can be cancelled; this one is "+r.Status)
			}
			now := h.d.Now()
			nr, err := t.Q.SetPaymentStatus(ctx, dbq.SetPaymentStatusParams{Status: StatusCancelled, ClosedAt: &now, Now: now,
				ClearCheckout: true, WorkspaceID: t.WorkspaceID, ID: r.ID})
			if err != nil {
				return err
			}
			if r.CheckoutSessionID != nil && r.CheckoutAccount != nil {
				if _, err := h.d.River.InsertTx(ctx, t.Tx, ExpireSessionArgs{WorkspaceID: t.WorkspaceID, Account: *r.CheckoutAccount, SessionID: *r.CheckoutSessionID}, nil); err != nil {
					return err
				}
			}
			out = toPayment(nr)
			if err := t.Record(&p.ID, event.PaymentCancelled, "payment", r.ID.String(), paymentData(nr)); err != nil {
				return err
			}
			return h.ticketPaymentClosed(ctx, t, nr)
		})
		if err != nil {
			return nil, err
		}
		return &paymentOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "checkout-payment", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments/{payment}/checkout", Tags: tags,
		Summary: "« Payer »: the Checkout page to pay this request on (made on the first click, reused while it lives; clients of the project)",
		Errors:  []int{401, 403, 404, 409, 502}, Security: sec,
	}, func(ctx context.Context, in *PaymentPath) (*struct{ Body CheckoutBody }, error) {
		b, err := h.checkout(ctx, in.Workspace, in.Project, in.Payment)
		if err != nil {
			return nil, err
		}
		return &struct{ Body CheckoutBody }{Body: b}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "put-project-budget", Metadata: httpapi.AdminOnly, Method: http.MethodPut,
		Path: "/api/v1/w/{workspace}/projects/{project}/budget", Tags: tags,
		Summary: "Set or clear the project's budget, which « reste à payer » counts down from (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			BudgetCents *int64 `json:"budgetCents" minimum:"0" maximum:"1000000000" doc:"integer cents; null clears the budget"`
		}
	}) (*struct{ Body Summary }, error) {
		var out Summary
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			b, err := t.Q.SetProjectBudget(ctx, dbq.SetProjectBudgetParams{BudgetCents: in.Body.BudgetCents, Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: p.ID})
			if err != nil {
				return err
			}
			p.BudgetCents = b
			out, err = Totals(ctx, t, p)
			if err != nil {
				return err
			}
			data := map[string]any{}
			if b != nil {
				data["budgetCents"] = *b
			}
			return t.Record(&p.ID, event.ProjectBudgetSet, "project", p.ID.String(), data)
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Summary }{Body: out}, nil
	})

	h.registerSettings(api)
	h.registerSimulated(api)
	srv.Handle(WebhookPattern, http.HandlerFunc(h.serveWebhook))
}

// ticketPaymentClosed gives a « demande payante » that was cancelled or
// expired back to its ticket, in the same transaction.
func (h *Handler) ticketPaymentClosed(ctx context.Context, t *httpapi.Tenant, r dbq.PaymentRequest) error {
	if r.TicketID == nil || h.OnTicketPaymentClosed == nil {
		return nil
	}
	if err := h.OnTicketPaymentClosed(ctx, t, *r.TicketID, r.Status); err != nil {
		return fmt.Errorf("ticket payment closed hook: %w", err)
	}
	return nil
}

// paymentData is an activity entry's data about a request: the UI renders
// « Paiement demandé : Acompte 30 % — 1 200 € ».
func paymentData(r dbq.PaymentRequest) map[string]any {
	return map[string]any{"title": r.Title, "kind": r.Kind, "amountCents": r.AmountCents, "amount": Euros(r.AmountCents)}
}

// create inserts a request, its activity entry, and (with a due date) the
// job that expires it.
func (h *Handler) create(ctx context.Context, t *httpapi.Tenant, projectID uuid.UUID, kind, title, description string, amount int64, due *time.Time, ticketID *uuid.UUID) (dbq.PaymentRequest, error) {
	if amount < MinAmountCents || amount > MaxAmountCents {
		return dbq.PaymentRequest{}, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.amountCents", "between 0,50 € and 1 000 000 €", amount)
	}
	var actor *uuid.UUID
	if t.UserID != uuid.Nil {
		actor = &t.UserID
	}
	r, err := t.Q.CreatePaymentRequest(ctx, dbq.CreatePaymentRequestParams{WorkspaceID: t.WorkspaceID, ProjectID: projectID, Kind: kind,
		Title: title, Description: description, AmountCents: amount, DueDate: due, TicketID: ticketID, RequestedBy: actor, Now: h.d.Now()})
	if err != nil {
		return r, err
	}
	if due != nil {
		// The day after the due date, at midnight UTC: « Expiré ».
		at := due.AddDate(0, 0, 1)
		if _, err := h.d.River.InsertTx(ctx, t.Tx, DueDateArgs{WorkspaceID: t.WorkspaceID, RequestID: r.ID}, &river.InsertOpts{ScheduledAt: at}); err != nil {
			return r, err
		}
	}
	if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: projectID}); err != nil {
		return r, err
	}
	return r, t.Record(&projectID, event.PaymentRequested, "payment", r.ID.String(), paymentData(r))
}

// RequestForTicket creates the « demande payante » request of a priced
// client ticket, in the caller's transaction (the tickets module calls it
// when the ticket is priced/accepted): kind "ticket", the ticket's id (one
// request per ticket: a second call fails with a unique violation), no due
// date. When it is paid, Handler.OnTicketPaid runs in the same
// transaction as the state change. t may be an admin's or the project's
// client's tenant (row-level security allows both for kind "ticket").
func (h *Handler) RequestForTicket(ctx context.Context, t *httpapi.Tenant, projectID, ticketID uuid.UUID, title string, amountCents int64) (uuid.UUID, error) {
	title = strings.TrimSpace(title)
	if title == "" || len([]rune(title)) > 120 {
		return uuid.Nil, errors.New("billing: a ticket's payment request needs a title of 1 to 120 characters")
	}
	r, err := h.create(ctx, t, projectID, KindTicket, title, "", amountCents, nil, &ticketID)
	return r.ID, err
}
