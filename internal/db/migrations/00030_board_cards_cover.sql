-- The board's cards are read from an index alone (issue 10). A board of
-- 1 000 tasks written over time lies in ~1 000 heap pages, shared with other
-- projects' tasks; when they are not cached (a board no one opened lately)
-- reading them was the board's whole cost (1 000 buffers, 13–17 ms). This
-- index carries what a card shows, so the board reads ~20 index pages in
-- board order, without a sort.
--
-- * card_excerpt is the description's first 100 characters (ExcerptChars in
--   internal/board): an index may include columns, not expressions.
-- * A btree row must stay under 2 704 bytes, and rank has no bound (it grows
--   as cards are moved into the same gap again and again). A task whose
--   variable fields pass 1 800 bytes (card_oversize) is left out of this
--   index, never refused: the board reads those few from the heap
--   (tasks_board_oversize_idx; normally empty). tasks_board_rank_key, the
--   narrow unique index, is unchanged.
-- * blocked_reason (up to 500 characters) stays out too: the few blocked
--   cards' reasons are read by id afterwards (BlockedReasons).
-- * workspace_id is included for the row-level policy.
-- * Every write of a task already changes an indexed column (board_seq, in
--   tasks_project_cover_idx), so none was a HOT update: this index costs a
--   write one more index entry.
-- * Index-only scans serve what vacuum marked all-visible: a board's pages
--   changed since the last vacuum are read from the heap as before (and
--   those are the ones likely cached).
-- * Adding a stored column rewrites the tasks table under an exclusive lock:
--   a few seconds per million tasks, during which boards wait.

-- +goose Up
ALTER TABLE tasks ADD COLUMN card_excerpt text NOT NULL GENERATED ALWAYS AS (left(description, 100)) STORED;
ALTER TABLE tasks ADD COLUMN card_oversize boolean NOT NULL GENERATED ALWAYS AS (
    octet_length(rank) + octet_length(title) + octet_length(assignee_label) + octet_length(left(description, 100)) > 1800) STORED;
CREATE INDEX tasks_board_cards_idx ON tasks (project_id, board_column, rank)
    INCLUDE (workspace_id, id, title, card_excerpt, phase_id, due_date, assignee_label, origin, ticket_id, blocked_by_client, blocked_since)
    WHERE deleted_at IS NULL AND NOT card_oversize;
CREATE INDEX tasks_board_oversize_idx ON tasks (project_id, board_column, rank)
    WHERE deleted_at IS NULL AND card_oversize;

-- +goose Down
DROP INDEX tasks_board_oversize_idx;
DROP INDEX tasks_board_cards_idx;
ALTER TABLE tasks DROP COLUMN card_oversize;
ALTER TABLE tasks DROP COLUMN card_excerpt;
