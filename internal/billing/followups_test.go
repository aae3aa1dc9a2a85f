package billing_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v85"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/billing"
)

// The periodic sweep expires, in every workspace, the requests still
// unpaid after their due date (by the fake clock), closes their open
// Checkout session, and changes nothing when run again.
func TestExpirySweep(t *testing.T) {
	t.Parallel()
	// No workers: the requests' own due-date jobs are scheduled in fake
	// time, already past in real time; only the sweep may act here.
	f := newFixture(t, apitest.Options{NoWorkers: true})
	ctx := context.Background()
	a := f.request(t, map[string]any{"kind": "jalon", "title": "Jalon 1", "amountCents": 50000, "dueDate": "2026-03-05"})
	b := f.request(t, map[string]any{"kind": "jalon", "title": "Jalon 2", "amountCents": 60000, "dueDate": "2026-03-10"})
	c := f.acompte(t) // no due date: never expires
	f.checkout(t, a.ID)
	aSession := f.sessionOf(t, a.ID)
	// Another workspace's request, past due as well.
	var other uuid.UUID
	require.NoError(t, f.DB.Super.QueryRow(ctx, `INSERT INTO payment_requests (workspace_id, project_id, kind, title, amount_cents, due_date, requested_at, updated_at)
		VALUES ($1, $2, 'solde', 'Solde B', 9000, '2026-03-04', now(), now()) RETURNING id`, f.wsB.ID, f.projB).Scan(&other))

	f.Clock.Advance(3 * 24 * time.Hour) // 2026-03-05 09:00: a is due today, not late
	n, err := f.Portal.Payments.SweepExpired(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n, "only workspace B's request is late")
	require.Equal(t, "expired", f.status(t, other.String()))
	require.Equal(t, "pending", f.status(t, a.ID))

	f.Clock.Advance(24 * time.Hour) // 2026-03-06 09:00
	n, err = f.Portal.Payments.SweepExpired(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, "expired", f.status(t, a.ID))
	require.Equal(t, "pending", f.status(t, b.ID))
	require.Equal(t, "pending", f.status(t, c.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM river_job WHERE kind = 'billing.expire_session' AND args->>'session_id' = $1`, aSession),
		"the open session is closed")
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND checkout_session_id IS NULL`, a.ID))

	// Idempotent: nothing left, nothing recorded twice.
	n, err = f.Portal.Payments.SweepExpired(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.expired' AND object_id = $1`, a.ID))
	// The request's own job, run late, finds nothing to do either.
	require.NoError(t, f.Portal.Payments.ExpireDue(ctx, f.ws.ID, uuid.MustParse(a.ID)))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.expired' AND object_id = $1`, a.ID))

	f.Clock.Advance(10 * 24 * time.Hour)
	_, err = f.Portal.Payments.SweepExpired(ctx)
	require.NoError(t, err)
	require.Equal(t, "expired", f.status(t, b.ID))
	require.Equal(t, "pending", f.status(t, c.ID))
}

// A « demande payante » cancelled or expired gives its request back to
// « Payant »: the client can accept the price again (a new payment
// request), the admin can change it. A late payment of the old session is
// still recorded, and cancels the newer request so nothing is paid twice.
func TestTicketPaymentClosed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	tickets := "/api/v1/w/" + f.ws.Slug + "/projects/" + f.proj.String() + "/tickets"
	var tk struct{ ID string }
	r := f.client.Do("POST", tickets, map[string]any{"type": "amelioration", "title": "Page Équipe"})
	require.Equal(t, 201, r.Status, string(r.Body))
	r.JSON(t, &tk)
	require.Equal(t, 200, f.admin.Do("POST", tickets+"/"+tk.ID+"/decision", map[string]any{"action": "price", "priceCents": 30000, "priceDescription": "Page Équipe"}).Status)
	accept := func() string {
		t.Helper()
		var out struct {
			Status    string
			PaymentID *string
		}
		r := f.client.Do("POST", tickets+"/"+tk.ID+"/price-answer", map[string]any{"accept": true})
		require.Equal(t, 200, r.Status, string(r.Body))
		r.JSON(t, &out)
		require.Equal(t, "payment_pending", out.Status)
		require.NotNil(t, out.PaymentID)
		return *out.PaymentID
	}
	ticketStatus := func() string {
		var s string
		require.NoError(t, f.DB.Super.QueryRow(ctx, `SELECT status FROM tickets WHERE id = $1`, tk.ID).Scan(&s))
		return s
	}

	// Cancelled by the admin: back to « Payant », with the admin's and
	// the client's buttons.
	first := accept()
	f.checkout(t, first)
	firstSession := f.sessionOf(t, first)
	require.Equal(t, 200, f.admin.Do("POST", f.base+"/"+first+"/cancel", nil).Status)
	require.Equal(t, "priced", ticketStatus())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'request.payment_closed' AND object_id = $1 AND data->>'payment' = 'cancelled'`, tk.ID))
	var th struct {
		Ticket struct {
			Status    string
			PaymentID *string
			Actions   []string
		}
	}
	f.client.Do("GET", tickets+"/"+tk.ID, nil).JSON(t, &th)
	require.Equal(t, "priced", th.Ticket.Status)
	require.ElementsMatch(t, []string{"accept_price", "refuse_price"}, th.Ticket.Actions)
	f.admin.Do("GET", tickets+"/"+tk.ID, nil).JSON(t, &th)
	require.Contains(t, th.Ticket.Actions, "price", "the admin may change the price")

	// Accepted again: a new payment request; the cancelled one stays.
	second := accept()
	require.NotEqual(t, first, second)
	f.client.Do("GET", tickets+"/"+tk.ID, nil).JSON(t, &th)
	require.Equal(t, second, *th.Ticket.PaymentID, "the ticket names its latest payment request")
	require.Equal(t, "cancelled", f.status(t, first))

	// Expired (a due date set by hand, then the sweep): « Payant » again.
	_, err := f.DB.Super.Exec(ctx, `UPDATE payment_requests SET due_date = '2026-03-02' WHERE id = $1`, second)
	require.NoError(t, err)
	f.Clock.Advance(2 * 24 * time.Hour)
	_, err = f.Portal.Payments.SweepExpired(ctx)
	require.NoError(t, err)
	require.Equal(t, "expired", f.status(t, second))
	require.Equal(t, "priced", ticketStatus())
	f.client.Login(f.clientUser.Email, f.clientUser.Password) // days passed: a new session
	third := accept()

	// The first session is paid after all (Stripe had not closed it yet):
	// the money is recorded, the ticket is paid once, the third request
	// is cancelled so it cannot be paid too.
	p := billing.Payment{ID: first, AmountCents: 30000}
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, p, firstSession, nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, first, "paid")
	f.settle(t)
	require.Equal(t, "cancelled", f.status(t, third))
	require.Equal(t, "paid", ticketStatus())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE ticket_id = $1`, tk.ID))
	require.Equal(t, int64(30000), f.summary(t).PaidCents)
	require.Zero(t, f.summary(t).PendingCents)
}

