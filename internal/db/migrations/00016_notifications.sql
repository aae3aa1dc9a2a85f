-- Email notifications (module G, issue 14): what each person wants to hear
-- about, what the portal announced, who was told of what, and which
-- addresses must not be written to.
--
-- notification_events holds what a change announced (httpapi.Event), written
-- in the change's transaction; the River job that decides and sends carries
-- only its id (river_job has no row-level security). A delivery row per
-- event × recipient, written in the same transaction as the email it
-- creates, is what makes a retried job send nothing twice.

-- +goose Up
ALTER TABLE emails
    ADD COLUMN headers jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN thread  text  NOT NULL DEFAULT '' CHECK (length(thread) <= 200);

-- One row per person and workspace once they changed anything; absent rows
-- mean the defaults (digest at 8:00, Europe/Paris).
CREATE TABLE notification_settings (
    workspace_id   uuid NOT NULL,
    user_id        uuid NOT NULL,
    digest_hour    smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
    time_zone      text NOT NULL DEFAULT 'Europe/Paris' CHECK (length(time_zone) BETWEEN 1 AND 64),
    last_digest_on date,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE notification_preferences (
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL,
    family       text NOT NULL CHECK (family IN ('requests', 'messages', 'payments', 'approvals', 'files', 'tasks')),
    mode         text NOT NULL CHECK (mode IN ('immediate', 'digest', 'never')),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id, family),
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE notification_mutes (
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL,
    project_id   uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id, project_id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE notification_events (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid,
    actor_id     uuid REFERENCES users ON DELETE SET NULL,
    action       text NOT NULL,
    object_type  text NOT NULL DEFAULT '',
    object_id    text NOT NULL DEFAULT '',
    -- thread groups the events one conversation (a request, a project's
    -- messages) coalesces and threads in mail clients: "request:<id>".
    thread       text NOT NULL,
    data         jsonb NOT NULL DEFAULT '{}',
    admin_only   boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX notification_events_thread_idx ON notification_events (workspace_id, thread, created_at);

-- channel: immediate (an email of its own or a coalesced one), digest
-- (waits for the daily summary), skipped (reason says why: never, muted,
-- read, suppressed).
CREATE TABLE notification_deliveries (
    workspace_id uuid NOT NULL,
    event_id     uuid NOT NULL,
    user_id      uuid NOT NULL,
    channel      text NOT NULL CHECK (channel IN ('immediate', 'digest', 'skipped')),
    reason       text NOT NULL DEFAULT '',
    email_id     uuid REFERENCES emails ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    digested_at  timestamptz,
    PRIMARY KEY (event_id, user_id),
    FOREIGN KEY (workspace_id, event_id) REFERENCES notification_events (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX notification_deliveries_digest_idx ON notification_deliveries (workspace_id, user_id)
    WHERE channel = 'digest' AND digested_at IS NULL;

-- When a person last read a thread in the portal: a chatty event read
-- before its email leaves is not sent.
CREATE TABLE notification_reads (
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL,
    thread       text NOT NULL CHECK (length(thread) <= 200),
    read_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id, thread),
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);

-- One-click unsubscribe links work once: the nonce of each used one.
CREATE TABLE notification_unsubscribes (
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    nonce        text PRIMARY KEY CHECK (length(nonce) BETWEEN 16 AND 64),
    user_id      uuid NOT NULL,
    family       text NOT NULL,
    used_at      timestamptz NOT NULL
);

-- Addresses that hard-bounced or complained: nothing but transactional
-- mail goes to them.
CREATE TABLE email_suppressions (
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    address      text NOT NULL CHECK (address = lower(address)),
    reason       text NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'manual')),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, address)
);

-- Row-level security ------------------------------------------------------
-- A person's preferences, mutes and reads are their own; the system scope
-- (no user, admin role: the notify job) reads everyone's in its workspace.

ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_settings_own ON notification_settings FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')))
    WITH CHECK (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')));

ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_preferences_own ON notification_preferences FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')))
    WITH CHECK (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')));

ALTER TABLE notification_mutes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_mutes FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_mutes_own ON notification_mutes FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')))
    WITH CHECK (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin'))
                AND app_can_see_project(project_id));

ALTER TABLE notification_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_reads_own ON notification_reads FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')))
    WITH CHECK (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')));

ALTER TABLE notification_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_deliveries_own ON notification_deliveries FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')))
    WITH CHECK (workspace_id = app_workspace_id() AND app_user_id() IS NULL AND app_role() = 'admin');

-- Events are written by whoever made the change (a client's comment too);
-- read back by admins and the system, or by a client for what they may see.
ALTER TABLE notification_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_events FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_events_select ON notification_events FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin' OR (NOT admin_only AND project_id IS NOT NULL AND app_can_see_project(project_id))));
CREATE POLICY notification_events_insert ON notification_events FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND (app_role() = 'admin' OR NOT admin_only));

ALTER TABLE notification_unsubscribes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_unsubscribes FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_unsubscribes_system ON notification_unsubscribes FOR ALL
    USING (workspace_id = app_workspace_id() AND app_user_id() IS NULL AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_user_id() IS NULL AND app_role() = 'admin');

ALTER TABLE email_suppressions ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_suppressions FORCE ROW LEVEL SECURITY;
CREATE POLICY email_suppressions_admin ON email_suppressions FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

-- The daily digest sweeps every workspace with something waiting; the
-- sweep has no tenant, so one SECURITY DEFINER function tells it which
-- workspaces to open (ids only), each then under its own system scope.
-- +goose StatementBegin
CREATE FUNCTION notification_digest_workspaces()
RETURNS TABLE (workspace_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
  SELECT DISTINCT d.workspace_id FROM public.notification_deliveries d
  WHERE d.channel = 'digest' AND d.digested_at IS NULL
$$;
-- +goose StatementEnd
CREATE POLICY notification_deliveries_owner_read ON notification_deliveries FOR SELECT TO parvis_owner USING (true);
REVOKE ALL ON FUNCTION notification_digest_workspaces() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_digest_workspaces() TO parvis_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_settings, notification_preferences, notification_mutes,
    notification_reads, notification_deliveries, email_suppressions TO parvis_app;
GRANT SELECT, INSERT ON notification_events, notification_unsubscribes TO parvis_app;

-- +goose Down
DROP FUNCTION notification_digest_workspaces();
DROP TABLE email_suppressions, notification_unsubscribes, notification_reads, notification_deliveries,
    notification_events, notification_mutes, notification_preferences, notification_settings;
ALTER TABLE emails DROP COLUMN headers, DROP COLUMN thread;
