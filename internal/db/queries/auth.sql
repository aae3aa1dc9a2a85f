-- name: CreateUser :one
INSERT INTO users (email, name, password_hash, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
RETURNING *;

-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = lower(@email::text);

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: UpdateUserProfile :one
UPDATE users SET name = @name, locale = @locale, updated_at = @now WHERE id = @id RETURNING *;

-- name: UpdateUserPassword :exec
UPDATE users SET password_hash = @password_hash, updated_at = @now WHERE id = @id;

-- name: UpdateUserEmail :exec
UPDATE users SET email = @email, updated_at = @now WHERE id = @id;

-- name: DisableUser :exec
UPDATE users SET disabled_at = @now::timestamptz, updated_at = @now WHERE id = @id;

-- name: CreateSession :exec
INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, idle_timeout_secs, absolute_expires_at, ip, user_agent)
VALUES ($1, $2, $3, $3, $4, $5, $6, $7);

-- name: GetSession :one
SELECT s.*, u.email, u.name, u.locale, u.disabled_at
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1;

-- name: TouchSession :exec
UPDATE sessions SET last_seen_at = @now WHERE token_hash = @token_hash;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE token_hash = $1;

-- name: DeleteUserSessions :exec
DELETE FROM sessions WHERE user_id = $1;

-- name: DeleteOtherUserSessions :exec
DELETE FROM sessions WHERE user_id = @user_id AND token_hash <> @keep;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions
WHERE absolute_expires_at <= @now
   OR last_seen_at + make_interval(secs => idle_timeout_secs) <= @now;

-- name: RecordAuthFailure :one
INSERT INTO auth_failures (scope, key, at) VALUES ($1, $2, $3) RETURNING id;

-- name: DeleteAuthFailures :exec
-- Gives back the attempts a correct password had reserved.
DELETE FROM auth_failures WHERE id = ANY(@ids::bigint[]);

-- name: CountAuthFailures :one
-- Failures in the window and the oldest of them (to compute Retry-After).
SELECT count(*)::int AS failures, coalesce(min(at), @since::timestamptz)::timestamptz AS oldest
FROM auth_failures WHERE scope = @scope AND key = @key AND at > @since;

-- name: ClearAuthFailures :exec
DELETE FROM auth_failures WHERE scope = @scope AND key = @key;

-- name: PruneAuthFailures :execrows
DELETE FROM auth_failures WHERE at < @before;

-- name: CreatePasswordReset :exec
INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4);

-- name: CountRecentPasswordResets :one
SELECT count(*)::int FROM password_resets WHERE user_id = @user_id AND created_at > @since;

-- name: GetPasswordResetForUpdate :one
SELECT * FROM password_resets WHERE token_hash = $1 FOR UPDATE;

-- name: UsePasswordReset :exec
UPDATE password_resets SET used_at = @now::timestamptz WHERE token_hash = @token_hash;

-- name: InvalidateUserPasswordResets :exec
UPDATE password_resets SET used_at = @now::timestamptz WHERE user_id = @user_id AND used_at IS NULL;

-- name: LockAuthKey :exec
-- Held until the end of the transaction: one password check at a time per
-- account and per IP.
SELECT pg_advisory_xact_lock(hashtextextended('parvis-auth:' || @key::text, 0));
