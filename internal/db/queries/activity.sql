-- name: InsertActivity :exec
INSERT INTO activity (workspace_id, project_id, actor_id, action, object_type, object_id, data, request_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: ListProjectActivity :many
SELECT a.*, coalesce(u.name, '')::text AS actor_name
FROM activity a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.workspace_id = @workspace_id AND a.project_id = @project_id
ORDER BY a.created_at DESC, a.id DESC
LIMIT @max_rows;
