-- The live stream's durable events (issue 13). Every announced change
-- (Tenant.Announce: activity entries and new messages) writes one row in
-- its own transaction and NOTIFYs "workspace:id" (ids only) on commit; each
-- process's one LISTEN connection wakes the streams of that workspace,
-- which re-read the rows under their user's RLS scope: a client never
-- receives an admin-only event nor one of a project he does not belong to.
-- After a reconnect, Last-Event-ID replays from this table. Rows older
-- than a day are pruned by a periodic job.

-- +goose Up
CREATE TABLE live_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid,
    kind         text NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    object_type  text NOT NULL DEFAULT '' CHECK (length(object_type) <= 64),
    object_id    text NOT NULL DEFAULT '' CHECK (length(object_id) <= 64),
    admin_only   boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX live_events_workspace_idx ON live_events (workspace_id, id);
CREATE INDEX live_events_created_idx ON live_events (created_at);

ALTER TABLE live_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_events FORCE ROW LEVEL SECURITY;
CREATE POLICY live_events_select ON live_events FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (project_id IS NULL OR app_can_see_project(project_id))
           AND (NOT admin_only OR app_role() = 'admin'));
CREATE POLICY live_events_insert ON live_events FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id());

GRANT SELECT, INSERT ON live_events TO parvis_app;
-- The hook takes the id first (NextLiveEventID: no RETURNING, see there).
GRANT USAGE ON SEQUENCE live_events_id_seq TO parvis_app;

-- Pruning spans every workspace: a definer function deletes only rows
-- older than the cut-off it is given, and nothing else. Its search_path
-- holds public because the policies' functions (app_role(), …) name
-- their objects unqualified; PostgreSQL 15 lets no one else create there.
-- The owner is under FORCE row-level security too: it may read and delete
-- here for the function only.
CREATE POLICY live_events_owner_read ON live_events FOR SELECT TO parvis_owner USING (true);
CREATE POLICY live_events_owner_prune ON live_events FOR DELETE TO parvis_owner USING (true);
-- +goose StatementBegin
CREATE FUNCTION prune_live_events(before timestamptz) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH gone AS (DELETE FROM public.live_events WHERE created_at < before RETURNING 1)
  SELECT count(*) FROM gone
$$;
-- +goose StatementEnd
REVOKE ALL ON FUNCTION prune_live_events(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION prune_live_events(timestamptz) TO parvis_app;

-- +goose Down
DROP FUNCTION prune_live_events(timestamptz);
DROP TABLE live_events;
