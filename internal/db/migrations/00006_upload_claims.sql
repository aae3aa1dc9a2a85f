-- A confirm claims its upload for a short lease instead of for ever: if the
-- server dies between moving the bytes and filing them, the claim lapses and
-- a retry (or the expiry job) takes over. claimed_at is also the claim's
-- token: a confirm whose lease was taken over cannot file or refuse.

-- +goose Up
ALTER TABLE uploads ADD COLUMN claimed_at timestamptz;

-- +goose Down
ALTER TABLE uploads DROP COLUMN claimed_at;
