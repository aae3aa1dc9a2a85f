-- The public face of a workspace: its name, accent colour and logo, which
-- the login page reached from the workspace's own link (/<espace>/connexion)
-- shows before anyone is signed in (issue 9, white-label).
--
-- Row-level security lets no anonymous transaction read `workspaces`, and
-- that stays so: the app role gets no new policy. Instead two SECURITY
-- DEFINER functions, owned by the owner role, return only the public
-- columns of the one workspace named by its slug (never the sender name,
-- ids or timestamps). The table forces RLS on its owner too, so the owner
-- gets a read-only policy of its own; nobody logs in as the owner (it is
-- NOLOGIN), and at request time the only code that runs as it is these two
-- functions, each with a fixed search_path so no object of another schema
-- can stand in for the ones they name.

-- +goose Up
CREATE POLICY workspaces_owner_read ON workspaces FOR SELECT TO parvis_owner USING (true);

-- +goose StatementBegin
CREATE FUNCTION public_workspace_brand(p_slug text)
RETURNS TABLE (slug text, name text, accent_color text, has_logo boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
  SELECT w.slug, w.name, w.accent_color, w.logo IS NOT NULL
  FROM public.workspaces w WHERE w.slug = p_slug
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION public_workspace_logo(p_slug text)
RETURNS TABLE (logo bytea, logo_type text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
  SELECT w.logo, w.logo_type
  FROM public.workspaces w WHERE w.slug = p_slug AND w.logo IS NOT NULL
$$;
-- +goose StatementEnd

REVOKE ALL ON FUNCTION public_workspace_brand(text), public_workspace_logo(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_workspace_brand(text), public_workspace_logo(text) TO parvis_app;

-- +goose Down
DROP FUNCTION public_workspace_logo(text), public_workspace_brand(text);
DROP POLICY workspaces_owner_read ON workspaces;
