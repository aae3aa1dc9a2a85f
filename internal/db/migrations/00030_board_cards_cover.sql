-- The board's cards are read from the index alone (issue 10). A board of
-- 1 000 tasks written over time lies in ~1 000 heap pages, shared with other
-- projects' tasks; when they are not cached (a board no one opened lately)
-- reading them was the board's whole cost (1 000 buffers, 13–17 ms). The
-- rank index now carries what a card shows, so the board reads ~20 index
-- pages in board order, without a sort.
--
-- * card_excerpt is the description's first 100 characters (ExcerptChars in
--   internal/board): an index may include columns, not expressions.
-- * blocked_reason (up to 500 characters) stays out, to keep the index row
--   well under btree's 2 704-byte limit: the few blocked cards' reasons are
--   read by id afterwards (BlockedReasons).
-- * workspace_id is included for the row-level policy.
-- * Every write of a task already changes an indexed column (board_seq, in
--   tasks_project_cover_idx), so none was a HOT update: widening this index
--   costs writes its extra bytes, not extra index entries.
-- * Index-only scans serve what vacuum marked all-visible: a board's pages
--   changed since the last vacuum are read from the heap as before (and
--   those are the ones likely cached).

-- +goose Up
ALTER TABLE tasks ADD COLUMN card_excerpt text NOT NULL GENERATED ALWAYS AS (left(description, 100)) STORED;
DROP INDEX tasks_board_rank_key;
CREATE UNIQUE INDEX tasks_board_rank_key ON tasks (project_id, board_column, rank)
    INCLUDE (workspace_id, id, title, card_excerpt, phase_id, due_date, assignee_label, origin, ticket_id, blocked_by_client, blocked_since)
    WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX tasks_board_rank_key;
CREATE UNIQUE INDEX tasks_board_rank_key ON tasks (project_id, board_column, rank) WHERE deleted_at IS NULL;
ALTER TABLE tasks DROP COLUMN card_excerpt;
