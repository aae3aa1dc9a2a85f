-- Payments (internal/billing) ----------------------------------------------

-- name: GetBillingSettings :one
SELECT * FROM billing_settings WHERE workspace_id = @workspace_id;

-- name: PutBillingSettings :one
INSERT INTO billing_settings (workspace_id, secret_key_enc, secret_key_hint, account, webhook_secret_enc, invoice_creation, updated_at)
VALUES (@workspace_id, @secret_key_enc, @secret_key_hint, @account, @webhook_secret_enc, @invoice_creation, @now)
ON CONFLICT (workspace_id) DO UPDATE SET secret_key_enc = EXCLUDED.secret_key_enc, secret_key_hint = EXCLUDED.secret_key_hint,
    account = EXCLUDED.account, webhook_secret_enc = EXCLUDED.webhook_secret_enc,
    invoice_creation = EXCLUDED.invoice_creation, updated_at = EXCLUDED.updated_at
RETURNING *;

-- name: ListPaymentRequests :many
SELECT * FROM payment_requests WHERE project_id = @project_id ORDER BY requested_at DESC, id;

-- name: GetPaymentRequest :one
SELECT * FROM payment_requests WHERE project_id = @project_id AND id = @id;

-- name: GetPaymentRequestForUpdate :one
SELECT * FROM payment_requests WHERE project_id = @project_id AND id = @id FOR UPDATE;

-- name: LockPaymentRequest :one
-- The webhook's and the jobs' way in: by id alone, in the workspace of the
-- system scope.
SELECT * FROM payment_requests WHERE workspace_id = @workspace_id AND id = @id FOR UPDATE;

-- name: LockPaymentRequestByIntent :one
SELECT * FROM payment_requests WHERE workspace_id = @workspace_id AND payment_intent_id = @payment_intent_id FOR UPDATE;

-- name: CreatePaymentRequest :one
INSERT INTO payment_requests (workspace_id, project_id, kind, title, description, amount_cents, due_date, ticket_id,
                              requested_by, requested_at, updated_at)
VALUES (@workspace_id, @project_id, @kind, @title, @description, @amount_cents, @due_date, @ticket_id,
        @requested_by, @now, @now)
RETURNING *;

-- name: SetPaymentStatus :one
UPDATE payment_requests SET status = @status, closed_at = @closed_at, updated_at = @now,
    checkout_session_id = CASE WHEN @clear_checkout::bool THEN NULL ELSE checkout_session_id END,
    checkout_url = CASE WHEN @clear_checkout::bool THEN NULL ELSE checkout_url END,
    checkout_expires_at = CASE WHEN @clear_checkout::bool THEN NULL ELSE checkout_expires_at END,
    checkout_idem_key = CASE WHEN @clear_checkout::bool THEN NULL ELSE checkout_idem_key END,
    checkout_account = CASE WHEN @clear_checkout::bool THEN NULL ELSE checkout_account END
WHERE workspace_id = @workspace_id AND id = @id
RETURNING *;

-- name: MarkPaymentPaid :one
UPDATE payment_requests SET status = 'paid', paid_at = @paid_at, closed_at = @paid_at, updated_at = @paid_at,
    payment_intent_id = coalesce(sqlc.narg(payment_intent_id), payment_intent_id),
    receipt_url = coalesce(sqlc.narg(receipt_url), receipt_url),
    invoice_url = coalesce(sqlc.narg(invoice_url), invoice_url),
    invoice_pdf_url = coalesce(sqlc.narg(invoice_pdf_url), invoice_pdf_url),
    checkout_session_id = coalesce(sqlc.narg(checkout_session_id), checkout_session_id)
WHERE workspace_id = @workspace_id AND id = @id
RETURNING *;

-- name: SetPaymentReceipt :exec
UPDATE payment_requests SET receipt_url = coalesce(sqlc.narg(receipt_url), receipt_url),
    payment_intent_id = coalesce(sqlc.narg(payment_intent_id), payment_intent_id), updated_at = @now
WHERE workspace_id = @workspace_id AND id = @id;

-- name: PrepareCheckout :one
-- Before calling the provider: the idempotency key and the expiry of the
-- session about to be made, stored so that a retry sends the same call.
UPDATE payment_requests SET checkout_account = @account, checkout_idem_key = @idem_key, checkout_expires_at = @expires_at,
    checkout_session_id = NULL, checkout_url = NULL, checkout_attempts = checkout_attempts + 1, updated_at = @now
WHERE project_id = @project_id AND id = @id
RETURNING *;

