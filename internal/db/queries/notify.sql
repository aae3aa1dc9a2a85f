-- name: InsertNotificationEvent :one
INSERT INTO notification_events (workspace_id, project_id, actor_id, action, object_type, object_id, thread, data, admin_only, created_at)
VALUES (@workspace_id, @project_id, @actor_id, @action, @object_type, @object_id, @thread, @data, @admin_only, @created_at)
RETURNING id;

-- name: GetNotificationEvent :one
SELECT * FROM notification_events WHERE workspace_id = @workspace_id AND id = @id;

-- name: NewerThreadEventExists :one
-- Whether someone other than user wrote on the thread after the event: its
-- own job, later, will tell user of both.
SELECT EXISTS (
    SELECT 1 FROM notification_events e
    WHERE e.workspace_id = @workspace_id AND e.thread = @thread AND e.action = ANY(@actions::text[])
      AND (e.created_at, e.id) > (@created_at::timestamptz, @id::uuid)
      AND e.actor_id IS DISTINCT FROM @user_id::uuid
      AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.event_id = e.id AND d.user_id = @user_id::uuid)
)::boolean;

-- name: ListUncoveredThreadEvents :many
-- The chatty events of a thread up to the given one that user has not been
-- told of yet (no delivery row) and did not write.
SELECT e.* FROM notification_events e
WHERE e.workspace_id = @workspace_id AND e.thread = @thread AND e.action = ANY(@actions::text[])
  AND (e.created_at, e.id) <= (@created_at::timestamptz, @id::uuid)
  AND e.actor_id IS DISTINCT FROM @user_id::uuid
  AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.event_id = e.id AND d.user_id = @user_id::uuid)
ORDER BY e.created_at, e.id;

-- name: LastOwnThreadEvent :one
-- When user last wrote on the thread (writing is reading).
SELECT coalesce(max(created_at), 'epoch'::timestamptz)::timestamptz FROM notification_events
WHERE workspace_id = @workspace_id AND thread = @thread AND actor_id = @user_id::uuid;

-- name: ListWorkspaceAdmins :many
SELECT u.id, u.email, u.name, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.workspace_id = @workspace_id AND m.role = 'admin' AND u.disabled_at IS NULL
ORDER BY u.email;

-- name: ListProjectClients :many
-- The clients who are still members of the project: one removed hears nothing more of it.
SELECT u.id, u.email, u.name, u.locale FROM project_members pm
JOIN memberships m ON m.workspace_id = pm.workspace_id AND m.user_id = pm.user_id
JOIN users u ON u.id = pm.user_id
WHERE pm.workspace_id = @workspace_id AND pm.project_id = @project_id AND m.role = 'client' AND u.disabled_at IS NULL
ORDER BY u.email;

-- name: GetMemberForNotify :one
SELECT u.id, u.email, u.name, u.locale, m.role FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.workspace_id = @workspace_id AND m.user_id = @user_id;

-- name: ListNotificationPreferences :many
SELECT family, mode FROM notification_preferences WHERE workspace_id = @workspace_id AND user_id = @user_id;

-- name: UpsertNotificationPreference :exec
INSERT INTO notification_preferences (workspace_id, user_id, family, mode, updated_at)
VALUES (@workspace_id, @user_id, @family, @mode, @now)
ON CONFLICT (workspace_id, user_id, family) DO UPDATE SET mode = EXCLUDED.mode, updated_at = EXCLUDED.updated_at;

-- name: GetNotificationSettings :one
SELECT * FROM notification_settings WHERE workspace_id = @workspace_id AND user_id = @user_id;

-- name: UpsertNotificationSettings :exec
INSERT INTO notification_settings (workspace_id, user_id, digest_hour, time_zone, updated_at)
VALUES (@workspace_id, @user_id, @digest_hour, @time_zone, @now)
ON CONFLICT (workspace_id, user_id) DO UPDATE SET digest_hour = EXCLUDED.digest_hour, time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at;

