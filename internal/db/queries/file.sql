-- name: ListFolders :many
-- Folders of a project with the number of live files in each. The
-- system folder « Pièces jointes » (request attachments) is not listed.
SELECT f.*,
  (SELECT count(*) FROM files fi WHERE fi.folder_id = f.id AND fi.deleted_at IS NULL)::int AS file_count
FROM folders f
WHERE f.workspace_id = @workspace_id AND f.project_id = @project_id AND f.kind <> 'attachments'
ORDER BY f.parent_id NULLS FIRST, f.position, lower(f.name);

-- name: GetFolder :one
SELECT * FROM folders WHERE workspace_id = @workspace_id AND project_id = @project_id AND id = @id;

-- name: CreateFolder :one
INSERT INTO folders (workspace_id, project_id, parent_id, kind, name, created_by, created_at)
VALUES (@workspace_id, @project_id, @parent_id, @kind, @name, @created_by, @created_at)
RETURNING *;

-- name: ListFolderFiles :many
-- Live files of a folder with their current (highest) version, the number
-- of versions and the one marked final: one pass over the versions.
WITH v AS (
  SELECT lv.*,
    row_number() OVER w AS rn,
    count(*) OVER w AS n,
    max(CASE WHEN lv.final THEN lv.number END) OVER w AS final_no
  FROM file_versions lv
  JOIN files f2 ON f2.id = lv.file_id
  WHERE lv.workspace_id = @workspace_id AND f2.folder_id = @folder_id AND f2.deleted_at IS NULL
  WINDOW w AS (PARTITION BY lv.file_id ORDER BY lv.number DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT fi.id, fi.name, fi.created_at, fi.created_by,
  v.id AS version_id, v.number AS version_number, v.name AS version_name, v.type, v.content_type,
  v.size, (v.thumb_key IS NOT NULL)::bool AS has_thumb, v.width, v.height, v.created_at AS version_created_at,
  coalesce(u.name, '')::text AS uploaded_by_name,
  coalesce(v.final_no, 0)::int AS final_number,
  v.n::int AS version_count
FROM files fi
JOIN v ON v.file_id = fi.id AND v.rn = 1
LEFT JOIN users u ON u.id = v.uploaded_by
WHERE fi.workspace_id = @workspace_id AND fi.project_id = @project_id AND fi.folder_id = @folder_id
  AND fi.deleted_at IS NULL
ORDER BY v.created_at DESC, fi.id;

-- name: ListDeletedFiles :many
SELECT fi.*, f.name AS folder_name, coalesce(u.name, '')::text AS deleted_by_name,
  (SELECT coalesce(sum(fv.size), 0) FROM file_versions fv WHERE fv.file_id = fi.id)::bigint AS total_size
FROM files fi
JOIN folders f ON f.id = fi.folder_id
LEFT JOIN users u ON u.id = fi.deleted_by
WHERE fi.workspace_id = @workspace_id AND fi.project_id = @project_id
  AND fi.deleted_at IS NOT NULL AND fi.deleted_at > @since::timestamptz
ORDER BY fi.deleted_at DESC;

-- name: GetFile :one
SELECT * FROM files WHERE workspace_id = @workspace_id AND project_id = @project_id AND id = @id;

-- name: ListFileVersions :many
SELECT v.*, coalesce(u.name, '')::text AS uploaded_by_name
FROM file_versions v LEFT JOIN users u ON u.id = v.uploaded_by
WHERE v.workspace_id = @workspace_id AND v.file_id = @file_id
ORDER BY v.number DESC;

-- name: GetFileVersion :one
SELECT * FROM file_versions WHERE workspace_id = @workspace_id AND file_id = @file_id AND id = @id;

-- name: GetFileVersionByNumber :one
SELECT * FROM file_versions WHERE workspace_id = @workspace_id AND file_id = @file_id AND number = @number;

-- name: GetLatestFileVersion :one
SELECT * FROM file_versions WHERE workspace_id = @workspace_id AND file_id = @file_id ORDER BY number DESC LIMIT 1;

-- name: GetFileVersionByID :one
SELECT * FROM file_versions WHERE workspace_id = @workspace_id AND id = @id;

-- name: CreateFile :one
INSERT INTO files (workspace_id, project_id, folder_id, name, created_by, created_at, updated_at)
VALUES (@workspace_id, @project_id, @folder_id, @name, @created_by, @now, @now)
RETURNING *;

-- name: LockFile :one
-- Serialises version numbering per file. An advisory lock, because row
-- locks need the UPDATE policy, which clients (who add versions) lack.
SELECT f.id FROM files f, pg_advisory_xact_lock(hashtextextended(f.id::text, 0)) l
WHERE f.workspace_id = @workspace_id AND f.id = @id AND f.deleted_at IS NULL;

-- name: CreateFileVersion :one
INSERT INTO file_versions (workspace_id, file_id, number, blob_key, name, type, content_type, size, sha256, uploaded_by, created_at)
VALUES (@workspace_id, @file_id,
  (SELECT coalesce(max(number), 0) + 1 FROM file_versions x WHERE x.file_id = @file_id),
  @blob_key, @name, @type, @content_type, @size, @sha256, @uploaded_by, @created_at)
RETURNING *;

-- name: ClearFinalVersion :exec
UPDATE file_versions SET final = false WHERE workspace_id = @workspace_id AND file_id = @file_id AND final;

-- name: SetFinalVersion :one
UPDATE file_versions SET final = @final WHERE workspace_id = @workspace_id AND file_id = @file_id AND id = @id
RETURNING *;

-- name: SetVersionThumbnail :exec
UPDATE file_versions SET thumb_key = @thumb_key, width = @width, height = @height
WHERE workspace_id = @workspace_id AND id = @id;

-- name: SoftDeleteFile :one
UPDATE files SET deleted_at = @now::timestamptz, deleted_by = @deleted_by
WHERE workspace_id = @workspace_id AND id = @id AND deleted_at IS NULL
RETURNING *;

-- name: RestoreFile :one
UPDATE files SET deleted_at = NULL, deleted_by = NULL, updated_at = @now
WHERE workspace_id = @workspace_id AND id = @id AND deleted_at IS NOT NULL AND deleted_at > @since::timestamptz
RETURNING *;

-- name: PurgeFile :exec
DELETE FROM files WHERE workspace_id = @workspace_id AND id = @id;

-- name: LockWorkspaceUploads :exec
-- Serialises upload requests in a workspace until the transaction ends, so
-- that concurrent requests cannot each pass the quota and rate checks.
SELECT pg_advisory_xact_lock(hashtextextended('parvis-upload:' || (@workspace_id::uuid)::text, 0));

-- name: WorkspaceStorageUsed :one
-- Bytes counted against the quota: every stored version (deleted files
-- too, until purged) and every upload still in flight.
SELECT ((SELECT coalesce(sum(v.size), 0) FROM file_versions v WHERE v.workspace_id = @workspace_id)
      + (SELECT coalesce(sum(u.size), 0) FROM uploads u WHERE u.workspace_id = @workspace_id AND u.status IN ('pending', 'confirming')))::bigint AS used;

-- name: CreateUpload :one
INSERT INTO uploads (workspace_id, project_id, folder_id, file_id, user_id, blob_key, name, type, content_type, size, created_at, expires_at)
VALUES (@workspace_id, @project_id, @folder_id, @file_id, @user_id, @blob_key, @name, @type, @content_type, @size, @created_at, @expires_at)
RETURNING *;

-- name: ClaimUpload :one
-- One confirm at a time: a pending upload of the caller moves on, and so
-- does one whose previous claim lapsed (its confirm died midway).
UPDATE uploads SET status = 'confirming', claimed_at = @now::timestamptz
WHERE workspace_id = @workspace_id AND project_id = @project_id AND id = @id AND user_id = @user_id
  AND (status = 'pending' OR (status = 'confirming' AND claimed_at < @stale_before::timestamptz))
RETURNING *;

-- name: ReleaseUpload :execrows
-- Ends a claim (done, refused, or back to pending), only if it is still
-- the caller's: a confirm whose lease was taken over changes nothing.
UPDATE uploads SET status = @status
WHERE workspace_id = @workspace_id AND id = @id AND status = 'confirming' AND claimed_at = @claimed_at::timestamptz;

-- name: GetVersionByBlobKey :one
SELECT * FROM file_versions WHERE workspace_id = @workspace_id AND blob_key = @blob_key;

-- name: SetUploadStatus :exec
UPDATE uploads SET status = @status WHERE workspace_id = @workspace_id AND id = @id;

-- name: LockUpload :one
-- The expiry job holds the row while it deletes the bytes, so no confirm
-- can claim the upload in between.
SELECT * FROM uploads WHERE workspace_id = @workspace_id AND id = @id FOR UPDATE;

-- name: GetOwnUpload :one
SELECT * FROM uploads WHERE workspace_id = @workspace_id AND project_id = @project_id AND id = @id AND user_id = @user_id;

-- name: DeleteUpload :exec
DELETE FROM uploads WHERE workspace_id = @workspace_id AND id = @id;

-- name: RecordUploadRequest :exec
INSERT INTO upload_requests (scope, key, at) VALUES (@scope, @key, @at);

-- name: CountUploadRequests :one
SELECT count(*)::int AS requests, coalesce(min(at), now())::timestamptz AS oldest
FROM upload_requests WHERE scope = @scope AND key = @key AND at > @since;

-- name: PruneUploadRequests :exec
DELETE FROM upload_requests WHERE at < @before;

-- name: GetFileByID :one
SELECT * FROM files WHERE workspace_id = @workspace_id AND id = @id;

-- name: JobWorkspaceIDs :many
-- Every workspace, for a periodic job that visits each under its own scope.
SELECT id::uuid AS id FROM job_workspace_ids() AS id;

-- name: AbandonedAttachments :many
-- Files uploaded into a « Pièces jointes » folder before @before and never
-- attached to anything (the form was abandoned): the oldest first.
SELECT f.id FROM files f JOIN folders fo ON fo.workspace_id = f.workspace_id AND fo.id = f.folder_id
WHERE f.workspace_id = @workspace_id AND fo.kind = 'attachments' AND f.created_at < @before
  AND NOT attachment_visible(f.id)
ORDER BY f.created_at LIMIT @max;

-- name: LockAttachmentFile :one
-- Locks a file of a « Pièces jointes » folder against a concurrent attach
-- (whose insert waits on this lock, then fails on the deleted row).
SELECT f.id, f.created_at FROM files f JOIN folders fo ON fo.workspace_id = f.workspace_id AND fo.id = f.folder_id
WHERE f.workspace_id = @workspace_id AND f.id = @id AND fo.kind = 'attachments'
FOR UPDATE OF f;

-- name: AttachmentVisible :one
SELECT attachment_visible(@file_id::uuid)::bool AS attached;
