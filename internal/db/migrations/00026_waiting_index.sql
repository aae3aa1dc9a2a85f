-- +goose Up
-- The tasks that wait on the client (the waiting_on_client view's task
-- branch), per project in waiting order: the dashboard reads its first few
-- from here without sorting them all, and counts them and sums their days
-- from the index alone (workspace_id is included for the policy).
CREATE INDEX tasks_waiting_idx ON tasks (project_id, blocked_since, id) INCLUDE (workspace_id)
    WHERE deleted_at IS NULL AND blocked_by_client AND board_column <> 'done';

-- +goose Down
DROP INDEX tasks_waiting_idx;
