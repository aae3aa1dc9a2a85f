-- name: CreateProject :one
INSERT INTO projects (workspace_id, name, client_name, description, created_by, created_at, updated_at)
VALUES (@workspace_id, @name, @client_name, @description, @created_by, @now, @now)
RETURNING *;

-- name: ListProjects :many
-- One page of the projects the caller can see, most recently updated first
-- (keyset on updated_at, id). RLS already limits clients to their projects;
-- the explicit filter keeps the query plan honest and the intent readable.
-- The counts feed the computed status and the progress bar: they are
-- computed for the page's rows only (issue 10: every page's layout asks for
-- the first ones); only the ordering reads every visible project's row, a
-- sort of a few hundred rows at most. A project updated between two page
-- loads moves to the first page: a later page may then miss it, never
-- repeat one.
WITH page AS (
  SELECT p.* FROM projects p
  WHERE p.workspace_id = @workspace_id
    AND (@is_admin::bool OR EXISTS (
          SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = @user_id))
    AND (NOT @paged::boolean OR (p.updated_at, p.id) < (@before_at::timestamptz, @before_id::uuid))
  ORDER BY p.updated_at DESC, p.id DESC
  LIMIT @max
)
SELECT page.*,
  (SELECT count(*) FROM approvals a WHERE a.project_id = page.id AND a.status = 'pending')::int AS pending_approvals,
  (SELECT count(*) FROM tasks t WHERE t.project_id = page.id AND t.deleted_at IS NULL AND t.blocked_by_client AND t.board_column <> 'done')::int AS blocked_tasks,
  (SELECT count(*) FROM tickets tk WHERE tk.project_id = page.id AND tk.status IN ('clarify', 'priced'))::int AS waiting_tickets,
  (SELECT count(*) FROM tickets tk WHERE tk.project_id = page.id AND tk.status = 'new')::int AS new_tickets,
  (SELECT count(*) FROM tasks t WHERE t.project_id = page.id AND t.deleted_at IS NULL)::int AS total_tasks,
  (SELECT count(*) FROM tasks t WHERE t.project_id = page.id AND t.deleted_at IS NULL AND t.board_column = 'done')::int AS done_tasks,
  (SELECT count(*) FROM payment_requests pr WHERE pr.project_id = page.id AND pr.status IN ('pending', 'failed'))::int AS pending_payments
FROM page
ORDER BY page.updated_at DESC, page.id DESC;

-- name: CountVisibleProjects :one
SELECT count(*)::int FROM projects p
WHERE p.workspace_id = @workspace_id
  AND (@is_admin::bool OR EXISTS (
        SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = @user_id));

-- name: VisibleProjectIDs :many
SELECT p.id FROM projects p
WHERE p.workspace_id = @workspace_id
  AND (@is_admin::bool OR EXISTS (
        SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = @user_id));

-- name: GetProject :one
SELECT p.* FROM projects p
WHERE p.workspace_id = @workspace_id AND p.id = @id
  AND (@is_admin::bool OR EXISTS (
        SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = @user_id));

-- name: GetProjectInScope :one
-- GetProject for the transaction's own scope (app.workspace_id, app.role,
-- app.user_id): queued in the request's first round trip, right after
-- the statements that set that scope (httpapi.InProject). No scope, no row.
SELECT p.* FROM projects p
WHERE p.workspace_id = app_workspace_id() AND p.id = @id
  AND (app_role() = 'admin' OR EXISTS (
        SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = app_user_id()));

-- name: GetProjectForUpdate :one
-- The project as of now, locked until the transaction ends, for an edit
-- that starts from its current values (admins only: clients may not lock).
SELECT * FROM projects WHERE workspace_id = @workspace_id AND id = @id FOR NO KEY UPDATE;

-- name: UpdateProject :one
UPDATE projects SET name = @name, client_name = @client_name, description = @description,
    status_override = @status_override, next_step = @next_step, estimated_delivery = @estimated_delivery, updated_at = @now
WHERE workspace_id = @workspace_id AND id = @id
RETURNING *;

-- name: TouchProject :exec
UPDATE projects SET updated_at = @now WHERE workspace_id = @workspace_id AND id = @id;

-- name: TouchProjectSoon :exec
-- TouchProject at most once a second: a project row recently touched is
-- skipped without waiting for its lock, so concurrent task creates in one
-- project do not queue on the project row.
UPDATE projects SET updated_at = sqlc.arg(now)::timestamptz
WHERE workspace_id = sqlc.arg(workspace_id) AND id = sqlc.arg(id) AND updated_at < sqlc.arg(now)::timestamptz - interval '1 second';

-- name: LockProject :exec
-- Serialises writes that depend on the project's current order of things
-- (task moves) without needing UPDATE rights on the project row.
SELECT pg_advisory_xact_lock(hashtextextended(@project_key::text, 0));

-- name: ProjectCounts :one
-- The project's tasks are read once for both of their counts (the
-- covering index of 00023), the blocked ones from tasks_waiting_idx.
SELECT
  (SELECT count(*) FROM approvals a WHERE a.project_id = @id AND a.status = 'pending')::int AS pending_approvals,
  (SELECT count(*) FROM tasks t WHERE t.project_id = @id AND t.deleted_at IS NULL AND t.blocked_by_client AND t.board_column <> 'done')::int AS blocked_tasks,
  (SELECT count(*) FROM tickets tk WHERE tk.project_id = @id AND tk.status IN ('clarify', 'priced'))::int AS waiting_tickets,
  (SELECT count(*) FROM tickets tk WHERE tk.project_id = @id AND tk.status = 'new')::int AS new_tickets,
  tc.total::int AS total_tasks,
  tc.done::int AS done_tasks,
  (SELECT count(*) FROM payment_requests pr WHERE pr.project_id = @id AND pr.status IN ('pending', 'failed'))::int AS pending_payments
FROM (SELECT count(*) AS total, count(*) FILTER (WHERE t.board_column = 'done') AS done
      FROM tasks t WHERE t.project_id = @id AND t.deleted_at IS NULL) tc;

-- name: AddProjectMember :exec
INSERT INTO project_members (workspace_id, project_id, user_id, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING;

-- name: RemoveProjectMember :execrows
DELETE FROM project_members WHERE workspace_id = $1 AND project_id = $2 AND user_id = $3;

-- name: ListProjectMembers :many
SELECT u.id, u.email, u.name, pm.created_at
FROM project_members pm JOIN users u ON u.id = pm.user_id
WHERE pm.workspace_id = $1 AND pm.project_id = $2
ORDER BY u.name;

-- name: IsProjectMemberByEmail :one
SELECT EXISTS (
  SELECT 1 FROM project_members pm JOIN users u ON u.id = pm.user_id
  WHERE pm.workspace_id = $1 AND pm.project_id = $2 AND u.email = lower(@email::text)
)::bool;
