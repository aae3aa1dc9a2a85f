-- Live streams across processes (issue 13).
--
-- The cap on streams per user holds across every `parvis serve` process:
-- each open stream holds a lease row here, taken under a per-user advisory
-- lock (count, then insert), renewed by its process every LeaseRenew and
-- deleted when the stream ends. A killed process renews nothing: its
-- leases expire after LeaseTTL and stop counting, so no slot stays taken.
-- Not a tenant table (a user's streams span workspaces): like sessions, it
-- is read and written outside any workspace scope.
--
-- Ending a session (logout, revocation, password change, expiry cleanup)
-- or disabling a user NOTIFYs « user:<id> » on the live channel: every
-- process wakes that user's streams, which check their session again and
-- end when it is gone.

-- +goose Up
CREATE TABLE live_streams (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX live_streams_user_idx ON live_streams (user_id, expires_at);
CREATE INDEX live_streams_expires_idx ON live_streams (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON live_streams TO parvis_app;

-- +goose StatementBegin
CREATE FUNCTION live_notify_sessions_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parvis_live', 'user:' || u.user_id::text)
    FROM (SELECT DISTINCT user_id FROM gone) u;
  RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER sessions_live_gone AFTER DELETE ON sessions
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION live_notify_sessions_gone();

-- +goose StatementBegin
CREATE FUNCTION live_notify_user_disabled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parvis_live', 'user:' || NEW.id::text);
  RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER users_live_disabled AFTER UPDATE OF disabled_at ON users
    FOR EACH ROW WHEN (NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL)
    EXECUTE FUNCTION live_notify_user_disabled();

-- +goose Down
DROP TRIGGER users_live_disabled ON users;
DROP FUNCTION live_notify_user_disabled();
DROP TRIGGER sessions_live_gone ON sessions;
DROP FUNCTION live_notify_sessions_gone();
DROP TABLE live_streams;
