-- name: CreateWorkspace :one
INSERT INTO workspaces (id, slug, name, accent_color, sender_name, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING *;

-- name: GetWorkspaceBySlug :one
SELECT * FROM workspaces WHERE slug = $1;

-- name: GetWorkspace :one
SELECT * FROM workspaces WHERE id = $1;

-- name: UpdateWorkspaceSettings :one
UPDATE workspaces SET name = @name, accent_color = @accent_color, sender_name = @sender_name, updated_at = @now
WHERE id = @id
RETURNING *;

-- name: SetWorkspaceLogo :one
UPDATE workspaces SET logo = @logo, logo_type = @logo_type, updated_at = @now WHERE id = @id RETURNING *;

-- name: GetMembershipBySlug :one
-- The caller's membership in the workspace named by slug; visible through
-- the memberships policy for the caller's own rows only.
SELECT m.workspace_id, m.user_id, m.role, w.slug, w.name
FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
WHERE w.slug = @slug AND m.user_id = @user_id;

-- name: ListUserWorkspaces :many
SELECT w.id, w.slug, w.name, w.accent_color, (w.logo IS NOT NULL)::bool AS has_logo, m.role
FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
WHERE m.user_id = $1
ORDER BY w.name;

-- name: LatestUserWorkspace :one
SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1 ORDER BY m.created_at DESC LIMIT 1;

-- name: CreateMembership :exec
INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (workspace_id, user_id) DO NOTHING;

-- name: GetMembership :one
SELECT * FROM memberships WHERE workspace_id = $1 AND user_id = $2;

-- name: LockMembership :one
-- The membership, held (FOR KEY SHARE) until the transaction ends: a row
-- written about this member (a note) cannot lose it to a concurrent removal
-- between the check and the insert; the removal waits, then cascades.
SELECT * FROM memberships WHERE workspace_id = $1 AND user_id = $2 FOR KEY SHARE;

-- name: ListWorkspaceMembers :many
SELECT u.id, u.email, u.name, m.role, m.created_at
FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.workspace_id = $1
ORDER BY m.role, u.name;

-- name: DeleteMembership :execrows
DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2;

-- name: CountAdmins :one
SELECT count(*)::int FROM memberships WHERE workspace_id = $1 AND role = 'admin';

-- name: PublicWorkspaceBrand :one
-- The public branding of the workspace named by slug, for anonymous login
-- pages: through a SECURITY DEFINER function (migration 00008), since RLS
-- lets no anonymous transaction read workspaces.
SELECT slug::text AS slug, name::text AS name, accent_color::text AS accent_color, has_logo::bool AS has_logo
FROM public_workspace_brand(@slug::text);

-- name: PublicWorkspaceLogo :one
SELECT logo::bytea AS logo, logo_type::text AS logo_type FROM public_workspace_logo(@slug::text);
