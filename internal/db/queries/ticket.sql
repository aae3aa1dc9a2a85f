-- Client requests (tickets) ------------------------------------------------

-- name: NextTicketNumber :one
-- Takes the workspace's next request number. The counter row stays locked
-- until the creating transaction ends: concurrent creates queue here, and a
-- rollback gives the number back (no gap, no duplicate).
INSERT INTO ticket_counters AS c (workspace_id, last_number) VALUES (@workspace_id, 1)
ON CONFLICT (workspace_id) DO UPDATE SET last_number = c.last_number + 1
RETURNING last_number;

-- name: CreateTicket :one
INSERT INTO tickets (workspace_id, project_id, number, type, title, description, author_id, created_at, updated_at, status_changed_at)
VALUES (@workspace_id, @project_id, @number, @type, @title, @description, @author_id, @now, @now, @now)
RETURNING *;

-- name: GetTicket :one
SELECT tk.*, coalesce(u.name, '')::text AS author_name, t.id AS task_id, d.number AS duplicate_number
FROM tickets tk LEFT JOIN users u ON u.id = tk.author_id
LEFT JOIN tasks t ON t.ticket_id = tk.id
LEFT JOIN tickets d ON d.id = tk.duplicate_of
WHERE tk.project_id = @project_id AND tk.id = @id;

-- name: GetTicketForUpdate :one
-- Every status change reads the request through this lock: two decisions
-- (or a decision and a payment) run one after the other, and the second
-- sees the first's outcome.
SELECT * FROM tickets WHERE project_id = @project_id AND id = @id FOR NO KEY UPDATE;

-- name: GetTicketByIDForUpdate :one
SELECT * FROM tickets WHERE workspace_id = @workspace_id AND id = @id FOR NO KEY UPDATE;

-- name: ListProjectTickets :many
SELECT tk.*, coalesce(u.name, '')::text AS author_name, t.id AS task_id, d.number AS duplicate_number,
  (SELECT count(*) FROM ticket_comments c WHERE c.ticket_id = tk.id AND c.decision IS NULL)::int AS comment_count
FROM tickets tk LEFT JOIN users u ON u.id = tk.author_id
LEFT JOIN tasks t ON t.ticket_id = tk.id
LEFT JOIN tickets d ON d.id = tk.duplicate_of
WHERE tk.project_id = @project_id
ORDER BY tk.number DESC;

-- name: ListUndecidedTickets :many
-- Requests awaiting the admin (Nouveau) or the client's answer to a
-- question (À clarifier), oldest first, across the given projects.
SELECT tk.id, tk.project_id, tk.number, tk.type, tk.title, tk.status, tk.created_at, tk.status_changed_at,
  p.name AS project_name, coalesce(u.name, '')::text AS author_name
FROM tickets tk JOIN projects p ON p.id = tk.project_id LEFT JOIN users u ON u.id = tk.author_id
WHERE tk.workspace_id = @workspace_id AND tk.status IN ('new', 'clarify')
  AND (sqlc.narg(project_id)::uuid IS NULL OR tk.project_id = sqlc.narg(project_id)::uuid)
ORDER BY tk.created_at, tk.number;

-- name: SetTicketState :one
UPDATE tickets SET status = @status, price_cents = @price_cents, price_description = @price_description,
  price_delay_days = @price_delay_days, refusal_reason = @refusal_reason, refused_by_client = @refused_by_client,
  duplicate_of = @duplicate_of, updated_at = @now, status_changed_at = @now
WHERE project_id = @project_id AND id = @id
RETURNING *;

-- name: TaskForTicket :one
SELECT * FROM tasks WHERE ticket_id = @ticket_id;

-- Thread -------------------------------------------------------------------

-- name: CreateTicketComment :one
INSERT INTO ticket_comments (workspace_id, project_id, ticket_id, author_id, body, internal, decision, created_at)
VALUES (@workspace_id, @project_id, @ticket_id, @author_id, @body, @internal, @decision, @now)
RETURNING *;

-- name: ListTicketComments :many
-- The thread, oldest first. Internal comments are filtered by the policy
-- for clients; the query does not need to know.
SELECT c.*, coalesce(u.name, '')::text AS author_name, coalesce(m.role = 'admin', false)::bool AS author_is_admin
FROM ticket_comments c
LEFT JOIN users u ON u.id = c.author_id
LEFT JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = c.author_id
WHERE c.ticket_id = @ticket_id
ORDER BY c.seq;

-- name: GetTicketComment :one
SELECT * FROM ticket_comments WHERE ticket_id = @ticket_id AND id = @id;

-- name: EditTicketComment :one
UPDATE ticket_comments SET body = @body, edited_at = @now::timestamptz
WHERE ticket_id = @ticket_id AND id = @id AND author_id = @author_id AND decision IS NULL
RETURNING *;

-- Attachments --------------------------------------------------------------

-- name: AttachableFile :one
-- A file the caller uploaded into the project's « Pièces jointes » folder
-- and has not attached yet (to a request or a message).
SELECT f.id, f.name FROM files f JOIN folders fo ON fo.id = f.folder_id
WHERE f.workspace_id = @workspace_id AND f.project_id = @project_id AND f.id = @id
  AND fo.kind = 'attachments' AND f.deleted_at IS NULL AND f.created_by = @user_id::uuid
  AND NOT EXISTS (SELECT 1 FROM ticket_attachments a WHERE a.file_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = f.id);

-- name: AttachFile :exec
INSERT INTO ticket_attachments (workspace_id, project_id, ticket_id, comment_id, file_id, created_at)
VALUES (@workspace_id, @project_id, @ticket_id, @comment_id, @file_id, @now);

-- name: ListTicketAttachments :many
-- The attachments of a request and of the comments the caller sees, with
-- each file's current version.
SELECT a.file_id, a.comment_id, f.name, v.type, v.content_type, v.size, (v.thumb_key IS NOT NULL)::bool AS has_thumb, v.number AS version
FROM ticket_attachments a
JOIN files f ON f.id = a.file_id
JOIN LATERAL (SELECT * FROM file_versions lv WHERE lv.file_id = f.id ORDER BY lv.number DESC LIMIT 1) v ON true
WHERE a.ticket_id = @ticket_id AND f.deleted_at IS NULL
ORDER BY a.created_at, f.name;

-- name: AttachmentsFolder :one
SELECT id FROM folders WHERE project_id = @project_id AND kind = 'attachments' AND parent_id IS NULL;

-- name: TicketPayment :one
-- The « demande payante » made when the client accepted the request's price
-- (a cancelled or expired one may precede it: the open or paid one first,
-- else the latest).
SELECT id, status FROM payment_requests WHERE workspace_id = @workspace_id AND ticket_id = @ticket_id
ORDER BY status IN ('cancelled', 'expired'), requested_at DESC, updated_at DESC LIMIT 1;
