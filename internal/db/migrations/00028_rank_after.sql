-- +goose Up
-- The rank after a (the end of a column), exactly as board.Between(a, "")
-- computes it in Go: a task create reads the column's last rank and writes
-- the task in one statement (one round trip) instead of two. Keys are
-- base-62 digits 0-9A-Za-z; after a run of 'z' the next digit is raised,
-- past the end a '1' is appended; an empty column starts at 'V'.
-- TestRankAfterMatchesBetween holds it to the Go code.
-- +goose StatementBegin
CREATE FUNCTION board_rank_after(a text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN a IS NULL OR a = '' THEN 'V'
    WHEN length(substring(a FROM '^z*')) = length(a) THEN a || '1'
    ELSE substring(a FROM '^z*')
         || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
                   strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
                          substr(a, length(substring(a FROM '^z*')) + 1, 1)) + 1, 1)
  END
$$;
-- +goose StatementEnd
GRANT EXECUTE ON FUNCTION board_rank_after(text) TO parvis_app;

-- +goose Down
DROP FUNCTION board_rank_after(text);