// A payment received for a request refused meanwhile is recorded; the
// request is not turned into work, and the event is not retried forever.
func TestTicketPaidAfterRefusal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tickets := "/api/v1/w/" + f.ws.Slug + "/projects/" + f.proj.String() + "/tickets"
	var tk struct{ ID string }
	r := f.client.Do("POST", tickets, map[string]any{"type": "modif", "title": "Changer le logo"})
	require.Equal(t, 201, r.Status, string(r.Body))
	r.JSON(t, &tk)
	require.Equal(t, 200, f.admin.Do("POST", tickets+"/"+tk.ID+"/decision", map[string]any{"action": "price", "priceCents": 9000, "priceDescription": "Logo"}).Status)
	var out struct{ PaymentID *string }
	f.client.Do("POST", tickets+"/"+tk.ID+"/price-answer", map[string]any{"accept": true}).JSON(t, &out)
	require.NotNil(t, out.PaymentID)
	f.checkout(t, *out.PaymentID)
	session := f.sessionOf(t, *out.PaymentID)
	require.Equal(t, 200, f.admin.Do("POST", f.base+"/"+*out.PaymentID+"/cancel", nil).Status)
	require.Equal(t, 200, f.client.Do("POST", tickets+"/"+tk.ID+"/price-answer", map[string]any{"accept": false, "reason": "Finalement non"}).Status)

	p := billing.Payment{ID: *out.PaymentID, AmountCents: 9000}
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, p, session, nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
	f.settle(t)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tickets WHERE id = $1 AND status = 'refused'`, tk.ID))
	require.Zero(t, f.count(t, `SELECT count(*) FROM tasks WHERE ticket_id = $1`, tk.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM processed_stripe_events WHERE processed_at IS NOT NULL AND outcome = 'paid'`))
}

