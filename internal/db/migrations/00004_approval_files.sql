-- An approval may cite a precise file version ("v2 de la maquette") and
-- keeps its content hash, so what was approved stays provable after v3.
-- Versions never change; RESTRICT keeps a cited version from being purged.

-- +goose Up
ALTER TABLE approvals
    ADD COLUMN file_version_id uuid,
    ADD COLUMN file_sha256     bytea CHECK (file_sha256 IS NULL OR length(file_sha256) = 32),
    ADD CONSTRAINT approvals_file_version_fkey FOREIGN KEY (workspace_id, file_version_id)
        REFERENCES file_versions (workspace_id, id) ON DELETE RESTRICT,
    ADD CONSTRAINT approvals_file_pair CHECK ((file_version_id IS NULL) = (file_sha256 IS NULL));
CREATE INDEX approvals_file_version_idx ON approvals (file_version_id) WHERE file_version_id IS NOT NULL;

-- +goose Down
ALTER TABLE approvals DROP COLUMN file_version_id, DROP COLUMN file_sha256;
