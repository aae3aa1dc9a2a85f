-- name: CreateEmail :one
INSERT INTO emails (workspace_id, kind, to_address, from_name, subject, html_body, text_body, sensitive, created_at, headers, thread)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, @headers, @thread)
RETURNING id;

-- name: GetEmailForUpdate :one
SELECT * FROM emails WHERE id = $1 FOR UPDATE;

-- name: MarkEmailSent :exec
-- Emails that carried a secret link keep only their envelope once sent.
UPDATE emails SET sent_at = @now::timestamptz, last_error = NULL,
    html_body = CASE WHEN sensitive THEN '' ELSE html_body END,
    text_body = CASE WHEN sensitive THEN '' ELSE text_body END
WHERE id = @id;

-- name: MarkEmailFailed :exec
UPDATE emails SET last_error = @error WHERE id = @id;

