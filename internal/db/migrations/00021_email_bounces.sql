-- Bounces and complaints (issue 14): the mail provider's webhook tells an
-- address bounced for good or its owner complained; every workspace that
-- emailed it suppresses it (email_suppressions, 00016) until an admin
-- lifts it. The webhook has no tenant: one SECURITY DEFINER function tells
-- it which workspaces sent to the address (ids only), each then written
-- under its own system scope.

-- +goose Up
ALTER TABLE email_suppressions ADD COLUMN detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 500);

-- +goose StatementBegin
CREATE FUNCTION email_bounce_workspaces(addr text)
RETURNS TABLE (workspace_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
  SELECT DISTINCT e.workspace_id FROM public.emails e WHERE lower(e.to_address) = lower(addr)
$$;
-- +goose StatementEnd
CREATE POLICY emails_owner_bounce ON emails FOR SELECT TO parvis_owner USING (true);
REVOKE ALL ON FUNCTION email_bounce_workspaces(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION email_bounce_workspaces(text) TO parvis_app;

-- +goose Down
DROP POLICY emails_owner_bounce ON emails;
DROP FUNCTION email_bounce_workspaces(text);
ALTER TABLE email_suppressions DROP COLUMN detail;
