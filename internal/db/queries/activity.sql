-- name: InsertActivity :exec
INSERT INTO activity (workspace_id, project_id, actor_id, action, object_type, object_id, data, request_id, created_at, admin_only)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: ListProjectActivity :many
-- Newest first by when it happened (created_at, then id for ties: an entry
-- may be written after a later one, e.g. imported or back-dated), keyset-
-- paginated on that pair with the last shown id as the cursor; optional
-- filter on the action's family (the part before the dot: task, approval, …).
SELECT a.*, coalesce(u.name, '')::text AS actor_name
FROM activity a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.workspace_id = @workspace_id AND a.project_id = @project_id
  AND (@is_admin::bool OR NOT a.admin_only)
  AND (@family::text = '' OR split_part(a.action, '.', 1) = @family::text)
  AND (@before_id::bigint = 0 OR (a.created_at, a.id) <
       (SELECT b.created_at, b.id FROM activity b WHERE b.workspace_id = @workspace_id AND b.id = @before_id::bigint))
ORDER BY a.created_at DESC, a.id DESC
LIMIT @max_rows;
