-- Live stream events ----------------------------------------------------------

-- name: InsertLiveEvent :exec
-- The row only: its NOTIFY (live.NotifySQL) names the id through the
-- sequence's currval, sent after the COMMIT (live.InsertEvent). Nothing is
-- returned: RETURNING would apply the SELECT policy to the new row, which
-- refuses a client's own admin-only event (an attachment upload is
-- journaled admin-only).
INSERT INTO live_events (workspace_id, project_id, kind, object_type, object_id, admin_only, created_at)
VALUES (@workspace_id, @project_id, @kind, @object_type, @object_id, @admin_only, @now);

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

-- Stream leases (the per-user cap across processes) -------------------------

-- name: LockLiveStreams :exec
-- Held until the end of the transaction: one lease count at a time per user.
SELECT pg_advisory_xact_lock(hashtextextended('parvis-live-streams:' || sqlc.arg(user_id)::uuid::text, 0));

-- name: CountLiveStreams :one
-- The user's leases still alive (expired ones, left by a killed process,
-- do not count).
SELECT count(*) FROM live_streams WHERE user_id = @user_id AND expires_at > @now;

-- name: DeleteExpiredLiveStreams :execrows
DELETE FROM live_streams WHERE expires_at <= @now;

-- name: InsertLiveStream :exec
INSERT INTO live_streams (id, user_id, expires_at) VALUES (@id, @user_id, @expires_at);

-- name: RenewLiveStreams :exec
-- A process renews all its streams' leases at once; a lease deleted meanwhile
-- (expired while the database was unreachable) is taken again.
INSERT INTO live_streams (id, user_id, expires_at)
SELECT unnest(@ids::uuid[]), unnest(@user_ids::uuid[]), @expires_at::timestamptz
ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at;

-- name: DeleteLiveStream :exec
DELETE FROM live_streams WHERE id = @id;

-- name: LiveSessionAlive :one
-- The stream's session still stands (the conditions Authenticate applies).
SELECT EXISTS (
  SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = @token_hash AND s.absolute_expires_at > @now
    AND s.last_seen_at + make_interval(secs => s.idle_timeout_secs) > @now
    AND u.disabled_at IS NULL
)::boolean AS alive;
