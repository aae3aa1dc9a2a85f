-- The board's version (issue 10): every insert or update of a task or a
-- ticket stamps the row with the next value of one sequence, so the sum of
-- a project's stamps grows with every committed change to what its board
-- shows (a row's new stamp is always above its old one: the trigger runs
-- once the row is locked, after any earlier writer of it committed; rows
-- are deleted only with their project). The board reads that sum first
-- and keeps the encoded body under it (internal/board): a body is never
-- older than the version it is filed under, and any commit changes the
-- version. Sequences take no lock: concurrent writers do not queue on it.

-- +goose Up
CREATE SEQUENCE board_seq;
GRANT USAGE ON SEQUENCE board_seq TO parvis_app;

ALTER TABLE tasks ADD COLUMN board_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN board_seq bigint NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION stamp_board_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.board_seq := nextval('board_seq');
  RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER tasks_board_seq BEFORE INSERT OR UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION stamp_board_seq();
CREATE TRIGGER tickets_board_seq BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION stamp_board_seq();

-- The version, and the dashboard's task counts (ProjectCounts), are read by
-- index-only scans: the policy needs workspace_id, the counts the column,
-- the block and the deletion.
CREATE INDEX tasks_project_cover_idx ON tasks (project_id) INCLUDE (workspace_id, board_seq, board_column, blocked_by_client, deleted_at);

-- +goose Down
DROP INDEX tasks_project_cover_idx;
DROP TRIGGER tickets_board_seq ON tickets;
DROP TRIGGER tasks_board_seq ON tasks;
DROP FUNCTION stamp_board_seq();
ALTER TABLE tickets DROP COLUMN board_seq;
ALTER TABLE tasks DROP COLUMN board_seq;
DROP SEQUENCE board_seq;
