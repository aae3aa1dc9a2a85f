-- Live stream events ----------------------------------------------------------

-- name: InsertLiveEvent :one
INSERT INTO live_events (workspace_id, project_id, kind, object_type, object_id, admin_only, created_at)
VALUES (@workspace_id, @project_id, @kind, @object_type, @object_id, @admin_only, @now)
RETURNING id;

-- name: NotifyLive :exec
SELECT pg_notify('parvis_live', @payload::text);

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
