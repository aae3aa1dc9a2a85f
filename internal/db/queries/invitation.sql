-- name: CreateInvitation :one
INSERT INTO invitations (workspace_id, project_id, email, role, token_hash, invited_by, created_at, expires_at, locale)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING *;

-- name: GetInvitationByToken :one
-- Runs before the workspace is known (policy invitations_by_token), so it
-- cannot lock: FOR UPDATE would need the UPDATE policy to pass.
SELECT * FROM invitations WHERE token_hash = $1;

-- name: LockInvitation :one
SELECT * FROM invitations WHERE workspace_id = $1 AND id = $2 FOR UPDATE;

-- name: GetInvitation :one
SELECT * FROM invitations WHERE workspace_id = $1 AND id = $2;

-- name: ListPendingInvitations :many
SELECT * FROM invitations
WHERE workspace_id = @workspace_id AND project_id = @project_id
  AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now
ORDER BY created_at DESC;

-- name: RevokePendingInvitationsFor :exec
-- A new invitation replaces earlier pending ones for the same person and project.
UPDATE invitations SET revoked_at = @now::timestamptz
WHERE workspace_id = @workspace_id AND project_id = @project_id AND email = @email
  AND accepted_at IS NULL AND revoked_at IS NULL;

-- name: RevokeInvitation :execrows
UPDATE invitations SET revoked_at = @now::timestamptz
WHERE workspace_id = @workspace_id AND id = @id AND accepted_at IS NULL AND revoked_at IS NULL;

-- name: RenewInvitation :one
UPDATE invitations SET token_hash = @token_hash, expires_at = @expires_at, created_at = @now
WHERE workspace_id = @workspace_id AND id = @id AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING *;

-- name: AcceptInvitation :exec
UPDATE invitations SET accepted_at = @now::timestamptz, accepted_by = @user_id WHERE id = @id;
