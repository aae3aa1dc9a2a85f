-- name: InsertActivity :exec
INSERT INTO activity (workspace_id, project_id, actor_id, action, object_type, object_id, data, request_id, created_at, admin_only)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: ListProjectActivity :many
-- Newest first, keyset-paginated on id; optional filter on the action's
-- family (the part before the dot: task, approval, note, …).
SELECT a.*, coalesce(u.name, '')::text AS actor_name
FROM activity a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.workspace_id = @workspace_id AND a.project_id = @project_id
  AND (@is_admin::bool OR NOT a.admin_only)
  AND (@family::text = '' OR split_part(a.action, '.', 1) = @family::text)
  AND (@before_id::bigint = 0 OR a.id < @before_id::bigint)
ORDER BY a.id DESC
LIMIT @max_rows;
