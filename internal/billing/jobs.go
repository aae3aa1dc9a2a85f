package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/stripe/stripe-go/v85"
	"github.com/stripe/stripe-go/v85/webhook"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// AddWorkers registers the payment jobs.
func (h *Handler) AddWorkers(w *river.Workers) {
	river.AddWorker(w, &ProcessEventWorker{h: h})
	river.AddWorker(w, &ExpireSessionWorker{h: h})
	river.AddWorker(w, &DueDateWorker{h: h})
	river.AddWorker(w, &ReceiptWorker{h: h})
	river.AddWorker(w, &ExpirySweepWorker{h: h})
}

// ExpirySweepArgs is the periodic sweep (registered in app.newRiver) that
// expires every request, in every workspace, still unpaid after its due
// date. Each request also has its own scheduled DueDateArgs job; the sweep
// is the safety net for a job lost, deleted, or scheduled before the due
// date moved, and for a clock that jumped.
type ExpirySweepArgs struct{}

// Kind implements river.JobArgs.
func (ExpirySweepArgs) Kind() string { return "billing.expiry_sweep" }

// sweepBatch bounds one run; what is left waits for the next one.
const sweepBatch = 500

// ExpirySweepWorker runs the sweep. Idempotent: each request is expired
// under its row lock, by the same code as its own job, which does nothing
// to a request no longer pending.
type ExpirySweepWorker struct {
	river.WorkerDefaults[ExpirySweepArgs]
	h *Handler
}

// Work implements river.Worker.
func (w *ExpirySweepWorker) Work(ctx context.Context, _ *river.Job[ExpirySweepArgs]) error {
	_, err := w.h.SweepExpired(ctx)
	return err
}

// SweepExpired expires the requests whose due date has passed (by the
// handler's clock) and returns how many it looked at.
func (h *Handler) SweepExpired(ctx context.Context) (int, error) {
	now := h.d.Now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	// due_payment_requests is a SECURITY DEFINER function returning ids
	// only (migration 00018): no workspace scope is needed to call it.
	due, err := dbq.New(h.d.Pool).DuePaymentRequests(ctx, dbq.DuePaymentRequestsParams{Today: today, MaxRows: sweepBatch})
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, r := range due {
		if _, err := h.expireDue(ctx, DueDateArgs{WorkspaceID: r.WorkspaceID, RequestID: r.ID}); err != nil {
			errs = append(errs, fmt.Errorf("request %s: %w", r.ID, err))
		}
	}
	return len(due), errors.Join(errs...)
}

// ExpireSessionArgs closes a Checkout session that must no longer be paid
// (its request was cancelled, expired, or a concurrent click's session won).
type ExpireSessionArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	Account     string    `json:"account"`
	SessionID   string    `json:"session_id"`
}

// Kind implements river.JobArgs.
func (ExpireSessionArgs) Kind() string { return "billing.expire_session" }

// ExpireSessionWorker calls the provider; its idempotency key is derived
// from the session, so a retry repeats the same call.
type ExpireSessionWorker struct {
	river.WorkerDefaults[ExpireSessionArgs]
	h *Handler
}

// Work implements river.Worker.
func (w *ExpireSessionWorker) Work(ctx context.Context, job *river.Job[ExpireSessionArgs]) error {
	var wp workspaceProvider
	err := db.Tx(ctx, w.h.d.Pool, db.SystemScope(job.Args.WorkspaceID, db.PurposePayments), func(tx pgx.Tx, q *dbq.Queries) error {
		var err error
		wp, err = w.h.providerFor(ctx, w.h.d.SystemTenant(ctx, tx, q, job.Args.WorkspaceID))
		return err
	})
	if err != nil {
		return err
	}
	if wp.mode == ModeOff || wp.account != job.Args.Account {
		return nil // the account changed: its sessions are not ours to reach
	}
	return wp.ExpireCheckout(ctx, "parvis-expire-"+job.Args.SessionID, job.Args.SessionID)
}

// DueDateArgs expires a request whose due date has passed.
type DueDateArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	RequestID   uuid.UUID `json:"request_id"`
}

// Kind implements river.JobArgs.
func (DueDateArgs) Kind() string { return "billing.due_date" }

// DueDateWorker turns a still-unpaid request « Expiré » the day after its
// due date, closes its open session, and records it. Inserted with the
// request, scheduled at that day; running it twice changes nothing more.
type DueDateWorker struct {
	river.WorkerDefaults[DueDateArgs]
	h *Handler
}

