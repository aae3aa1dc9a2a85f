-- Files (spec module E): standard folders per project, files with
-- immutable versions, pending uploads, and the per-user/IP request log the
-- upload rate limit reads.
--
-- A version is immutable once written: its blob key, size and SHA-256 never
-- change, so a later approval can reference (workspace_id, version id) and
-- copy its sha256 to prove what was approved.

-- +goose Up
CREATE TABLE folders (
    id           uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid NOT NULL,
    parent_id    uuid,
    -- The three standard roots; sub-folders inherit their root's kind (and
    -- so its type allowlist).
    kind         text NOT NULL CHECK (kind IN ('branding', 'content', 'deliverables')),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    position     integer NOT NULL DEFAULT 0,
    created_by   uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, parent_id) REFERENCES folders (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX folders_root_kind_key ON folders (project_id, kind) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX folders_name_key ON folders (project_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));

CREATE TABLE files (
    id           uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid NOT NULL,
    folder_id    uuid NOT NULL,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    created_by   uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,
    deleted_by   uuid REFERENCES users ON DELETE SET NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, folder_id) REFERENCES folders (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX files_folder_idx ON files (workspace_id, folder_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_deleted_idx ON files (workspace_id, project_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE file_versions (
    id           uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    file_id      uuid NOT NULL,
    number       integer NOT NULL CHECK (number >= 1),
    blob_key     text NOT NULL UNIQUE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    type         text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size > 0),
    sha256       bytea NOT NULL CHECK (length(sha256) = 32),
    final        boolean NOT NULL DEFAULT false,
    thumb_key    text,
    width        integer,
    height       integer,
    uploaded_by  uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    UNIQUE (file_id, number),
    FOREIGN KEY (workspace_id, file_id) REFERENCES files (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX file_versions_final_key ON file_versions (file_id) WHERE final;
CREATE INDEX file_versions_workspace_idx ON file_versions (workspace_id);

-- An upload between "may I?" and "done": the server chose the key and
-- signed a PUT for exactly this size and type. Rows stay until a River job
-- scheduled at expiry removes the row and whatever sits at the key.
CREATE TABLE uploads (
    id           uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    project_id   uuid NOT NULL,
    folder_id    uuid NOT NULL,
    file_id      uuid,
    user_id      uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    blob_key     text NOT NULL UNIQUE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    type         text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size > 0),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirming', 'done', 'refused')),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, folder_id) REFERENCES folders (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, file_id) REFERENCES files (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX uploads_workspace_idx ON uploads (workspace_id, status);

-- Issued upload URLs per user and per IP (rate limit, security guide
-- point 20). Not tenant data: keys only, pruned by the expiry job.
CREATE TABLE upload_requests (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope text NOT NULL CHECK (scope IN ('user', 'ip')),
    key   text NOT NULL,
    at    timestamptz NOT NULL
);
CREATE INDEX upload_requests_key_idx ON upload_requests (scope, key, at);

-- Every project has the three standard folders, whoever creates it.
-- +goose StatementBegin
CREATE FUNCTION create_standard_folders() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folders (workspace_id, project_id, kind, name, position, created_at)
  VALUES (NEW.workspace_id, NEW.id, 'branding', 'Branding', 1, NEW.created_at),
         (NEW.workspace_id, NEW.id, 'content', 'Contenu', 2, NEW.created_at),
         (NEW.workspace_id, NEW.id, 'deliverables', 'Livrables', 3, NEW.created_at);
  RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER projects_standard_folders AFTER INSERT ON projects
    FOR EACH ROW EXECUTE FUNCTION create_standard_folders();

INSERT INTO folders (workspace_id, project_id, kind, name, position, created_at)
SELECT p.workspace_id, p.id, k.kind, k.name, k.position, p.created_at
FROM projects p CROSS JOIN (VALUES ('branding', 'Branding', 1), ('content', 'Contenu', 2), ('deliverables', 'Livrables', 3)) AS k(kind, name, position);

-- Row-level security ------------------------------------------------------

ALTER TABLE folders ENABLE ROW LEVEL SECURITY;
ALTER TABLE folders FORCE ROW LEVEL SECURITY;
CREATE POLICY folders_select ON folders FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id())));
CREATE POLICY folders_insert ON folders FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');
CREATE POLICY folders_update ON folders FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');
CREATE POLICY folders_delete ON folders FOR DELETE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin');

-- Clients see their projects' files, never deleted ones; only admins update
-- (delete, restore) them.
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY files_select ON files FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR (deleted_at IS NULL
                    AND project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id()))));
CREATE POLICY files_insert ON files FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id()
                AND (app_role() = 'admin'
                     OR project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id())));
CREATE POLICY files_update ON files FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');
CREATE POLICY files_delete ON files FOR DELETE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin');

ALTER TABLE file_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE file_versions FORCE ROW LEVEL SECURITY;
-- files' own policy applies inside the subquery: a client sees the versions
-- of the files they see.
CREATE POLICY file_versions_select ON file_versions FOR SELECT
    USING (workspace_id = app_workspace_id() AND file_id IN (SELECT f.id FROM files f));
CREATE POLICY file_versions_insert ON file_versions FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND file_id IN (SELECT f.id FROM files f));
CREATE POLICY file_versions_update ON file_versions FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');
CREATE POLICY file_versions_delete ON file_versions FOR DELETE
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin');

-- An upload belongs to the person who asked for it.
ALTER TABLE uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY uploads_all ON uploads FOR ALL
    USING (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR app_role() = 'admin'))
    WITH CHECK (workspace_id = app_workspace_id() AND (user_id = app_user_id() OR app_role() = 'admin'));

GRANT SELECT, INSERT, UPDATE, DELETE ON folders, files, file_versions, uploads, upload_requests TO parvis_app;

-- +goose Down
DROP TRIGGER projects_standard_folders ON projects;
DROP FUNCTION create_standard_folders();
DROP TABLE upload_requests, uploads, file_versions, files, folders;
