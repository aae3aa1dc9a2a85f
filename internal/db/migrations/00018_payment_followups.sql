-- Payments, follow-ups (issue 12): partial refunds, one live « demande
-- payante » per client request, and the expiry sweep.
--
-- refunded_cents is Stripe's cumulative amount_refunded of the charge: a
-- partial refund leaves the request « Payé » and lowers what was paid;
-- « Remboursé » is the full refund only.
--
-- A client request whose payment was cancelled or expired goes back to
-- « Payant » (the client may accept the price again, the admin may change
-- it): a new payment request is then made for the same ticket. Only one may
-- be payable (pending or failed) at a time; the closed ones stay as
-- history. (Money received on an old session is still recorded: paying a
-- closed request cancels the payable one, see billing.markPaid.)
--
-- The expiry sweep (a periodic River job) must find, in every workspace,
-- the pending requests past their due date. Row-level security shows the
-- app no row without a workspace, so a SECURITY DEFINER function owned by
-- the owner role returns only their ids (nothing else: each one is then
-- expired in its own workspace's system scope). payment_requests forces
-- RLS on its owner too, hence the owner's read-only policy; nobody logs in
-- as the owner (NOLOGIN) and this function is the only code that runs as it
-- on this table.

-- +goose Up
ALTER TABLE payment_requests ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0;
UPDATE payment_requests SET refunded_cents = amount_cents WHERE status = 'refunded';
ALTER TABLE payment_requests ADD CONSTRAINT payment_requests_refunded_check
    CHECK (refunded_cents BETWEEN 0 AND amount_cents AND (status = 'refunded') <= (refunded_cents = amount_cents));

ALTER TABLE payment_requests DROP CONSTRAINT payment_requests_ticket_id_key;
CREATE UNIQUE INDEX payment_requests_ticket_payable_key ON payment_requests (ticket_id)
    WHERE status IN ('pending', 'failed');

CREATE POLICY payment_requests_owner_sweep ON payment_requests FOR SELECT TO parvis_owner USING (true);

-- +goose StatementBegin
CREATE FUNCTION due_payment_requests(p_today date, p_limit integer)
RETURNS TABLE (workspace_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER
-- public after pg_catalog: the table's other policies (OR-ed with the
-- owner's) name app_workspace_id() and friends unqualified. Only the owner
-- may create objects in public, so nothing can stand in for them.
SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT pr.workspace_id, pr.id FROM public.payment_requests pr
  WHERE pr.status IN ('pending', 'failed') AND pr.due_date < p_today
  ORDER BY pr.due_date, pr.id
  LIMIT p_limit
$$;
-- +goose StatementEnd

REVOKE ALL ON FUNCTION due_payment_requests(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION due_payment_requests(date, integer) TO parvis_app;

-- +goose Down
DROP FUNCTION due_payment_requests(date, integer);
DROP POLICY payment_requests_owner_sweep ON payment_requests;
DROP INDEX payment_requests_ticket_payable_key;
ALTER TABLE payment_requests ADD CONSTRAINT payment_requests_ticket_id_key UNIQUE (ticket_id);
ALTER TABLE payment_requests DROP CONSTRAINT payment_requests_refunded_check;
ALTER TABLE payment_requests DROP COLUMN refunded_cents;
