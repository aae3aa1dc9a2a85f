package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

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

// WebhookPattern is the per-workspace webhook endpoint: each workspace's
// Stripe account signs its events with its own secret. It is a plain
// handler (raw body, no session), vetted by the cross-tenant matrix's
// plainRoutes.
const WebhookPattern = "POST /api/v1/webhooks/stripe/{workspaceId}"

// WebhookPath is the webhook URL path of a workspace.
func WebhookPath(ws uuid.UUID) string { return "/api/v1/webhooks/stripe/" + ws.String() }

// MaxWebhookBytes caps a webhook's body; Stripe's events are far smaller.
const MaxWebhookBytes = 256 << 10

// WebhookTolerance is how old a signed event may be (security guide 21).
const WebhookTolerance = 300 * time.Second

// apiVersion is the Stripe API version the endpoint must be created with.
// stripe-go refuses events of another release train; Parvis keeps that
// check (no IgnoreAPIVersionMismatch): an event shaped by another version
// could be decoded wrongly, so it answers 400 and is logged, and Stripe
// retries it once the endpoint's version is fixed.
func apiVersion() string { return stripe.APIVersion }

// Event types Parvis acts on; any other answers 200 and is ignored (a 4xx
// would make Stripe retry it for days).
var handledEvents = map[stripe.EventType]bool{
	"checkout.session.completed":               true,
	"checkout.session.async_payment_succeeded": true,
	"checkout.session.async_payment_failed":    true,
	"checkout.session.expired":                 true,
	"charge.refunded":                          true,
}

// HandledEvents lists, sorted, the event types to select on the endpoint.
func HandledEvents() []string {
	out := make([]string, 0, len(handledEvents))
	for e := range handledEvents {
		out = append(out, string(e))
	}
	slices.Sort(out)
	return out
}

type webhookError struct {
	status int
	msg    string
}

func (e webhookError) Error() string { return e.msg }

