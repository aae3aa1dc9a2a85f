-- The in-app notification inbox (the bell). Every read joins the event:
-- its policy hides from a client what he may no longer see.

-- name: InsertInboxItem :execrows
-- read_at is set when the person already read the thread meanwhile.
INSERT INTO notification_inbox (workspace_id, user_id, event_id, sentence, created_at, read_at)
VALUES (@workspace_id, @user_id, @event_id, @sentence, @created_at, sqlc.narg(read_at))
ON CONFLICT DO NOTHING;

-- name: ListInbox :many
-- Newest first, after the keyset cursor (created_at, event_id) when given.
SELECT i.event_id, i.sentence, i.created_at, i.read_at, e.action, e.project_id, e.object_type, e.object_id, e.actor_id,
    coalesce(u.name, '')::text AS actor_name, coalesce(p.name, '')::text AS project_name
FROM notification_inbox i
JOIN notification_events e ON e.workspace_id = i.workspace_id AND e.id = i.event_id
LEFT JOIN users u ON u.id = e.actor_id
LEFT JOIN projects p ON p.workspace_id = e.workspace_id AND p.id = e.project_id
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id
  AND (NOT @unread_only::boolean OR i.read_at IS NULL)
  AND (NOT @paged::boolean OR (i.created_at, i.event_id) < (@before_at::timestamptz, @before_id::uuid))
ORDER BY i.created_at DESC, i.event_id DESC
LIMIT @max;

-- name: CountInboxUnread :one
SELECT count(*)::int FROM notification_inbox i
JOIN notification_events e ON e.workspace_id = i.workspace_id AND e.id = i.event_id
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.read_at IS NULL;

-- name: InboxItemExists :one
SELECT EXISTS (
    SELECT 1 FROM notification_inbox i
    JOIN notification_events e ON e.workspace_id = i.workspace_id AND e.id = i.event_id
    WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.event_id = @event_id
)::boolean;

-- name: MarkInboxItemRead :execrows
UPDATE notification_inbox SET read_at = @now::timestamptz
WHERE workspace_id = @workspace_id AND user_id = @user_id AND event_id = @event_id AND read_at IS NULL;

-- name: MarkInboxAllRead :execrows
UPDATE notification_inbox SET read_at = @now::timestamptz
WHERE workspace_id = @workspace_id AND user_id = @user_id AND read_at IS NULL;

-- name: MarkInboxThreadRead :execrows
-- Viewing an object reads what the inbox says of it (a request's thread).
UPDATE notification_inbox i SET read_at = @now::timestamptz
FROM notification_events e
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.read_at IS NULL
  AND e.workspace_id = i.workspace_id AND e.id = i.event_id AND e.thread = @thread;

-- name: MarkInboxObjectRead :execrows
-- Viewing an object (a payment, an approval, a file, a task) reads what
-- the inbox says of it.
UPDATE notification_inbox i SET read_at = @now::timestamptz
FROM notification_events e
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.read_at IS NULL
  AND e.workspace_id = i.workspace_id AND e.id = i.event_id AND e.project_id = @project_id
  AND e.object_type = @object_type AND e.object_id = @object_id;

-- name: MarkInboxMessagesRead :execrows
-- The conversation read up to seq reads the new-message items up to it.
UPDATE notification_inbox i SET read_at = @now::timestamptz
FROM notification_events e
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.read_at IS NULL
  AND e.workspace_id = i.workspace_id AND e.id = i.event_id AND e.project_id = @project_id AND e.object_type = 'message'
  AND e.object_id IN (SELECT m.id::text FROM messages m WHERE m.project_id = @project_id AND m.seq <= @seq);

-- name: InsertUserLiveEvent :exec
-- A live event for one person, with the event's project when it has one
-- (RLS checks it too); its NOTIFY as InsertLiveEvent's.
INSERT INTO live_events (workspace_id, project_id, user_id, kind, object_type, object_id, created_at)
VALUES (@workspace_id, @project_id, @user_id, @kind, 'notification', @object_id, @now);

-- name: ProjectObjectExists :one
-- Whether the caller sees this payment or approval of the project (RLS).
SELECT CASE @object_type::text
    WHEN 'payment' THEN EXISTS (SELECT 1 FROM payment_requests WHERE project_id = @project_id::uuid AND id = @object_id::uuid)
    WHEN 'approval' THEN EXISTS (SELECT 1 FROM approvals WHERE project_id = @project_id::uuid AND id = @object_id::uuid)
    ELSE false END::boolean;

-- name: MarkInboxTypeRead :execrows
-- A project's list of payments (or approvals) viewed: all its items of that kind.
UPDATE notification_inbox i SET read_at = @now::timestamptz
FROM notification_events e
WHERE i.workspace_id = @workspace_id AND i.user_id = @user_id AND i.read_at IS NULL
  AND e.workspace_id = i.workspace_id AND e.id = i.event_id AND e.project_id = @project_id AND e.object_type = @object_type;

-- name: LockInboxThread :exec
-- Serialises, per person and thread, the inbox job's « already read? »
-- with a reading of the thread: one of them always sees the other.
SELECT pg_advisory_xact_lock(hashtextextended(@key::text, 0));
