-- name: BounceWorkspaces :many
-- The workspaces that emailed an address (the bounce webhook has no
-- tenant): through the SECURITY DEFINER function of migration 00021.
SELECT b.workspace_id::uuid AS workspace_id FROM email_bounce_workspaces(@address::text) b;

-- name: SuppressAddress :execrows
-- A replayed or repeated bounce keeps the first record.
INSERT INTO email_suppressions (workspace_id, address, reason, detail, created_at)
VALUES (@workspace_id, lower(@address::text), @reason, @detail, @now)
ON CONFLICT (workspace_id, address) DO NOTHING;

-- name: ListMemberSuppressions :many
SELECT u.id AS user_id, s.address, s.reason, s.detail, s.created_at
FROM email_suppressions s
JOIN memberships m ON m.workspace_id = s.workspace_id
JOIN users u ON u.id = m.user_id AND lower(u.email) = s.address
WHERE s.workspace_id = @workspace_id
ORDER BY s.created_at DESC;

-- name: DeleteMemberSuppression :execrows
DELETE FROM email_suppressions s
USING memberships m, users u
WHERE s.workspace_id = @workspace_id AND m.workspace_id = s.workspace_id AND m.user_id = @user_id
  AND u.id = m.user_id AND s.address = lower(u.email);
