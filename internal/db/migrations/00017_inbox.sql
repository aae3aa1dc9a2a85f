-- The in-app notification bell (issue 14): each person's inbox in a
-- workspace, one row per notification event they would be emailed about.
--
-- The inbox job (internal/notify/inbox.go) runs at once (no chatty delay),
-- under the system scope, with the same recipient rules as the emails:
-- never the actor, admin-only events never to a client, a client only
-- while a member of the project, and nothing of a project the person
-- muted. The sentence is written then, in the recipient's language.
--
-- Reading goes through notification_events, whose policy hides from a
-- client what he may no longer see (a project he was removed from).
--
-- live_events gains user_id: an event for one person only (« a new item in
-- your inbox », « your inbox was read ») that the stream delivers to that
-- person's tabs and nobody else's.

-- +goose Up
CREATE TABLE notification_inbox (
    workspace_id uuid NOT NULL,
    user_id      uuid NOT NULL,
    event_id     uuid NOT NULL,
    sentence     text NOT NULL CHECK (length(sentence) <= 2000),
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    PRIMARY KEY (workspace_id, user_id, event_id),
    FOREIGN KEY (workspace_id, event_id) REFERENCES notification_events (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);
-- Newest first, keyset-paged on (created_at, event_id).
CREATE INDEX notification_inbox_list_idx ON notification_inbox (workspace_id, user_id, created_at DESC, event_id DESC);
CREATE INDEX notification_inbox_unread_idx ON notification_inbox (workspace_id, user_id) WHERE read_at IS NULL;
CREATE INDEX notification_inbox_event_idx ON notification_inbox (workspace_id, event_id);

-- A person reads and marks their own rows; only the system scope (the
-- inbox job) writes them.
ALTER TABLE notification_inbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_inbox FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_inbox_select ON notification_inbox FOR SELECT
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')));
CREATE POLICY notification_inbox_mark ON notification_inbox FOR UPDATE
    USING (workspace_id = app_workspace_id() AND user_id = app_user_id())
    WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id());
CREATE POLICY notification_inbox_insert ON notification_inbox FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_user_id() IS NULL AND app_role() = 'admin');
GRANT SELECT, INSERT ON notification_inbox TO parvis_app;
GRANT UPDATE (read_at) ON notification_inbox TO parvis_app;

-- Live events addressed to one person.
ALTER TABLE live_events ADD COLUMN user_id uuid REFERENCES users ON DELETE CASCADE;
DROP POLICY live_events_select ON live_events;
CREATE POLICY live_events_select ON live_events FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (project_id IS NULL OR app_can_see_project(project_id))
           AND (NOT admin_only OR app_role() = 'admin')
           AND (user_id IS NULL OR user_id = app_user_id()));
-- A person addresses only themselves; the system scope anyone.
DROP POLICY live_events_insert ON live_events;
CREATE POLICY live_events_insert ON live_events FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id()
                AND (user_id IS NULL OR user_id = app_user_id() OR (app_user_id() IS NULL AND app_role() = 'admin')));

-- +goose Down
DROP POLICY live_events_insert ON live_events;
CREATE POLICY live_events_insert ON live_events FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id());
DROP POLICY live_events_select ON live_events;
CREATE POLICY live_events_select ON live_events FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (project_id IS NULL OR app_can_see_project(project_id))
           AND (NOT admin_only OR app_role() = 'admin'));
ALTER TABLE live_events DROP COLUMN user_id;
DROP TABLE notification_inbox;
