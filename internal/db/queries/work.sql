-- Phases ------------------------------------------------------------------

-- name: ListPhases :many
SELECT * FROM project_phases WHERE project_id = $1 ORDER BY position;

-- name: CreatePhase :one
INSERT INTO project_phases (workspace_id, project_id, name, position, planned_start, planned_end, actual_start, actual_end, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING *;

-- name: UpdatePhase :execrows
UPDATE project_phases SET name = @name, position = @position, planned_start = @planned_start, planned_end = @planned_end,
    actual_start = @actual_start, actual_end = @actual_end
WHERE project_id = @project_id AND id = @id;

-- name: DeletePhasesExcept :exec
DELETE FROM project_phases WHERE project_id = @project_id AND NOT (id = ANY(@keep::uuid[]));

-- Tasks -------------------------------------------------------------------

-- name: ListBoardTasks :many
SELECT * FROM tasks WHERE project_id = $1 AND deleted_at IS NULL ORDER BY board_column, rank, id;

-- name: ListBoardCards :many
-- What a card shows, the description only as its first characters, in
-- board order (rank is unique among a column's live tasks): read from
-- tasks_board_cards_idx alone, merged with the rare tasks too wide for it
-- (migration 00030). The blocked cards' reasons come from BlockedReasons.
(SELECT t1.id, t1.title, t1.card_excerpt, t1.phase_id, t1.due_date, t1.assignee_label,
        t1.board_column, t1.rank, t1.origin, t1.ticket_id, t1.blocked_by_client, t1.blocked_since
 FROM tasks t1 WHERE t1.project_id = @project_id AND t1.deleted_at IS NULL AND NOT t1.card_oversize)
UNION ALL
(SELECT t2.id, t2.title, t2.card_excerpt, t2.phase_id, t2.due_date, t2.assignee_label,
        t2.board_column, t2.rank, t2.origin, t2.ticket_id, t2.blocked_by_client, t2.blocked_since
 FROM tasks t2 WHERE t2.project_id = @project_id AND t2.deleted_at IS NULL AND t2.card_oversize)
ORDER BY board_column, rank;

-- name: BlockedReasons :many
-- Why the client holds these tasks up (the board's blocked cards), by id.
SELECT id, blocked_reason FROM tasks WHERE project_id = @project_id AND id = ANY(@ids::uuid[]);

-- name: GetTask :one
SELECT * FROM tasks WHERE project_id = @project_id AND id = @id;

-- name: GetTaskForUpdate :one
-- Every write of a task reads it through this lock, so concurrent writes
-- of one task queue up and each starts from the last committed state (no
-- lost update, no "no rows" when a delete wins the race). NO KEY UPDATE
-- leaves foreign-key checks of other rows free to proceed.
SELECT * FROM tasks WHERE project_id = @project_id AND id = @id FOR NO KEY UPDATE;

-- name: CreateTask :one
INSERT INTO tasks (workspace_id, project_id, title, description, phase_id, due_date, assignee_label, board_column, rank, origin, ticket_id, created_by, created_at, updated_at, completed_at)
VALUES (@workspace_id, @project_id, @title, @description, @phase_id, @due_date, @assignee_label, @board_column, @rank, @origin, @ticket_id, @created_by, @now, @now, @completed_at)
RETURNING *;

-- name: CreateTaskAtEnd :one
-- CreateTask at the end of its column: the rank after the column's last
-- (board_rank_after, migration 00028) plus the caller's random suffix, read
-- and written in one statement. No row when a concurrent create committed
-- that very rank first (tasks_board_rank_key): the caller tries again, and
-- its transaction stays usable (no error, so no savepoint is needed).
INSERT INTO tasks (workspace_id, project_id, title, description, phase_id, due_date, assignee_label, board_column, rank, origin, ticket_id, created_by, created_at, updated_at, completed_at)
SELECT @workspace_id, @project_id, @title, @description, @phase_id, @due_date, @assignee_label, @board_column,
       board_rank_after((SELECT max(t.rank) FROM tasks t WHERE t.project_id = @project_id AND t.board_column = @board_column AND t.deleted_at IS NULL)) || @suffix::text,
       @origin, @ticket_id, @created_by, @now, @now, @completed_at
ON CONFLICT (project_id, board_column, rank) WHERE deleted_at IS NULL DO NOTHING
RETURNING *;

-- name: UpdateTask :one
UPDATE tasks SET title = @title, description = @description, phase_id = @phase_id, due_date = @due_date,
    assignee_label = @assignee_label, blocked_by_client = @blocked_by_client, blocked_reason = @blocked_reason,
    blocked_since = @blocked_since, updated_at = @now
WHERE project_id = @project_id AND id = @id AND deleted_at IS NULL
RETURNING *;

-- name: MoveTask :one
UPDATE tasks SET board_column = @board_column, rank = @rank, completed_at = @completed_at,
    blocked_by_client = @blocked_by_client, blocked_reason = @blocked_reason, blocked_since = @blocked_since, updated_at = @now
WHERE project_id = @project_id AND id = @id AND deleted_at IS NULL
RETURNING *;

-- name: ColumnNeighbour :one
-- The first task after @after_rank (or the first of the column when
-- @after_rank is empty), the moved task excluded.
SELECT rank FROM tasks
WHERE project_id = @project_id AND board_column = @board_column AND deleted_at IS NULL AND id <> @exclude
  AND rank > @after_rank::text
ORDER BY rank LIMIT 1;

-- name: SoftDeleteTask :one
UPDATE tasks SET deleted_at = @now, updated_at = @now
WHERE project_id = @project_id AND id = @id AND deleted_at IS NULL
RETURNING *;

-- name: RankTaken :one
-- Whether a live task other than @id holds @rank in the column (a task
-- restored at its old rank may find it taken by a move made meanwhile).
SELECT EXISTS (SELECT 1 FROM tasks
  WHERE project_id = @project_id AND board_column = @board_column AND deleted_at IS NULL AND rank = @rank AND id <> @id)::bool;

-- name: RestoreTask :one
UPDATE tasks SET deleted_at = NULL, rank = @rank, updated_at = @now
WHERE project_id = @project_id AND id = @id AND deleted_at IS NOT NULL
RETURNING *;

-- Approvals ---------------------------------------------------------------

-- name: ListApprovals :many
-- A page of the project's approvals, newest first: pending ones only, or
-- all; after the approval named by before (keyset: no offset).
SELECT a.*, coalesce(r.name, '')::text AS requested_by_name, coalesce(d.name, '')::text AS decided_by_name,
       fv.file_id AS file_id, fv.number AS file_version_number, fv.name AS file_name
FROM approvals a
LEFT JOIN users r ON r.id = a.requested_by
LEFT JOIN users d ON d.id = a.decided_by
LEFT JOIN file_versions fv ON fv.id = a.file_version_id
WHERE a.project_id = @project_id
  AND (sqlc.narg(status)::text IS NULL OR a.status = sqlc.narg(status)::text)
  AND (NOT sqlc.arg(decided_only)::bool OR a.status <> 'pending')
  AND (sqlc.narg(before)::uuid IS NULL OR (a.requested_at, a.id) < (SELECT b.requested_at, b.id FROM approvals b WHERE b.id = sqlc.narg(before)::uuid AND b.project_id = @project_id))
ORDER BY a.requested_at DESC, a.id DESC
LIMIT sqlc.arg(max)::int;

-- name: CountDecidedApprovals :one
SELECT count(*)::int FROM approvals WHERE project_id = @project_id AND status <> 'pending';

-- name: GetProjectFileVersion :one
-- A version of a live file of the project, for an approval to cite.
SELECT fv.id, fv.file_id, fv.number, fv.name, fv.sha256
FROM file_versions fv JOIN files f ON f.id = fv.file_id
WHERE f.project_id = @project_id AND fv.id = @id AND f.deleted_at IS NULL;

-- name: GetApprovalForUpdate :one
SELECT * FROM approvals WHERE project_id = @project_id AND id = @id FOR UPDATE;

-- name: CreateApproval :one
INSERT INTO approvals (workspace_id, project_id, kind, title, description, requested_by, requested_at, file_version_id, file_sha256)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING *;

-- name: DecideApproval :one
UPDATE approvals SET status = @status, decided_by = @decided_by, decided_at = @now::timestamptz, comment = @comment
WHERE project_id = @project_id AND id = @id AND status = 'pending'
RETURNING *;

-- Waiting on the client ----------------------------------------------------

-- name: WaitingItems :many
-- The oldest things waiting on the client in the given projects (see the
-- view waiting_on_client); WaitingCount says how many there are in all.
SELECT w.kind, w.sub_kind, w.id, w.project_id, p.name AS project_name, w.title, w.detail, w.since
FROM waiting_on_client w JOIN projects p ON p.id = w.project_id
WHERE w.project_id = ANY(@project_ids::uuid[])
ORDER BY w.since, w.id LIMIT sqlc.arg(max)::int;

-- name: WaitingCount :one
SELECT count(*)::int FROM waiting_on_client WHERE project_id = ANY(@project_ids::uuid[]);

-- name: ProjectWaitingFirst :many
-- The oldest few things waiting on the client in one project (the
-- dashboard's list; WaitingItems without the rest). The branches of the
-- waiting_on_client view (migration 00013), each cut to its own first few
-- before they are merged, so that 250 blocked tasks are not all read and
-- sorted to show five (tasks_waiting_idx, 00026). TestWaitingFirstMatchesView
-- holds it to the view.
WITH w AS (
  (SELECT 'approval'::text AS kind, a.kind AS sub_kind, a.id, a.project_id, a.title, a.description AS detail, a.requested_at AS since
   FROM approvals a WHERE a.project_id = @project_id AND a.status = 'pending'
   ORDER BY a.requested_at, a.id LIMIT sqlc.arg(max)::int)
  UNION ALL
  (SELECT 'task'::text, t.board_column, t.id, t.project_id, t.title, t.blocked_reason, t.blocked_since
   FROM tasks t WHERE t.project_id = @project_id AND t.deleted_at IS NULL AND t.blocked_by_client AND t.board_column <> 'done'
   ORDER BY t.blocked_since, t.id LIMIT sqlc.arg(max)::int)
  UNION ALL
  (SELECT 'request'::text, tk.status, tk.id, tk.project_id, tk.title,
          coalesce((SELECT c.body FROM ticket_comments c WHERE c.ticket_id = tk.id AND c.decision = tk.status ORDER BY c.seq DESC LIMIT 1), ''),
          tk.status_changed_at
   FROM tickets tk WHERE tk.project_id = @project_id AND tk.status IN ('clarify', 'priced')
   ORDER BY tk.status_changed_at, tk.id LIMIT sqlc.arg(max)::int)
  UNION ALL
  (SELECT 'payment'::text, pr.kind, pr.id, pr.project_id, pr.title, pr.description, pr.requested_at
   FROM payment_requests pr WHERE pr.project_id = @project_id AND pr.status IN ('pending', 'failed')
   ORDER BY pr.requested_at, pr.id LIMIT sqlc.arg(max)::int)
)
SELECT w.kind, w.sub_kind, w.id, w.project_id, p.name AS project_name, w.title, w.detail, w.since
FROM w JOIN projects p ON p.id = w.project_id
ORDER BY w.since, w.id LIMIT sqlc.arg(max)::int;

-- name: ProjectWaitingSummary :one
-- How many things wait on the client in one project, and the whole days
-- they have waited, summed (the ball in court).
SELECT count(*)::int AS items,
       coalesce(sum(greatest(floor(extract(epoch FROM (sqlc.arg(now)::timestamptz - since)) / 86400), 0)), 0)::int AS days
FROM waiting_on_client WHERE project_id = @project_id;

-- Notes -------------------------------------------------------------------

-- name: ListNotes :many
-- The notes about one project or about one client (pass exactly one).
SELECT n.*, coalesce(u.name, '')::text AS author_name FROM notes n LEFT JOIN users u ON u.id = n.author_id
WHERE n.workspace_id = @workspace_id
  AND (n.project_id = sqlc.narg(project_id) OR n.client_id = sqlc.narg(client_id))
ORDER BY n.created_at DESC, n.id;

-- name: CreateNote :one
INSERT INTO notes (workspace_id, project_id, client_id, body, author_id, created_at, updated_at)
VALUES (@workspace_id, @project_id, @client_id, @body, @author_id, @now, @now)
RETURNING *;

-- name: UpdateNote :one
UPDATE notes SET body = @body, updated_at = @now WHERE workspace_id = @workspace_id AND id = @id RETURNING *;

-- name: DeleteNote :one
DELETE FROM notes WHERE workspace_id = @workspace_id AND id = @id RETURNING *;

-- name: GetNote :one
SELECT * FROM notes WHERE workspace_id = @workspace_id AND id = @id;

-- Activity ----------------------------------------------------------------

-- name: LastProjectActivity :one
-- The last entry the viewer may read: a client never learns from "last
-- update" that an admin-only entry (a private note) was just written.
SELECT a.created_at, coalesce(u.name, '')::text AS actor_name, a.action, a.data
FROM activity a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.workspace_id = @workspace_id AND a.project_id = @project_id
  AND (@is_admin::bool OR NOT a.admin_only)
ORDER BY a.created_at DESC, a.id DESC LIMIT 1;

-- name: NextTask :one
-- The next step: the first task in progress, else the first of the backlog.
-- Two lookups of one row each in the board's index order (one ORDER BY
-- over both columns read and sorted every such task: 10–33 ms for a
-- 1 000-task project whose pages are not cached).
-- rank is unique among a column's live tasks (tasks_board_rank_key).
(SELECT * FROM tasks t1
 WHERE t1.project_id = $1 AND t1.deleted_at IS NULL AND t1.board_column = 'in_progress'
 ORDER BY t1.rank LIMIT 1)
UNION ALL
(SELECT * FROM tasks t2
 WHERE t2.project_id = $1 AND t2.deleted_at IS NULL AND t2.board_column = 'backlog'
 ORDER BY t2.rank LIMIT 1)
ORDER BY board_column DESC -- 'in_progress' before 'backlog'
LIMIT 1;

-- name: BoardVersion :one
-- The board's version (migration 00023): grows with every committed
-- change to the project's tasks or tickets. Read it before the board.
SELECT ((SELECT coalesce(sum(t.board_seq), 0) FROM tasks t WHERE t.project_id = @project_id::uuid)::text || '.' ||
        (SELECT coalesce(sum(k.board_seq), 0) FROM tickets k WHERE k.project_id = @project_id::uuid)::text)::text AS version;