// Partial refunds: the request stays « Payé » with the refunded amount,
// « reste à payer » grows by it; « Remboursé » only on the full refund.
// amount_refunded is cumulative: a late, older event lowers nothing.
func TestPartialRefund(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	require.Equal(t, 200, f.admin.Do("PUT", "/api/v1/w/atelier/projects/"+f.proj.String()+"/budget", map[string]any{"budgetCents": 500000}).Status)
	p := f.acompte(t) // 1 200 €
	require.Equal(t, 200, f.post(t, f.ws.ID, event("checkout.session.completed", f.ws.ID, f.proj, p, "cs_r", nil), f.secret(), time.Now()).Status)
	f.waitStatus(t, p.ID, "paid")
	f.settle(t)
	require.Equal(t, billing.Summary{BudgetCents: ptr(int64(500000)), PaidCents: 120000, RemainingCents: 380000}, f.summary(t))

	refund := func(amount int64, full bool) {
		t.Helper()
		require.Equal(t, 200, f.post(t, f.ws.ID, chargeRefundedAmount("pi_cs_r", amount, full), f.secret(), time.Now()).Status)
		f.settle(t)
	}
	refund(20000, false) // 200 € back
	require.Equal(t, "paid", f.status(t, p.ID))
	require.Equal(t, billing.Summary{BudgetCents: ptr(int64(500000)), PaidCents: 100000, RefundedCents: 20000, RemainingCents: 400000}, f.summary(t))
	got := f.payment(t, p.ID)
	require.Equal(t, int64(20000), got.RefundedCents)
	require.Equal(t, "paid", got.Status)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.partially_refunded' AND (data->>'refundedCents')::int = 20000`))

	refund(50000, false) // a second partial refund: 500 € in all
	refund(20000, false) // the first one's event again, late (another event id)
	require.Equal(t, int64(50000), f.payment(t, p.ID).RefundedCents)
	require.Equal(t, int64(70000), f.summary(t).PaidCents)
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.partially_refunded'`))

	refund(120000, true) // the rest: « Remboursé »
	require.Equal(t, "refunded", f.status(t, p.ID))
	require.Equal(t, billing.Summary{BudgetCents: ptr(int64(500000)), PaidCents: 0, RefundedCents: 120000, RemainingCents: 500000}, f.summary(t))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.refunded'`))
	refund(120000, true) // replayed: nothing more
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'payment.refunded'`))
}

func (f *fixture) payment(t *testing.T, id string) billing.Payment {
	t.Helper()
	r := f.client.Do("GET", f.base+"/"+id, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var p billing.Payment
	r.JSON(t, &p)
	return p
}

func chargeRefundedAmount(intent string, amount int64, full bool) []byte {
	b, _ := json.Marshal(map[string]any{"id": "evt_" + uuid.NewString(), "object": "event", "api_version": stripe.APIVersion,
		"created": time.Now().Unix(), "type": "charge.refunded", "data": map[string]any{"object": map[string]any{
			"id": "ch_r", "object": "charge", "payment_intent": intent, "amount": 120000, "refunded": full, "amount_refunded": amount}}})
	return b
}
