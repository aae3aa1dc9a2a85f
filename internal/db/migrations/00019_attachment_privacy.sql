-- Attachments live as files in each project's « Pièces jointes » folder
-- (00011). The thread already hid an internal note's attachments from a
-- client, but the Files routes read `files` and `file_versions`, whose
-- policies only asked « is the client on the project? »: a client who knew
-- the id of an internal note's attachment could download it. Now the
-- database decides: in the attachments folder a client sees a file only if
-- he uploaded it himself, or if it is attached to something he may see.
-- attachment_visible() is that « something »: a request, or a comment the
-- comments' own policy shows him (internal notes are admin-only there).
-- Messaging, when it attaches files the same way, adds its own link to
-- this one function. Versions follow their file (their policy selects
-- from `files`), so the download, thumbnail and version routes follow too.
--
-- Uploads made for a request or a comment that was never sent stay in the
-- folder unattached and count in the quota: a periodic job (file.sweep_
-- attachments) purges those older than a day. It visits each workspace
-- under its own system scope; job_workspace_ids() is how it learns them
-- (the app role reads no workspace row without a tenant).

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION attachment_visible(p_file uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  -- Runs with the caller's rights: ticket_attachments' policy (and the
  -- comments' one inside it) applies.
  SELECT EXISTS (SELECT 1 FROM ticket_attachments a WHERE a.file_id = p_file)
$$;
-- +goose StatementEnd

DROP POLICY files_select ON files;
CREATE POLICY files_select ON files FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR (deleted_at IS NULL
                    AND project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id())
                    AND (created_by = app_user_id()
                         OR NOT EXISTS (SELECT 1 FROM folders fo WHERE fo.id = files.folder_id AND fo.kind = 'attachments')
                         OR attachment_visible(id)))));

-- +goose StatementBegin
CREATE FUNCTION job_workspace_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
  SELECT w.id FROM public.workspaces w ORDER BY w.id
$$;
-- +goose StatementEnd

REVOKE ALL ON FUNCTION job_workspace_ids(), attachment_visible(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION job_workspace_ids(), attachment_visible(uuid) TO parvis_app;


-- +goose Down
DROP FUNCTION job_workspace_ids();
DROP POLICY files_select ON files;
CREATE POLICY files_select ON files FOR SELECT
    USING (workspace_id = app_workspace_id()
           AND (app_role() = 'admin'
                OR (deleted_at IS NULL
                    AND project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = app_user_id()))));
DROP FUNCTION attachment_visible(uuid);