// Work implements river.Worker.
func (w *DueDateWorker) Work(ctx context.Context, job *river.Job[DueDateArgs]) error {
	snooze, err := w.h.expireDue(ctx, job.Args)
	if err == nil && snooze > 0 {
		return river.JobSnooze(snooze)
	}
	return err
}

// expireDue expires the request if its due date has passed, or says how
// long until it does.
func (h *Handler) expireDue(ctx context.Context, args DueDateArgs) (snooze time.Duration, err error) {
	w := &DueDateWorker{h: h}
	job := &river.Job[DueDateArgs]{Args: args}
	err = db.Tx(ctx, w.h.d.Pool, db.SystemScope(job.Args.WorkspaceID, db.PurposePayments), func(tx pgx.Tx, q *dbq.Queries) error {
		r, err := q.LockPaymentRequest(ctx, dbq.LockPaymentRequestParams{WorkspaceID: job.Args.WorkspaceID, ID: job.Args.RequestID})
		if db.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if (r.Status != StatusPending && r.Status != StatusFailed) || r.DueDate == nil {
			return nil
		}
		now := w.h.d.Now()
		if at := r.DueDate.AddDate(0, 0, 1); now.Before(at) {
			snooze = at.Sub(now)
			return nil
		}
		nr, err := q.SetPaymentStatus(ctx, dbq.SetPaymentStatusParams{Status: StatusExpired, ClosedAt: &now, Now: now, ClearCheckout: true,
			WorkspaceID: job.Args.WorkspaceID, ID: r.ID})
		if err != nil {
			return err
		}
		if r.CheckoutSessionID != nil && r.CheckoutAccount != nil {
			if _, err := w.h.d.River.InsertTx(ctx, tx, ExpireSessionArgs{WorkspaceID: job.Args.WorkspaceID, Account: *r.CheckoutAccount, SessionID: *r.CheckoutSessionID}, nil); err != nil {
				return err
			}
		}
		t := w.h.d.SystemTenant(ctx, tx, q, job.Args.WorkspaceID)
		if err := t.Record(&r.ProjectID, event.PaymentExpired, "payment", r.ID.String(), paymentData(nr)); err != nil {
			return err
		}
		return w.h.ticketPaymentClosed(ctx, t, nr)
	})
	return snooze, err
}

// ExpireDue runs the due-date check of one request now (tests, and
// operators who moved a clock).
func (h *Handler) ExpireDue(ctx context.Context, ws, request uuid.UUID) error {
	_, err := h.expireDue(ctx, DueDateArgs{WorkspaceID: ws, RequestID: request})
	return err
}

// ReceiptArgs fetches a paid request's receipt and invoice links.
type ReceiptArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	RequestID   uuid.UUID `json:"request_id"`
}

// Kind implements river.JobArgs.
func (ReceiptArgs) Kind() string { return "billing.receipt" }

// ReceiptWorker re-reads the paid session from the provider (the event
// does not carry the charge's receipt) and stores the links.
type ReceiptWorker struct {
	river.WorkerDefaults[ReceiptArgs]
	h *Handler
}

// Work implements river.Worker.
func (w *ReceiptWorker) Work(ctx context.Context, job *river.Job[ReceiptArgs]) error {
	var (
		wp      workspaceProvider
		session string
	)
	scope := db.SystemScope(job.Args.WorkspaceID, db.PurposePayments)
	err := db.Tx(ctx, w.h.d.Pool, scope, func(tx pgx.Tx, q *dbq.Queries) error {
		r, err := q.LockPaymentRequest(ctx, dbq.LockPaymentRequestParams{WorkspaceID: job.Args.WorkspaceID, ID: job.Args.RequestID})
		if err != nil || r.CheckoutSessionID == nil {
			return err
		}
		session = *r.CheckoutSessionID
		wp, err = w.h.providerFor(ctx, w.h.d.SystemTenant(ctx, tx, q, job.Args.WorkspaceID))
		return err
	})
	if err != nil || session == "" || wp.mode != ModeStripe {
		return err
	}
	l, err := wp.Receipt(ctx, session)
	if err != nil {
		return err
	}
	return db.Tx(ctx, w.h.d.Pool, scope, func(_ pgx.Tx, q *dbq.Queries) error {
		p := dbq.SetPaymentReceiptParams{Now: w.h.d.Now(), WorkspaceID: job.Args.WorkspaceID, ID: job.Args.RequestID}
		if l.Receipt != "" {
			p.ReceiptUrl = &l.Receipt
		}
		if err := q.SetPaymentReceipt(ctx, p); err != nil {
			return err
		}
		if l.Invoice != "" {
			_, err := q.MarkPaymentPaidLinks(ctx, dbq.MarkPaymentPaidLinksParams{InvoiceUrl: &l.Invoice, InvoicePdfUrl: &l.InvoicePDF,
				WorkspaceID: job.Args.WorkspaceID, ID: job.Args.RequestID})
			return err
		}
		return nil
	})
}

