-- Two live tasks of a column never share a rank: the board's order is
-- exact. The board code keeps it so (every write under the project's board
-- lock; a restored task takes a new rank when its old one was reused), and
-- the database now refuses a duplicate rather than showing an order that
-- depends on ids.

-- +goose Up
DROP INDEX tasks_board_idx;
CREATE UNIQUE INDEX tasks_board_rank_key ON tasks (project_id, board_column, rank) WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX tasks_board_rank_key;
CREATE INDEX tasks_board_idx ON tasks (project_id, board_column, rank) WHERE deleted_at IS NULL;
