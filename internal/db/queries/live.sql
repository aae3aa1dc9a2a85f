-- Live stream events ----------------------------------------------------------

-- name: NextLiveEventID :one
-- The id comes first and the insert returns nothing: RETURNING would apply
-- the SELECT policy to the new row, which refuses a client's own
-- admin-only event (an attachment upload is journaled admin-only).
SELECT nextval('live_events_id_seq')::bigint AS id;

-- name: InsertLiveEvent :exec
-- The row, and a NOTIFY of « workspace:id » that PostgreSQL delivers on
-- commit only, in one round trip.
WITH ins AS (
  INSERT INTO live_events (id, workspace_id, project_id, kind, object_type, object_id, admin_only, created_at)
  OVERRIDING SYSTEM VALUE
  VALUES (@id, @workspace_id, @project_id, @kind, @object_type, @object_id, @admin_only, @now)
)
SELECT pg_notify('parvis_live', format('%s:%s', sqlc.arg(workspace_id)::uuid, sqlc.arg(id)::bigint));

-- name: LiveEventsAfter :many
-- The events after id the caller may see (RLS: his workspace, projects he
-- belongs to, admin-only ones for admins), oldest first.
SELECT id, project_id, kind, object_type, object_id, created_at FROM live_events
WHERE workspace_id = @workspace_id AND id > @after
ORDER BY id
LIMIT @max;

-- name: LastLiveEventID :one
SELECT coalesce(max(id), 0)::bigint FROM live_events WHERE workspace_id = @workspace_id;

-- name: PruneLiveEvents :one
SELECT prune_live_events(@before::timestamptz)::bigint;