// SimulateBody is the outcome chosen on the simulated checkout page.
type SimulateBody struct {
	Session string `json:"session" minLength:"1" maxLength:"255" doc:"the session id from the checkout URL"`
	Outcome string `json:"outcome" enum:"paid,failed,abandoned" doc:"« Payer », « Échouer » or « Abandonner »"`
}

func (h *Handler) registerSimulated(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "simulate-checkout", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/payments/{payment}/simulate", Tags: []string{"payments"},
		Summary: "The simulated provider's checkout (development, no Stripe key): signs the event Stripe would send and posts it to the webhook handler (clients of the project)",
		Errors:  []int{401, 403, 404, 409}, Security: []map[string][]string{{"session": {}}},
	}, func(ctx context.Context, in *struct {
		PaymentPath
		Body SimulateBody
	}) (*paymentOutput, error) {
		var (
			payload []byte
			secret  string
			ws      uuid.UUID
		)
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			if t.IsAdmin() {
				return httpapi.Err(httpapi.CodeClientOnly, "only the project's client pays a request")
			}
			r, err := t.Q.GetPaymentRequest(ctx, dbq.GetPaymentRequestParams{ProjectID: p.ID, ID: in.Payment})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			wp, err := h.providerFor(ctx, t)
			if err != nil {
				return err
			}
			if wp.mode != ModeSimulated {
				return httpapi.Err(httpapi.CodeNotSimulated, "this workspace pays on Stripe, not on the simulated provider")
			}
			if r.CheckoutSessionID == nil || *r.CheckoutSessionID != in.Body.Session {
				return httpapi.Err(httpapi.CodePaymentNotPending, "this checkout session is no longer open")
			}
			ws, secret = t.WorkspaceID, wp.webhookSecret
			payload, err = simulatedEvent(r, in.Body.Outcome, h.d.Now())
			return err
		})
		if err != nil {
			return nil, err
		}
		// The very path of a Stripe delivery: signed, posted, verified.
		signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: time.Now()})
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, WebhookPath(ws), strings.NewReader(string(payload)))
		req.SetPathValue("workspaceId", ws.String())
		req.Header.Set("Stripe-Signature", signed.Header)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.serveWebhook(rec, req)
		if rec.Code != http.StatusOK {
			h.d.Log.ErrorContext(ctx, "simulated webhook refused", "status", rec.Code, "body", rec.Body.String())
			return nil, httpapi.Err(httpapi.CodePaymentProviderError, "the simulated payment was not accepted")
		}
		var out Payment
		err = h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			r, err := t.Q.GetPaymentRequest(ctx, dbq.GetPaymentRequestParams{ProjectID: p.ID, ID: in.Payment})
			out = toPayment(r)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &paymentOutput{Body: out}, nil
	})
}

// simulatedEvent is the event Stripe would send for the outcome.
func simulatedEvent(r dbq.PaymentRequest, outcome string, now time.Time) ([]byte, error) {
	meta := map[string]string{"parvis_workspace": r.WorkspaceID.String(), "parvis_project": r.ProjectID.String(), "parvis_request": r.ID.String()}
	obj := map[string]any{"id": *r.CheckoutSessionID, "object": "checkout.session", "mode": "payment", "client_reference_id": r.ID.String(),
		"metadata": meta, "amount_total": r.AmountCents, "currency": r.Currency, "livemode": false}
	typ := ""
	switch outcome {
	case "paid":
		typ = "checkout.session.completed"
		obj["status"], obj["payment_status"] = "complete", "paid"
		obj["payment_intent"] = "pi_sim_" + shortHash(*r.CheckoutSessionID)
	case "failed":
		typ = "checkout.session.async_payment_failed"
		obj["status"], obj["payment_status"] = "complete", "unpaid"
		obj["payment_intent"] = "pi_sim_" + shortHash(*r.CheckoutSessionID)
	default:
		typ = "checkout.session.expired"
		obj["status"], obj["payment_status"] = "expired", "unpaid"
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"id": newKey("evt_sim_"), "object": "event", "api_version": stripe.APIVersion,
		"created": now.Unix(), "type": typ, "livemode": false, "pending_webhooks": 1, "data": map[string]any{"object": json.RawMessage(raw)}})
}