-- name: StoreCheckout :one
UPDATE payment_requests SET checkout_session_id = @session_id, checkout_url = @url, checkout_expires_at = @expires_at, updated_at = @now
WHERE project_id = @project_id AND id = @id
RETURNING *;

-- name: ClearCheckoutSession :exec
-- A session that expired on the provider's side: the next « Payer » makes
-- a new one (with a new idempotency key).
UPDATE payment_requests SET checkout_session_id = NULL, checkout_url = NULL, checkout_expires_at = NULL,
    checkout_idem_key = NULL, checkout_account = NULL, updated_at = @now
WHERE workspace_id = @workspace_id AND id = @id AND checkout_session_id = @session_id;

-- name: PaymentTotals :one
-- paid_cents is net of refunds (a partial refund lowers it; a full refund,
-- « Remboursé », leaves nothing); refunded_cents is what went back.
SELECT coalesce(sum(amount_cents - refunded_cents) FILTER (WHERE status IN ('paid', 'refunded')), 0)::bigint AS paid_cents,
       coalesce(sum(refunded_cents) FILTER (WHERE status IN ('paid', 'refunded')), 0)::bigint AS refunded_cents,
       coalesce(sum(amount_cents) FILTER (WHERE status IN ('pending', 'failed')), 0)::bigint AS pending_cents
FROM payment_requests WHERE project_id = @project_id;

-- name: SetPaymentRefund :one
-- Stripe's amount_refunded is cumulative: an older event (smaller amount)
-- arriving late lowers nothing.
UPDATE payment_requests SET refunded_cents = greatest(refunded_cents, least(@refunded_cents::bigint, amount_cents)),
    status = CASE WHEN greatest(refunded_cents, least(@refunded_cents::bigint, amount_cents)) = amount_cents THEN 'refunded' ELSE status END,
    updated_at = @now
WHERE workspace_id = @workspace_id AND id = @id
RETURNING *;

-- name: DuePaymentRequests :many
-- Every workspace's requests still unpaid after their due date (the
-- expiry sweep; see migration 00018).
SELECT workspace_id::uuid AS workspace_id, id::uuid AS id FROM due_payment_requests(@today::date, @max_rows::int);

-- name: SetProjectBudget :one
UPDATE projects SET budget_cents = @budget_cents, updated_at = @now WHERE workspace_id = @workspace_id AND id = @id
RETURNING budget_cents;

-- name: GetStripeCustomer :one
SELECT * FROM stripe_customers WHERE workspace_id = @workspace_id AND user_id = @user_id AND account = @account;

-- name: EnsureStripeCustomer :one
-- The row (and so the idempotency key of the create call) exists before
-- the call; concurrent clicks share it.
INSERT INTO stripe_customers (workspace_id, user_id, account, idempotency_key, created_at)
VALUES (@workspace_id, @user_id, @account, @idempotency_key, @now)
ON CONFLICT (workspace_id, user_id, account) DO UPDATE SET account = EXCLUDED.account
RETURNING *;

-- name: SetStripeCustomerID :exec
UPDATE stripe_customers SET customer_id = @customer_id
WHERE workspace_id = @workspace_id AND user_id = @user_id AND account = @account AND customer_id IS NULL;

-- name: InsertStripeEvent :execrows
INSERT INTO processed_stripe_events (event_id, workspace_id, type, payload, received_at)
VALUES (@event_id, @workspace_id, @type, @payload, @now)
ON CONFLICT (event_id) DO NOTHING;

-- name: LockStripeEvent :one
SELECT * FROM processed_stripe_events WHERE workspace_id = @workspace_id AND event_id = @event_id FOR UPDATE;

-- name: FinishStripeEvent :exec
UPDATE processed_stripe_events SET processed_at = @now, outcome = @outcome WHERE workspace_id = @workspace_id AND event_id = @event_id;

-- name: MarkPaymentPaidLinks :one
UPDATE payment_requests SET invoice_url = coalesce(sqlc.narg(invoice_url), invoice_url),
    invoice_pdf_url = coalesce(sqlc.narg(invoice_pdf_url), invoice_pdf_url)
WHERE workspace_id = @workspace_id AND id = @id
RETURNING id;

-- name: LockPayableTicketPayments :many
-- The other requests of a ticket that could still be paid (when an older,
-- closed one was paid after all).
SELECT * FROM payment_requests
WHERE workspace_id = @workspace_id AND ticket_id = @ticket_id AND id <> @id AND status IN ('pending', 'failed')
ORDER BY id FOR UPDATE;
