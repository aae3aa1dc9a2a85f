-- Projects and the work (spec modules A and B, 3.1-3.3): phases, core
-- tasks on the kanban, client approvals, private admin notes, and the
-- visibility of activity entries.

-- +goose Up
ALTER TABLE projects
    ADD COLUMN status_override    text CHECK (status_override IN ('in_progress', 'waiting_client', 'done')),
    ADD COLUMN next_step          text NOT NULL DEFAULT '' CHECK (length(next_step) <= 300),
    ADD COLUMN estimated_delivery date;
-- The stored status was a placeholder; status is now computed (see
-- internal/project/status.go) unless the admin overrides it.
UPDATE projects SET status_override = NULLIF(status, 'in_progress');
ALTER TABLE projects DROP COLUMN status;

CREATE TABLE project_phases (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid NOT NULL,
    project_id    uuid NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    position      integer NOT NULL CHECK (position >= 0),
    planned_start date,
    planned_end   date,
    actual_start  date,
    actual_end    date,
    created_at    timestamptz NOT NULL,
    UNIQUE (workspace_id, id),
    UNIQUE (project_id, position) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);

-- Core tasks. rank is a fractional ordering key compared byte-wise
-- (COLLATE "C"): moving a task rewrites that task only.
CREATE TABLE tasks (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid NOT NULL,
    project_id      uuid NOT NULL,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    phase_id        uuid,
    due_date        date,
    assignee_label  text NOT NULL DEFAULT '' CHECK (length(assignee_label) <= 80),
    board_column    text NOT NULL CHECK (board_column IN ('backlog', 'in_progress', 'waiting_client', 'done')),
    rank            text COLLATE "C" NOT NULL CHECK (rank ~ '^[0-9A-Za-z]+$'),
    origin          text NOT NULL DEFAULT 'project' CHECK (origin IN ('project', 'request')),
    blocked_by_client boolean NOT NULL DEFAULT false,
    blocked_reason  text NOT NULL DEFAULT '' CHECK (length(blocked_reason) <= 500),
    blocked_since   timestamptz,
    created_by      uuid REFERENCES users ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    deleted_at      timestamptz,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, phase_id) REFERENCES project_phases (workspace_id, id) ON DELETE SET NULL (phase_id),
    CHECK (blocked_by_client = (blocked_since IS NOT NULL))
);
CREATE INDEX tasks_board_idx ON tasks (project_id, board_column, rank) WHERE deleted_at IS NULL;

-- Client approvals: rows are never deleted; a new request is a new row,
-- so the history (who approved what, when, with which comment) stays.
CREATE TABLE approvals (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('maquette', 'contenu', 'livraison', 'custom')),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'changes_requested', 'cancelled')),
    requested_by uuid REFERENCES users ON DELETE SET NULL,
    requested_at timestamptz NOT NULL,
    decided_by   uuid REFERENCES users ON DELETE SET NULL,
    decided_at   timestamptz,
    comment      text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX approvals_project_idx ON approvals (project_id, requested_at DESC);

-- Private admin notes, about a project or about a client. Clients can
-- never read them: the policy itself requires the admin role.
CREATE TABLE notes (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    project_id   uuid,
    client_id    uuid,
    body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    author_id    uuid REFERENCES users ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, client_id) REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE,
    CHECK ((project_id IS NULL) <> (client_id IS NULL))
);

-- Activity entries about admin-only things (notes) are hidden from clients.
ALTER TABLE activity ADD COLUMN admin_only boolean NOT NULL DEFAULT false;

-- Row-level security ------------------------------------------------------

-- +goose StatementBegin
-- True when the caller may see the project: admins see all of the
-- workspace's, clients those they are members of.
CREATE FUNCTION app_can_see_project(p uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT app_role() = 'admin'
      OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p AND pm.user_id = app_user_id())
$$;
-- +goose StatementEnd

ALTER TABLE project_phases ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_phases FORCE ROW LEVEL SECURITY;
CREATE POLICY project_phases_select ON project_phases FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
CREATE POLICY project_phases_write ON project_phases FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_select ON tasks FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
CREATE POLICY tasks_write ON tasks FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

ALTER TABLE approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY approvals_select ON approvals FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
CREATE POLICY approvals_insert ON approvals FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');
-- Clients decide on approvals of their projects; admins cancel.
CREATE POLICY approvals_update ON approvals FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id))
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id));

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_admin ON notes FOR ALL
    USING (workspace_id = app_workspace_id() AND app_role() = 'admin')
    WITH CHECK (workspace_id = app_workspace_id() AND app_role() = 'admin');

DROP POLICY activity_select ON activity;
CREATE POLICY activity_select ON activity FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR (NOT admin_only AND project_id IS NOT NULL AND app_can_see_project(project_id))));

GRANT SELECT, INSERT, UPDATE, DELETE ON project_phases, tasks, notes TO parvis_app;
GRANT SELECT, INSERT, UPDATE ON approvals TO parvis_app;
GRANT EXECUTE ON FUNCTION app_can_see_project(uuid) TO parvis_app;

-- +goose Down
DROP POLICY activity_select ON activity;
CREATE POLICY activity_select ON activity FOR SELECT USING (workspace_id = app_workspace_id());
ALTER TABLE activity DROP COLUMN admin_only;
DROP TABLE notes, approvals, tasks, project_phases;
DROP FUNCTION app_can_see_project(uuid);
ALTER TABLE projects ADD COLUMN status text NOT NULL DEFAULT 'in_progress';
UPDATE projects SET status = coalesce(status_override, 'in_progress');
ALTER TABLE projects DROP COLUMN status_override, DROP COLUMN next_step, DROP COLUMN estimated_delivery;
