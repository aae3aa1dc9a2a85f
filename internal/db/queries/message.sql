-- Project messages -----------------------------------------------------------

-- name: CreateMessage :one
INSERT INTO messages (workspace_id, project_id, author_id, body, created_at)
VALUES (@workspace_id, @project_id, @author_id, @body, @now)
RETURNING *;

-- name: ListMessages :many
-- One page of the conversation, newest first, before the cursor (a seq)
-- when given. A hidden message's text reaches admins only; a deleted
-- one's text is gone.
SELECT m.id, m.seq, m.project_id, m.author_id, m.created_at, m.edited_at, m.deleted_at, m.hidden_at,
  (CASE WHEN m.deleted_at IS NOT NULL OR (m.hidden_at IS NOT NULL AND NOT @is_admin::bool) THEN '' ELSE m.body END)::text AS body,
  coalesce(u.name, '')::text AS author_name, coalesce(ms.role = 'admin', false)::bool AS author_is_admin
FROM messages m
LEFT JOIN users u ON u.id = m.author_id
LEFT JOIN memberships ms ON ms.workspace_id = m.workspace_id AND ms.user_id = m.author_id
WHERE m.project_id = @project_id
  AND (sqlc.narg(before)::bigint IS NULL OR m.seq < sqlc.narg(before)::bigint)
  AND (sqlc.narg(id)::uuid IS NULL OR m.id = sqlc.narg(id)::uuid)
ORDER BY m.seq DESC
LIMIT @max;

-- name: GetMessageForUpdate :one
SELECT * FROM messages WHERE project_id = @project_id AND id = @id FOR NO KEY UPDATE;

-- name: EditMessage :exec
UPDATE messages SET body = @body, edited_at = @now::timestamptz
WHERE project_id = @project_id AND id = @id AND author_id = @author_id AND deleted_at IS NULL;

-- name: DeleteMessage :exec
UPDATE messages SET body = '', deleted_at = @now::timestamptz
WHERE project_id = @project_id AND id = @id AND author_id = @author_id AND deleted_at IS NULL;

-- name: HideMessage :exec
UPDATE messages SET hidden_at = sqlc.narg(hidden_at)::timestamptz, hidden_by = sqlc.narg(hidden_by)::uuid
WHERE project_id = @project_id AND id = @id;

-- name: ListMessageAttachments :many
-- The attachments of the given messages, with each file's current version.
SELECT a.message_id, a.file_id, f.name, v.type, v.content_type, v.size, (v.thumb_key IS NOT NULL)::bool AS has_thumb
FROM message_attachments a
JOIN files f ON f.id = a.file_id
JOIN LATERAL (SELECT * FROM file_versions lv WHERE lv.file_id = f.id ORDER BY lv.number DESC LIMIT 1) v ON true
WHERE a.message_id = ANY(@message_ids::uuid[]) AND f.deleted_at IS NULL
ORDER BY a.created_at, f.name;

-- name: AttachMessageFile :exec
INSERT INTO message_attachments (workspace_id, project_id, message_id, file_id, created_at)
VALUES (@workspace_id, @project_id, @message_id, @file_id, @now);

-- Read marks -------------------------------------------------------------------

-- name: MarkMessagesRead :one
-- Moves the caller's mark forward, never back (two tabs marking read in
-- any order end on the higher one).
INSERT INTO message_reads AS r (workspace_id, project_id, user_id, last_read_seq, read_at)
VALUES (@workspace_id, @project_id, @user_id, @seq, @now)
ON CONFLICT (project_id, user_id) DO UPDATE SET last_read_seq = greatest(r.last_read_seq, excluded.last_read_seq),
  read_at = CASE WHEN excluded.last_read_seq > r.last_read_seq THEN excluded.read_at ELSE r.read_at END
RETURNING last_read_seq;

-- name: MyReadSeq :one
SELECT coalesce((SELECT last_read_seq FROM message_reads WHERE project_id = @project_id AND user_id = @user_id), 0)::bigint;

-- name: MessagePageMeta :one
-- What a page of the conversation carries besides its messages, in one
-- statement: the caller's read mark, for an admin the furthest a client of
-- the project has read (0 for a client: he only sees his own mark), and
-- the project's attachments folder.
SELECT
  coalesce((SELECT r.last_read_seq FROM message_reads r WHERE r.project_id = @project_id AND r.user_id = @user_id), 0)::bigint AS my_read_seq,
  (CASE WHEN @is_admin::bool THEN coalesce((SELECT max(r.last_read_seq) FROM message_reads r
      JOIN memberships ms ON ms.workspace_id = r.workspace_id AND ms.user_id = r.user_id
      WHERE r.project_id = @project_id AND ms.role = 'client'), 0)
    ELSE 0 END)::bigint AS clients_read_seq,
  (SELECT f.id FROM folders f WHERE f.project_id = @project_id AND f.kind = 'attachments' AND f.parent_id IS NULL)::uuid AS attachments_folder_id;

-- name: MaxMessageSeq :one
SELECT coalesce(max(seq), 0)::bigint FROM messages WHERE project_id = @project_id;

-- name: UnreadMessageCounts :many
-- Per project the caller sees, the messages of others after his mark
-- (neither deleted nor, for a client, hidden).
SELECT m.project_id, count(*)::int AS unread
FROM messages m
LEFT JOIN message_reads r ON r.project_id = m.project_id AND r.user_id = @user_id
WHERE m.workspace_id = @workspace_id AND m.seq > coalesce(r.last_read_seq, 0)
  AND m.author_id IS DISTINCT FROM @user_id AND m.deleted_at IS NULL
  AND (@is_admin::bool OR m.hidden_at IS NULL)
GROUP BY m.project_id;

-- name: MessageReadAt :one
-- When the person last moved his read mark in the project's conversation
-- (notifications: read in the portal since a message, no email for it).
SELECT read_at FROM message_reads WHERE workspace_id = @workspace_id AND project_id = @project_id AND user_id = @user_id;
