-- Payments (spec module F, issue 12): payment requests the admin asks of
-- the client, paid on Stripe Checkout (or the simulated provider in
-- development), learned only from verified webhooks; each workspace's own
-- Stripe account (keys encrypted at rest); the project's budget for the
-- « reste à payer ».

-- +goose Up
ALTER TABLE projects ADD COLUMN budget_cents bigint CHECK (budget_cents BETWEEN 0 AND 1000000000);

-- One row per workspace that connected its Stripe account. The secrets are
-- AES-GCM ciphertexts under a key derived from PARVIS_SECRET_KEY, bound to
-- the workspace (internal/billing/secret.go); the API never returns them.
CREATE TABLE billing_settings (
    workspace_id       uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
    secret_key_enc     bytea,
    secret_key_hint    text NOT NULL DEFAULT '' CHECK (length(secret_key_hint) <= 40),
    account            text NOT NULL DEFAULT '' CHECK (length(account) <= 64),
    webhook_secret_enc bytea,
    invoice_creation   boolean NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL
);

-- One Stripe Customer per client user per workspace and Stripe account
-- (a test-mode customer does not exist in live mode). The idempotency key
-- of the create call is stored before the call, so a retry reuses it.
CREATE TABLE stripe_customers (
    workspace_id    uuid NOT NULL,
    user_id         uuid NOT NULL,
    account         text NOT NULL CHECK (length(account) BETWEEN 1 AND 64),
    customer_id     text CHECK (length(customer_id) <= 255),
    idempotency_key text NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id, account),
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE payment_requests (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id        uuid NOT NULL,
    project_id          uuid NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('acompte', 'jalon', 'solde', 'ticket')),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description         text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    -- Integer minor units; Stripe's minimum for EUR is 0,50 €, the
    -- portal's maximum 1 000 000 €.
    amount_cents        bigint NOT NULL CHECK (amount_cents BETWEEN 50 AND 100000000),
    currency            text NOT NULL DEFAULT 'eur' CHECK (currency = 'eur'),
    due_date            date,
    -- The client ticket (« demande payante ») this request prices. The
    -- foreign key to tickets is added when the tickets module is merged.
    ticket_id           uuid UNIQUE,
    status              text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'paid', 'cancelled', 'expired', 'failed', 'refunded')),
    requested_by        uuid REFERENCES users ON DELETE SET NULL,
    requested_at        timestamptz NOT NULL,
    -- The Checkout session the client may still pay (reused while it
    -- lives), the account it was made on, and the idempotency key of the
    -- create call, stored before the call.
    checkout_account    text,
    checkout_session_id text CHECK (length(checkout_session_id) <= 255),
    checkout_url        text CHECK (length(checkout_url) <= 2000),
    checkout_expires_at timestamptz,
    checkout_idem_key   text,
    checkout_attempts   integer NOT NULL DEFAULT 0,
    payment_intent_id   text CHECK (length(payment_intent_id) <= 255),
    receipt_url         text CHECK (length(receipt_url) <= 2000),
    invoice_url         text CHECK (length(invoice_url) <= 2000),
    invoice_pdf_url     text CHECK (length(invoice_pdf_url) <= 2000),
    paid_at             timestamptz,
    closed_at           timestamptz,
    updated_at          timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    CHECK ((kind = 'ticket') = (ticket_id IS NOT NULL)),
    CHECK (status NOT IN ('paid', 'refunded') OR paid_at IS NOT NULL)
);
CREATE INDEX payment_requests_project_idx ON payment_requests (project_id, requested_at DESC);
CREATE INDEX payment_requests_session_idx ON payment_requests (workspace_id, checkout_session_id);
CREATE INDEX payment_requests_intent_idx ON payment_requests (workspace_id, payment_intent_id);

-- Every verified webhook event, stored once: the unique event id, written
-- in the same transaction as the River job that processes it, is what
-- makes a replayed or duplicated delivery a no-op.
CREATE TABLE processed_stripe_events (
    event_id     text PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    type         text NOT NULL,
    payload      jsonb NOT NULL,
    received_at  timestamptz NOT NULL,
    processed_at timestamptz,
    outcome      text NOT NULL DEFAULT ''
);

-- Row-level security ------------------------------------------------------

ALTER TABLE billing_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_settings FORCE ROW LEVEL SECURITY;
-- Members read the row (a client's « Payer » needs the workspace's key to
-- call Stripe; the Go code never returns a secret); only admins write.
CREATE POLICY billing_settings_select ON billing_settings FOR SELECT
    USING (workspace_id = app_workspace_id());
CREATE POLICY billing_settings_write ON billing_settings FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

ALTER TABLE stripe_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_customers FORCE ROW LEVEL SECURITY;
CREATE POLICY stripe_customers_all ON stripe_customers FOR ALL
    USING (workspace_id = app_workspace_id() AND (app_role() = 'admin' OR user_id = app_user_id()))
    WITH CHECK (workspace_id = app_workspace_id() AND (app_role() = 'admin' OR user_id = app_user_id()));

ALTER TABLE payment_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY payment_requests_select ON payment_requests FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
-- Admins ask for money; a priced ticket's request may be made in the
-- client's own transaction (accepting the price).
CREATE POLICY payment_requests_insert ON payment_requests FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id()
                AND (app_role() = 'admin' OR (kind = 'ticket' AND app_can_see_project(project_id))));
-- The client's « Payer » stores the Checkout session on the row.
CREATE POLICY payment_requests_update ON payment_requests FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id))
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id));

ALTER TABLE processed_stripe_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE processed_stripe_events FORCE ROW LEVEL SECURITY;
CREATE POLICY processed_stripe_events_admin ON processed_stripe_events FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_settings, stripe_customers TO parvis_app;
GRANT SELECT, INSERT, UPDATE ON payment_requests, processed_stripe_events TO parvis_app;

-- +goose Down
DROP TABLE processed_stripe_events, payment_requests, stripe_customers, billing_settings;
ALTER TABLE projects DROP COLUMN budget_cents;
