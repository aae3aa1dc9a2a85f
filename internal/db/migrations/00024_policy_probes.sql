-- Policies that asked « is this id among all the rows I may see? »
-- (`x IN (SELECT id FROM t)`) made PostgreSQL hash every visible row of t
-- — every file of the workspace — for each query touching the table: a
-- page of 50 messages read 500 files, and the cost grew with the
-- workspace. A correlated EXISTS asks the same question of one row, by
-- primary key, with t's own policy still applied inside.

-- +goose Up
DROP POLICY file_versions_select ON file_versions;
CREATE POLICY file_versions_select ON file_versions FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND EXISTS (SELECT 1 FROM files f WHERE f.id = file_versions.file_id));
DROP POLICY file_versions_insert ON file_versions;
CREATE POLICY file_versions_insert ON file_versions FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id()
                AND EXISTS (SELECT 1 FROM files f WHERE f.id = file_versions.file_id));

DROP POLICY ticket_attachments_select ON ticket_attachments;
CREATE POLICY ticket_attachments_select ON ticket_attachments FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (comment_id IS NULL
                OR EXISTS (SELECT 1 FROM ticket_comments c WHERE c.id = ticket_attachments.comment_id)));

-- +goose Down
DROP POLICY file_versions_select ON file_versions;
CREATE POLICY file_versions_select ON file_versions FOR SELECT
    USING (workspace_id = app_workspace_id() AND file_id IN (SELECT f.id FROM files f));
DROP POLICY file_versions_insert ON file_versions;
CREATE POLICY file_versions_insert ON file_versions FOR INSERT
    WITH CHECK (workspace_id = app_workspace_id() AND file_id IN (SELECT f.id FROM files f));
DROP POLICY ticket_attachments_select ON ticket_attachments;
CREATE POLICY ticket_attachments_select ON ticket_attachments FOR SELECT
    USING (workspace_id = app_workspace_id() AND app_can_see_project(project_id)
           AND (comment_id IS NULL OR comment_id IN (SELECT c.id FROM ticket_comments c)));