func (h *Handler) serveWebhook(w http.ResponseWriter, r *http.Request) {
	ws, err := uuid.Parse(r.PathValue("workspaceId"))
	if err != nil {
		writeWebhook(w, http.StatusNotFound, "unknown endpoint")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBytes))
	if err != nil {
		writeWebhook(w, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	err = h.receive(r.Context(), ws, body, r.Header.Get("Stripe-Signature"))
	var we webhookError
	switch {
	case errors.As(err, &we):
		h.d.Log.WarnContext(r.Context(), "stripe webhook refused", "workspace_id", ws, "status", we.status, "reason", we.msg)
		writeWebhook(w, we.status, we.msg)
	case err != nil:
		h.d.Log.ErrorContext(r.Context(), "stripe webhook failed", "workspace_id", ws, "err", err)
		writeWebhook(w, http.StatusInternalServerError, "try again")
	default:
		writeWebhook(w, http.StatusOK, "")
	}
}

func writeWebhook(w http.ResponseWriter, status int, msg string) {
	if status == http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"received":true}` + "\n"))
		return
	}
	b, _ := json.Marshal(map[string]any{"status": status, "title": http.StatusText(status), "detail": msg})
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// eventObject is what Parvis reads of any handled event's object.
type eventObject struct {
	Metadata map[string]string `json:"metadata"`
}

// receive verifies one delivery and stores it with its processing job, in
// one transaction of the workspace's system scope: a replay or a
// concurrent duplicate finds the event id taken and changes nothing.
func (h *Handler) receive(ctx context.Context, ws uuid.UUID, body []byte, sig string) error {
	return db.Tx(ctx, h.d.Pool, db.SystemScope(ws, db.PurposePayments), func(tx pgx.Tx, q *dbq.Queries) error {
		if _, err := q.GetWorkspace(ctx, ws); db.IsNotFound(err) {
			return webhookError{http.StatusNotFound, "unknown endpoint"}
		} else if err != nil {
			return err
		}
		t := h.d.SystemTenant(ctx, tx, q, ws)
		wp, err := h.providerFor(ctx, t)
		if err != nil {
			return err
		}
		if wp.webhookSecret == "" {
			return webhookError{http.StatusBadRequest, "no webhook signing secret is configured for this workspace"}
		}
		ev, err := webhook.ConstructEventWithOptions(body, sig, wp.webhookSecret, webhook.ConstructEventOptions{Tolerance: WebhookTolerance})
		if err != nil {
			return webhookError{http.StatusBadRequest, "signature verification failed: " + err.Error()}
		}
		if !handledEvents[ev.Type] {
			return nil
		}
		if ev.Data == nil {
			return webhookError{http.StatusBadRequest, "event without data"}
		}
		var obj eventObject
		if err := json.Unmarshal(ev.Data.Raw, &obj); err != nil {
			return webhookError{http.StatusBadRequest, "unreadable event object"}
		}
		// The event must be about this workspace. A charge may carry no
		// metadata; it is then found by its payment intent, within this
		// workspace only.
		if named, ok := obj.Metadata["parvis_workspace"]; ok && named != ws.String() {
			return webhookError{http.StatusBadRequest, "the event names another workspace"}
		} else if !ok && ev.Type != "charge.refunded" {
			return webhookError{http.StatusBadRequest, "the event names no workspace"}
		}
		n, err := q.InsertStripeEvent(ctx, dbq.InsertStripeEventParams{EventID: ev.ID, WorkspaceID: ws, Type: string(ev.Type), Payload: body, Now: h.d.Now()})
		if err != nil {
			return err
		}
		if n == 0 {
			return nil // already stored: processed or about to be
		}
		_, err = h.d.River.InsertTx(ctx, tx, ProcessEventArgs{WorkspaceID: ws, EventID: ev.ID}, nil)
		return err
	})
}

// ProcessEventArgs names one stored event to process.
type ProcessEventArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	EventID     string    `json:"event_id"`
}

// Kind implements river.JobArgs.
func (ProcessEventArgs) Kind() string { return "billing.process_event" }

// ProcessEventWorker applies a stored event to its payment request. Under
// the event row's lock it runs at most once to completion: a second run
// (River retry, a crash after commit) finds processed_at set.
type ProcessEventWorker struct {
	river.WorkerDefaults[ProcessEventArgs]
	h *Handler
}

// Work implements river.Worker.
func (w *ProcessEventWorker) Work(ctx context.Context, job *river.Job[ProcessEventArgs]) error {
	return w.h.process(ctx, job.Args.WorkspaceID, job.Args.EventID)
}

func (h *Handler) process(ctx context.Context, ws uuid.UUID, eventID string) error {
	return db.Tx(ctx, h.d.Pool, db.SystemScope(ws, db.PurposePayments), func(tx pgx.Tx, q *dbq.Queries) error {
		row, err := q.LockStripeEvent(ctx, dbq.LockStripeEventParams{WorkspaceID: ws, EventID: eventID})
		if db.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if row.ProcessedAt != nil {
			return nil
		}
		var ev stripe.Event
		if err := json.Unmarshal(row.Payload, &ev); err != nil {
			return h.finish(ctx, q, ws, eventID, "unreadable payload")
		}
		t := h.d.SystemTenant(ctx, tx, q, ws)
		outcome, err := h.apply(ctx, t, ev)
		if err != nil {
			return err
		}
		return h.finish(ctx, q, ws, eventID, outcome)
	})
}

func (h *Handler) finish(ctx context.Context, q *dbq.Queries, ws uuid.UUID, eventID, outcome string) error {
	return q.FinishStripeEvent(ctx, dbq.FinishStripeEventParams{Now: ptr(h.d.Now()), Outcome: outcome, WorkspaceID: ws, EventID: eventID})
}

// apply is the state machine. Events may come in any order and more than
// once; what is paid stays paid (only a refund changes it), and money
// received is recorded even on a request cancelled or expired meanwhile.
func (h *Handler) apply(ctx context.Context, t *httpapi.Tenant, ev stripe.Event) (string, error) {
	if ev.Type == "charge.refunded" {
		var ch stripe.Charge
		if err := json.Unmarshal(ev.Data.Raw, &ch); err != nil || ch.PaymentIntent == nil {
			return "charge without payment intent", nil
		}
		r, err := t.Q.LockPaymentRequestByIntent(ctx, dbq.LockPaymentRequestByIntentParams{WorkspaceID: t.WorkspaceID, PaymentIntentID: &ch.PaymentIntent.ID})
		if db.IsNotFound(err) {
			return "unknown payment intent", nil
		}
		if err != nil {
			return "", err
		}
		if r.Status != StatusPaid {
			return "not paid: " + r.Status, nil
		}
		// amount_refunded is the charge's running total: a second partial
		// refund sends the sum, an older event a smaller one (no change).
		refunded := ch.AmountRefunded
		if ch.Refunded {
			refunded = r.AmountCents
		}
		if refunded <= r.RefundedCents {
			return "refund already counted", nil
		}
		nr, err := t.Q.SetPaymentRefund(ctx, dbq.SetPaymentRefundParams{RefundedCents: refunded, Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: r.ID})
		if err != nil {
			return "", err
		}
		if nr.Status != StatusRefunded {
			return "partial refund", t.Record(&r.ProjectID, event.PaymentPartialRefund, "payment", r.ID.String(),
				merge(paymentData(r), map[string]any{"refundedCents": nr.RefundedCents, "refunded": Euros(nr.RefundedCents)}))
		}
		return "refunded", t.Record(&r.ProjectID, event.PaymentRefunded, "payment", r.ID.String(), paymentData(r))
	}

	var cs stripe.CheckoutSession
	if err := json.Unmarshal(ev.Data.Raw, &cs); err != nil {
		return "unreadable session", nil
	}
	ref := cs.ClientReferenceID
	if ref == "" {
		ref = cs.Metadata["parvis_request"]
	}
	id, err := uuid.Parse(ref)
	if err != nil {
		return "session names no request", nil
	}
	r, err := t.Q.LockPaymentRequest(ctx, dbq.LockPaymentRequestParams{WorkspaceID: t.WorkspaceID, ID: id})
	if db.IsNotFound(err) {
		return "unknown request", nil
	}
	if err != nil {
		return "", err
	}
	switch ev.Type {
	case "checkout.session.completed":
		if cs.PaymentStatus != stripe.CheckoutSessionPaymentStatusPaid {
			return "completed, payment pending", nil // SEPA and the like: async_payment_* follows
		}
		return h.markPaid(ctx, t, r, cs)
	case "checkout.session.async_payment_succeeded":
		return h.markPaid(ctx, t, r, cs)
	case "checkout.session.async_payment_failed":
		if r.Status != StatusPending {
			return "ignored: " + r.Status, nil
		}
		now := h.d.Now()
		if _, err := t.Q.SetPaymentStatus(ctx, dbq.SetPaymentStatusParams{Status: StatusFailed, Now: now, ClearCheckout: true,
			WorkspaceID: t.WorkspaceID, ID: r.ID}); err != nil {
			return "", err
		}
		return "failed", t.Record(&r.ProjectID, event.PaymentFailed, "payment", r.ID.String(), paymentData(r))
	case "checkout.session.expired":
		// The session's life is not the request's: the next « Payer »
		// makes a new session. « Expiré » follows the due date.
		if err := t.Q.ClearCheckoutSession(ctx, dbq.ClearCheckoutSessionParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: r.ID, SessionID: &cs.ID}); err != nil {
			return "", err
		}
		return "session expired", nil
	}
	return "ignored", nil
}

func (h *Handler) markPaid(ctx context.Context, t *httpapi.Tenant, r dbq.PaymentRequest, cs stripe.CheckoutSession) (string, error) {
	if r.Status == StatusPaid || r.Status == StatusRefunded {
		return "already " + r.Status, nil
	}
	if cs.AmountTotal != r.AmountCents || string(cs.Currency) != r.Currency {
		h.d.Log.ErrorContext(ctx, "paid session does not match its request", "request_id", r.ID, "session", cs.ID,
			"amount", cs.AmountTotal, "currency", cs.Currency, "expected", r.AmountCents)
		return fmt.Sprintf("amount mismatch: %d %s", cs.AmountTotal, cs.Currency), nil
	}
	p := dbq.MarkPaymentPaidParams{PaidAt: ptr(h.d.Now()), WorkspaceID: t.WorkspaceID, ID: r.ID, CheckoutSessionID: &cs.ID}
	if cs.PaymentIntent != nil && cs.PaymentIntent.ID != "" {
		p.PaymentIntentID = &cs.PaymentIntent.ID
		if lc := cs.PaymentIntent.LatestCharge; lc != nil && lc.ReceiptURL != "" {
			p.ReceiptUrl = &lc.ReceiptURL
		}
	}
	if inv := cs.Invoice; inv != nil {
		if inv.HostedInvoiceURL != "" {
			p.InvoiceUrl = &inv.HostedInvoiceURL
		}
		if inv.InvoicePDF != "" {
			p.InvoicePdfUrl = &inv.InvoicePDF
		}
	}
	if r.TicketID != nil && r.Status != StatusPending && r.Status != StatusFailed {
		// An old session of a request closed meanwhile was paid: the work
		// is paid; a newer request for the same ticket must not be paid
		// a second time.
		if err := h.cancelOtherTicketPayments(ctx, t, r); err != nil {
			return "", err
		}
	}
	nr, err := t.Q.MarkPaymentPaid(ctx, p)
	if err != nil {
		return "", err
	}
	data := paymentData(nr)
	if r.Status != StatusPending {
		data["previousStatus"] = r.Status
	}
	if err := t.Record(&r.ProjectID, event.PaymentReceived, "payment", r.ID.String(), data); err != nil {
		return "", err
	}
	if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: r.ProjectID}); err != nil {
		return "", err
	}
	if nr.PaymentIntentID != nil && (nr.ReceiptUrl == nil || nr.InvoiceUrl == nil) {
		if _, err := h.d.River.InsertTx(ctx, t.Tx, ReceiptArgs{WorkspaceID: t.WorkspaceID, RequestID: r.ID}, nil); err != nil {
			return "", err
		}
	}
	if r.TicketID != nil && h.OnTicketPaid != nil {
		if err := h.OnTicketPaid(ctx, t, *r.TicketID); err != nil {
			return "", fmt.Errorf("ticket paid hook: %w", err)
		}
	}
	return "paid", nil
}

func merge(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// cancelOtherTicketPayments cancels the ticket's other payable requests
// (and expires their open sessions), in t's transaction.
func (h *Handler) cancelOtherTicketPayments(ctx context.Context, t *httpapi.Tenant, r dbq.PaymentRequest) error {
	others, err := t.Q.LockPayableTicketPayments(ctx, dbq.LockPayableTicketPaymentsParams{WorkspaceID: t.WorkspaceID, TicketID: r.TicketID, ID: r.ID})
	if err != nil {
		return err
	}
	now := h.d.Now()
	for _, o := range others {
		no, err := t.Q.SetPaymentStatus(ctx, dbq.SetPaymentStatusParams{Status: StatusCancelled, ClosedAt: &now, Now: now, ClearCheckout: true,
			WorkspaceID: t.WorkspaceID, ID: o.ID})
		if err != nil {
			return err
		}
		if o.CheckoutSessionID != nil && o.CheckoutAccount != nil {
			if _, err := h.d.River.InsertTx(ctx, t.Tx, ExpireSessionArgs{WorkspaceID: t.WorkspaceID, Account: *o.CheckoutAccount, SessionID: *o.CheckoutSessionID}, nil); err != nil {
				return err
			}
		}
		if err := t.Record(&o.ProjectID, event.PaymentCancelled, "payment", o.ID.String(), merge(paymentData(no), map[string]any{"paidBy": r.ID.String()})); err != nil {
			return err
		}
	}
	return nil
}
