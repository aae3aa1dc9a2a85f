-- Attachments of requests and of their comments go through the one upload
-- pipeline of Files (signed PUT, confirm, type/size/quota checks, content
-- sniffing, hash, thumbnails) into a per-project system folder « Pièces
-- jointes » (kind attachments): created with the project, never shown on
-- the Files page, with no sub-folders. A link row says which request or
-- comment a file belongs to; a file is attached once.

-- +goose Up
ALTER TABLE folders DROP CONSTRAINT folders_kind_check;
ALTER TABLE folders ADD CONSTRAINT folders_kind_check CHECK (kind IN ('branding', 'content', 'deliverables', 'attachments'));

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION create_standard_folders() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folders (workspace_id, project_id, kind, name, position, created_at)
  VALUES (NEW.workspace_id, NEW.id, 'branding', 'Branding', 1, NEW.created_at),
         (NEW.workspace_id, NEW.id, 'content', 'Contenu', 2, NEW.created_at),
         (NEW.workspace_id, NEW.id, 'deliverables', 'Livrables', 3, NEW.created_at),
         (NEW.workspace_id, NEW.id, 'attachments', 'Pièces jointes', 9, NEW.created_at);
  RETURN NEW;
END
$$;
-- +goose StatementEnd

INSERT INTO folders (workspace_id, project_id, kind, name, position, created_at)
SELECT p.workspace_id, p.id, 'attachments', 'Pièces jointes', 9, p.created_at FROM projects p
ON CONFLICT DO NOTHING;

CREATE TABLE ticket_attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    ticket_id    uuid NOT NULL,
    comment_id   uuid,
    file_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (file_id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, comment_id) REFERENCES ticket_comments (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, file_id) REFERENCES files (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_attachments_ticket_idx ON ticket_attachments (ticket_id);

ALTER TABLE ticket_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_attachments FORCE ROW LEVEL SECURITY;
-- A comment's attachments are seen by whoever sees the comment (the
-- comments' own policy applies inside the subquery: internal ones stay
-- admin-only).
CREATE POLICY ticket_attachments_select ON ticket_attachments FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (comment_id IS NULL OR comment_id IN (SELECT c.id FROM ticket_comments c)));
-- Only the person who uploaded a file attaches it.
CREATE POLICY ticket_attachments_insert ON ticket_attachments FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
                AND file_id IN (SELECT f.id FROM files f WHERE f.created_by = app_user_id()));

GRANT SELECT, INSERT ON ticket_attachments TO parvis_app;

-- +goose Down
DROP TABLE ticket_attachments;
DELETE FROM folders WHERE kind = 'attachments';
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION create_standard_folders() RETURNS trigger
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
ALTER TABLE folders DROP CONSTRAINT folders_kind_check;
ALTER TABLE folders ADD CONSTRAINT folders_kind_check CHECK (kind IN ('branding', 'content', 'deliverables'));
