-- Client requests (spec module C): tickets numbered per workspace, their
-- threads, and the link from a task to the request it was made from.
--
-- Statuses: new (Nouveau), clarify (À clarifier: waits on the client),
-- refused (Refusé), accepted (Accepté: a task exists), priced (Payant:
-- waits on the client's answer), payment_pending (En attente de paiement),
-- paid (Payé: a task exists), duplicate (Doublon of another request).

-- +goose Up
-- One row per workspace holding the last number given. Taking a number is
-- an UPDATE … RETURNING in the creating transaction: concurrent creates
-- queue on the row, and a rolled-back create gives its number back, so
-- numbers have neither gaps nor duplicates.
CREATE TABLE ticket_counters (
    workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
    last_number  integer NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE tickets (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      uuid NOT NULL,
    project_id        uuid NOT NULL,
    number            integer NOT NULL CHECK (number >= 1),
    type              text NOT NULL CHECK (type IN ('bug', 'modif', 'amelioration', 'question')),
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description       text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    status            text NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'clarify', 'refused', 'accepted', 'priced', 'payment_pending', 'paid', 'duplicate')),
    author_id         uuid REFERENCES users ON DELETE SET NULL,
    -- Payant: EUR cents, 1 cent to 1 000 000 €.
    price_cents       bigint CHECK (price_cents BETWEEN 1 AND 100000000),
    price_description text NOT NULL DEFAULT '' CHECK (length(price_description) <= 2000),
    price_delay_days  integer CHECK (price_delay_days BETWEEN 1 AND 365),
    refusal_reason    text NOT NULL DEFAULT '' CHECK (length(refusal_reason) <= 2000),
    refused_by_client boolean NOT NULL DEFAULT false,
    duplicate_of      uuid,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    UNIQUE (workspace_id, number),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, duplicate_of) REFERENCES tickets (workspace_id, id) ON DELETE SET NULL (duplicate_of),
    CHECK ((status IN ('priced', 'payment_pending', 'paid')) <= (price_cents IS NOT NULL)),
    CHECK (duplicate_of IS NULL OR duplicate_of <> id)
);
CREATE INDEX tickets_project_idx ON tickets (project_id, created_at DESC);
CREATE INDEX tickets_undecided_idx ON tickets (workspace_id, created_at) WHERE status IN ('new', 'clarify');

-- The thread. A decision's message is a comment with the status it set
-- (decision). Internal comments (« note interne ») are admin-only: the
-- SELECT policy itself hides them from clients.
CREATE TABLE ticket_comments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Order of writing: two messages of the same instant keep their order.
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    ticket_id    uuid NOT NULL,
    author_id    uuid REFERENCES users ON DELETE SET NULL,
    body         text NOT NULL CHECK (length(body) <= 20000),
    internal     boolean NOT NULL DEFAULT false,
    decision     text CHECK (decision IN ('new', 'clarify', 'refused', 'accepted', 'priced', 'payment_pending', 'paid', 'duplicate')),
    created_at   timestamptz NOT NULL,
    edited_at    timestamptz,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    CHECK (decision IS NOT NULL OR length(body) >= 1),
    CHECK (NOT (internal AND decision IS NOT NULL))
);
CREATE INDEX ticket_comments_ticket_idx ON ticket_comments (ticket_id, seq);

-- A task made from a request: at most one per request, enforced here, so
-- an accept clicked twice or a payment event replayed cannot make two.
ALTER TABLE tasks
    ADD COLUMN ticket_id uuid,
    ADD CONSTRAINT tasks_ticket_fkey FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE SET NULL (ticket_id),
    ADD CONSTRAINT tasks_ticket_origin CHECK (ticket_id IS NULL OR origin = 'request');
CREATE UNIQUE INDEX tasks_ticket_key ON tasks (ticket_id) WHERE ticket_id IS NOT NULL;

-- Row-level security ------------------------------------------------------

ALTER TABLE ticket_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY ticket_counters_all ON ticket_counters FOR ALL
    USING (workspace_id = app_workspace_id())
    WITH CHECK (workspace_id = app_workspace_id());

-- Members see the requests of the projects they see; a client creates
-- requests only as himself. Clients update a request only to answer a
-- price (the API decides which transitions each role may make).
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tickets_select ON tickets FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
CREATE POLICY tickets_insert ON tickets FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
                AND (app_role() = 'admin' OR author_id = app_user_id()));
CREATE POLICY tickets_update ON tickets FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id))
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id));

ALTER TABLE ticket_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY ticket_comments_select ON ticket_comments FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (NOT internal OR app_role() = 'admin'));
CREATE POLICY ticket_comments_insert ON ticket_comments FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
                AND (author_id = app_user_id() OR (author_id IS NULL AND app_role() = 'admin' AND decision IS NOT NULL))
                -- a client's own decisions: accepting or refusing a price
                AND (app_role() = 'admin' OR (NOT internal AND (decision IS NULL OR decision IN ('payment_pending', 'refused'))))
                AND ticket_id IN (SELECT t.id FROM tickets t WHERE t.project_id = ticket_comments.project_id));
-- Only the author edits a comment, and cannot make it internal or public.
CREATE POLICY ticket_comments_update ON ticket_comments FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id) AND author_id = app_user_id()
           AND (NOT internal OR app_role() = 'admin'))
    WITH CHECK (workspace_id = app_workspace_id() AND author_id = app_user_id()
                AND (NOT internal OR app_role() = 'admin'));

GRANT SELECT, INSERT, UPDATE ON ticket_counters, tickets, ticket_comments TO parvis_app;

-- +goose Down
DROP INDEX tasks_ticket_key;
ALTER TABLE tasks DROP CONSTRAINT tasks_ticket_origin, DROP CONSTRAINT tasks_ticket_fkey, DROP COLUMN ticket_id;
DROP TABLE ticket_comments, tickets, ticket_counters;
