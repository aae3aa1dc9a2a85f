-- Project messaging (spec module D): one conversation per project between
-- the workspace's admins and the project's clients, with attachments
-- through the one upload pipeline (the project's « Pièces jointes »
-- folder, as for requests) and a read mark per user and conversation.
--
-- Order is seq (an identity): the list pages on it (`before` cursor, no
-- offset) and the read mark is the highest seq a user has seen. Two
-- messages written at once may commit out of seq order; the cost is that
-- a message committed just after a read mark that passed it counts as
-- read: the page marks read only what it displayed, so in practice a
-- second's race, documented rather than locked away.

-- +goose Up
CREATE TABLE messages (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq          bigint NOT NULL GENERATED ALWAYS AS IDENTITY UNIQUE,
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    author_id    uuid REFERENCES users ON DELETE SET NULL,
    -- Markdown, rendered without raw HTML. Emptied when the author
    -- deletes it (the journal keeps that it was deleted, not the text).
    body         text NOT NULL CHECK (length(body) <= 10000),
    created_at   timestamptz NOT NULL,
    edited_at    timestamptz,
    deleted_at   timestamptz,
    -- An admin hid it: clients see that a message was hidden, not its text.
    hidden_at    timestamptz,
    hidden_by    uuid REFERENCES users ON DELETE SET NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    CHECK (deleted_at IS NOT NULL OR length(body) >= 1)
);
CREATE INDEX messages_project_idx ON messages (project_id, seq DESC);

CREATE TABLE message_attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    project_id   uuid NOT NULL,
    message_id   uuid NOT NULL,
    file_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (file_id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, file_id) REFERENCES files (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX message_attachments_message_idx ON message_attachments (message_id);

-- The last message each user has read in each project's conversation.
CREATE TABLE message_reads (
    workspace_id  uuid NOT NULL,
    project_id    uuid NOT NULL,
    user_id       uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    last_read_seq bigint NOT NULL CHECK (last_read_seq >= 0),
    read_at       timestamptz NOT NULL,
    PRIMARY KEY (project_id, user_id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
);

-- Row-level security ------------------------------------------------------

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY messages_select ON messages FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
CREATE POLICY messages_insert ON messages FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id) AND author_id = app_user_id());
-- The author edits or deletes; an admin hides (the API says which).
CREATE POLICY messages_update ON messages FOR UPDATE
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (author_id = app_user_id() OR app_role() = 'admin'))
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id));

ALTER TABLE message_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY message_attachments_select ON message_attachments FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id));
-- Only the person who uploaded a file attaches it, to his own message.
CREATE POLICY message_attachments_insert ON message_attachments FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
                AND file_id IN (SELECT f.id FROM files f WHERE f.created_by = app_user_id())
                AND message_id IN (SELECT m.id FROM messages m WHERE m.author_id = app_user_id()));

-- A user reads and writes his own mark; admins read every mark of their
-- workspace (« Vu par le client »).
ALTER TABLE message_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY message_reads_select ON message_reads FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (user_id = app_user_id() OR app_role() = 'admin'));
CREATE POLICY message_reads_insert ON message_reads FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id) AND user_id = app_user_id());
CREATE POLICY message_reads_update ON message_reads FOR UPDATE
    USING (workspace_id = app_workspace_id() AND user_id = app_user_id())
    WITH CHECK (workspace_id = app_workspace_id() AND app_can_see_project(project_id) AND user_id = app_user_id());

GRANT SELECT, INSERT, UPDATE ON messages, message_reads TO parvis_app;
GRANT SELECT, INSERT ON message_attachments TO parvis_app;

-- +goose Down
DROP TABLE message_reads, message_attachments, messages;