-- name: SetLastDigest :exec
INSERT INTO notification_settings (workspace_id, user_id, last_digest_on, updated_at)
VALUES (@workspace_id, @user_id, @day, @now)
ON CONFLICT (workspace_id, user_id) DO UPDATE SET last_digest_on = EXCLUDED.last_digest_on;

-- name: ListNotificationMutes :many
SELECT project_id FROM notification_mutes WHERE workspace_id = @workspace_id AND user_id = @user_id ORDER BY project_id;

-- name: MuteProject :exec
INSERT INTO notification_mutes (workspace_id, user_id, project_id, created_at) VALUES (@workspace_id, @user_id, @project_id, @now)
ON CONFLICT DO NOTHING;

-- name: UnmuteProject :exec
DELETE FROM notification_mutes WHERE workspace_id = @workspace_id AND user_id = @user_id AND project_id = @project_id;

-- name: IsProjectMuted :one
SELECT EXISTS (SELECT 1 FROM notification_mutes WHERE workspace_id = @workspace_id AND user_id = @user_id AND project_id = @project_id)::boolean;

-- name: IsAddressSuppressed :one
SELECT EXISTS (SELECT 1 FROM email_suppressions WHERE workspace_id = @workspace_id AND address = lower(@address::text))::boolean;

-- name: InsertNotificationDelivery :execrows
INSERT INTO notification_deliveries (workspace_id, event_id, user_id, channel, reason, email_id, created_at)
VALUES (@workspace_id, @event_id, @user_id, @channel, @reason, @email_id, @now)
ON CONFLICT (event_id, user_id) DO NOTHING;

-- name: GetThreadRead :one
SELECT read_at FROM notification_reads WHERE workspace_id = @workspace_id AND user_id = @user_id AND thread = @thread;

-- name: MarkThreadRead :exec
INSERT INTO notification_reads (workspace_id, user_id, thread, read_at) VALUES (@workspace_id, @user_id, @thread, @now)
ON CONFLICT (workspace_id, user_id, thread) DO UPDATE SET read_at = greatest(notification_reads.read_at, EXCLUDED.read_at);

-- name: ThreadVisible :one
-- Whether the caller may see some event of the thread (RLS decides).
SELECT EXISTS (SELECT 1 FROM notification_events WHERE workspace_id = @workspace_id AND thread = @thread)::boolean;

-- name: DigestWorkspaces :many
SELECT workspace_id::uuid FROM notification_digest_workspaces();

-- name: ListDigestUsers :many
SELECT DISTINCT d.user_id, coalesce(s.digest_hour, 8)::smallint AS digest_hour, coalesce(s.time_zone, 'Europe/Paris')::text AS time_zone,
    s.last_digest_on
FROM notification_deliveries d
LEFT JOIN notification_settings s ON s.workspace_id = d.workspace_id AND s.user_id = d.user_id
WHERE d.workspace_id = @workspace_id AND d.channel = 'digest' AND d.digested_at IS NULL;

-- name: ListDigestItems :many
SELECT e.* FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
WHERE d.workspace_id = @workspace_id AND d.user_id = @user_id AND d.channel = 'digest' AND d.digested_at IS NULL
ORDER BY e.project_id, e.created_at;

-- name: MarkDigested :exec
UPDATE notification_deliveries SET digested_at = @now, email_id = @email_id
WHERE workspace_id = @workspace_id AND user_id = @user_id AND channel = 'digest' AND digested_at IS NULL;

-- name: UseUnsubscribeNonce :execrows
INSERT INTO notification_unsubscribes (workspace_id, nonce, user_id, family, used_at) VALUES (@workspace_id, @nonce, @user_id, @family, @now)
ON CONFLICT (nonce) DO NOTHING;

-- name: ListProjectNames :many
SELECT id, name FROM projects WHERE workspace_id = @workspace_id AND id = ANY(@ids::uuid[]);
