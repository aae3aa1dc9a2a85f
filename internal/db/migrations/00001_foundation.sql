-- Foundation schema: accounts, workspaces, projects, invitations, emails,
-- activity. Runs as the owner role (parvis_owner); the server connects as
-- parvis_app, which owns nothing and is subject to row-level security.
--
-- Tenant tables carry workspace_id, have RLS enabled AND forced, and their
-- policies read the tenant from transaction-local settings set by
-- internal/db (set_config(..., true)). nullif(..., '') makes "no tenant" mean
-- "no rows" instead of a cast error once a pooled connection has seen the
-- setting.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION app_workspace_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.workspace_id', true), '')::uuid
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION app_user_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
-- +goose StatementEnd

-- app_role() is the caller's role in the current workspace ('admin' or
-- 'client'), set by the same helper after it checked the membership.
-- +goose StatementBegin
CREATE FUNCTION app_role() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.role', true), '')
$$;
-- +goose StatementEnd

-- Users are global: one person, one account, many workspaces.
CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    password_hash text NOT NULL,
    locale        text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Opaque server-side sessions; only the SHA-256 of the token is stored.
CREATE TABLE sessions (
    token_hash          bytea PRIMARY KEY,
    user_id             uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at          timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    idle_timeout_secs   integer NOT NULL CHECK (idle_timeout_secs > 0),
    absolute_expires_at timestamptz NOT NULL,
    ip                  text NOT NULL DEFAULT '',
    user_agent          text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE password_resets (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);

-- Failed logins, counted per account and per IP over a sliding window.
CREATE TABLE auth_failures (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope text NOT NULL CHECK (scope IN ('account', 'ip')),
    key   text NOT NULL,
    at    timestamptz NOT NULL
);
CREATE INDEX auth_failures_key_idx ON auth_failures (scope, key, at);

CREATE TABLE workspaces (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    accent_color text NOT NULL DEFAULT '#4f46e5' CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
    sender_name  text NOT NULL CHECK (length(sender_name) BETWEEN 1 AND 80),
    logo         bytea,
    logo_type    text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK ((logo IS NULL) = (logo_type IS NULL))
);

CREATE TABLE memberships (
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('admin', 'client')),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE projects (
    id           uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    client_name  text NOT NULL CHECK (length(client_name) BETWEEN 1 AND 120),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    status       text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'waiting_client', 'done')),
    created_by   uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, id)
);

-- Which clients see which project. Foreign keys carry workspace_id so a row
-- can never join a project or a membership of another workspace.
CREATE TABLE project_members (
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    user_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (project_id, user_id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX project_members_user_idx ON project_members (workspace_id, user_id);

CREATE TABLE invitations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid,
    email        text NOT NULL CHECK (email = lower(email)),
    role         text NOT NULL CHECK (role IN ('admin', 'client')),
    token_hash   bytea NOT NULL UNIQUE,
    invited_by   uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid REFERENCES users ON DELETE SET NULL,
    revoked_at   timestamptz,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX invitations_project_idx ON invitations (workspace_id, project_id);

-- Outgoing emails, rendered in the transaction that caused them and sent by
-- a River job. Bodies of emails carrying a secret link are wiped once sent.
CREATE TABLE emails (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    kind         text NOT NULL,
    to_address   text NOT NULL,
    from_name    text NOT NULL,
    subject      text NOT NULL,
    html_body    text NOT NULL,
    text_body    text NOT NULL,
    sensitive    boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz,
    last_error   text
);

-- Append-only activity log (the app role may only INSERT and SELECT).
CREATE TABLE activity (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid,
    actor_id     uuid REFERENCES users ON DELETE SET NULL,
    action       text NOT NULL,
    object_type  text NOT NULL DEFAULT '',
    object_id    text NOT NULL DEFAULT '',
    data         jsonb NOT NULL DEFAULT '{}',
    request_id   text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_project_idx ON activity (workspace_id, project_id, created_at DESC);

-- Row-level security ------------------------------------------------------

ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
-- A user sees the current workspace and the ones they belong to (switcher).
CREATE POLICY workspaces_select ON workspaces FOR SELECT
    USING (id = app_workspace_id()
           OR id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = app_user_id()));
CREATE POLICY workspaces_insert ON workspaces FOR INSERT WITH CHECK (id = app_workspace_id());
CREATE POLICY workspaces_update ON workspaces FOR UPDATE
    USING (id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (id = app_workspace_id());

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
-- A user may read their own memberships in any workspace (to list and pick
-- a workspace); everything else is confined to the current workspace.
CREATE POLICY memberships_select ON memberships FOR SELECT
    USING (workspace_id = app_workspace_id() OR user_id = app_user_id());
CREATE POLICY memberships_write ON memberships FOR ALL
    USING (workspace_id = app_workspace_id())
    WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
-- Clients see only the projects they are members of, even if the Go code
-- forgot to check: defence in depth.
CREATE POLICY projects_select ON projects FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id())));
CREATE POLICY projects_write ON projects FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

ALTER TABLE project_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_members FORCE ROW LEVEL SECURITY;
CREATE POLICY project_members_all ON project_members FOR ALL
    USING (workspace_id = app_workspace_id())
    WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
-- Someone holding an invitation link (not logged in, no tenant yet) may read
-- that one invitation: the hash of their token is set as app.invitation.
CREATE POLICY invitations_by_token ON invitations FOR SELECT
    USING (token_hash = decode(nullif(current_setting('app.invitation', true), ''), 'hex'));
CREATE POLICY invitations_all ON invitations FOR ALL
    USING (workspace_id = app_workspace_id())
    WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE emails ENABLE ROW LEVEL SECURITY;
ALTER TABLE emails FORCE ROW LEVEL SECURITY;
CREATE POLICY emails_all ON emails FOR ALL
    USING (workspace_id = app_workspace_id())
    WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity FORCE ROW LEVEL SECURITY;
CREATE POLICY activity_select ON activity FOR SELECT USING (workspace_id = app_workspace_id());
CREATE POLICY activity_insert ON activity FOR INSERT WITH CHECK (workspace_id = app_workspace_id());

-- Grants for the server's role --------------------------------------------

GRANT USAGE ON SCHEMA public TO parvis_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, password_resets, auth_failures,
    workspaces, memberships, projects, project_members, invitations, emails TO parvis_app;
GRANT SELECT, INSERT ON activity TO parvis_app;
GRANT EXECUTE ON FUNCTION app_workspace_id(), app_user_id(), app_role() TO parvis_app;

-- +goose Down
DROP TABLE activity, emails, invitations, project_members, projects, memberships,
    workspaces, auth_failures, password_resets, sessions, users;
DROP FUNCTION app_role(), app_user_id(), app_workspace_id();
