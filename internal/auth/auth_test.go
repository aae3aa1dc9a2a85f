package auth_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/httpapi"
)

// Tests for points 1-8 of shared/guide/security.md. Each (sub)test runs
// the real API on its own database with a fake clock.

// --- helpers -------------------------------------------------------------

func login(c *apitest.Client, email, password string, remember bool) *apitest.Response {
	return c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password, "remember": remember})
}

// sessionCookieHeader returns the raw Set-Cookie header of the session
// cookie in r, or fails.
func sessionCookieHeader(t *testing.T, r *apitest.Response) string {
	t.Helper()
	for _, h := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(h, httpapi.SessionCookie+"=") {
			return h
		}
	}
	t.Fatalf("no %s cookie in %q", httpapi.SessionCookie, r.Header.Values("Set-Cookie"))
	return ""
}

// cookieAttrs splits a raw Set-Cookie header into its value and its
// attributes (lower-cased names; flags map to "").
func cookieAttrs(raw string) (value string, attrs map[string]string) {
	parts := strings.Split(raw, ";")
	_, value, _ = strings.Cut(strings.TrimSpace(parts[0]), "=")
	attrs = map[string]string{}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		attrs[strings.ToLower(k)] = v
	}
	return value, attrs
}

func requireProblem(t *testing.T, r *apitest.Response, status int, code string) apitest.Problem {
	t.Helper()
	require.Equal(t, status, r.Status, "body: %s", r.Body)
	p := r.Problem(t)
	require.Equal(t, code, p.Code, "body: %s", r.Body)
	return p
}

func requireFieldProblem(t *testing.T, r *apitest.Response, code, location string) {
	t.Helper()
	p := requireProblem(t, r, 422, code)
	require.NotEmpty(t, p.Errors, "body: %s", r.Body)
	require.Equal(t, location, p.Errors[0].Location, "body: %s", r.Body)
}

func sessionCount(t *testing.T, env *apitest.Env, user apitest.User) int {
	t.Helper()
	var n int
	require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT count(*) FROM sessions WHERE user_id = $1", user.ID).Scan(&n))
	return n
}

func sessionExists(t *testing.T, env *apitest.Env, cookie string) bool {
	t.Helper()
	var ok bool
	require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1)", auth.HashToken(cookie)).Scan(&ok))
	return ok
}

func me(c *apitest.Client) *apitest.Response { return c.Do("GET", "/api/v1/me", nil) }

func requireLoggedIn(t *testing.T, c *apitest.Client) {
	t.Helper()
	r := me(c)
	require.Equal(t, 200, r.Status, "GET /me: %s", r.Body)
}

func requireLoggedOut(t *testing.T, c *apitest.Client) {
	t.Helper()
	requireProblem(t, me(c), 401, "unauthenticated")
}

// mailCount waits until exactly want messages to `to` with subject are in
// the dev mailbox (and stay there for a moment when want is reached, so a
// late extra message is noticed).
func mailCount(t *testing.T, env *apitest.Env, to, subject string, want int) []string {
	t.Helper()
	count := func() []string {
		msgs, err := env.Mailbox.List()
		require.NoError(t, err)
		var texts []string
		for _, m := range msgs {
			if m.To == to && strings.Contains(m.Subject, subject) {
				texts = append(texts, m.Text)
			}
		}
		return texts
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if got := count(); len(got) >= want {
			require.Len(t, got, want, "too many emails to %s", to)
			return got
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("expected %d emails to %s with subject %q, got %d", want, to, subject, len(count()))
	return nil
}

// emailRows counts stored emails of a kind to an address (the outbox row is
// written in the request's transaction, so this is exact at once).
func emailRows(t *testing.T, env *apitest.Env, kind, to string) int {
	t.Helper()
	var n int
	require.NoError(t, env.DB.Super.QueryRow(context.Background(),
		"SELECT count(*) FROM emails WHERE kind = $1 AND to_address = $2", kind, to).Scan(&n))
	return n
}

// userWithWorkspace creates a user who belongs to a workspace (account
// emails are branded with, and sent through, the user's workspace).
func userWithWorkspace(env *apitest.Env, email, slug string) apitest.User {
	u := env.CreateUser(email)
	env.CreateWorkspace(slug, u)
	return u
}

// --- 1, 2: tokens and cookie -------------------------------------------

func TestSession_TokenAndCookie(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := env.CreateUser("ana@example.com")

	seen := map[string]bool{}
	c := env.Client()
	for i := range 3 {
		// Same browser logging in again still gets a brand-new token.
		r := login(c, u.Email, u.Password, false)
		require.Equal(t, 200, r.Status, "login: %s", r.Body)
		raw := sessionCookieHeader(t, r)
		value, attrs := cookieAttrs(raw)

		decoded, err := base64.RawURLEncoding.DecodeString(value)
		require.NoError(t, err, "token %q should be base64url", value)
		require.GreaterOrEqual(t, len(decoded)*8, 128, "token must carry at least 128 bits")
		require.False(t, seen[value], "login %d reused a token", i)
		seen[value] = true
		require.Equal(t, value, c.Session)

		require.Equal(t, httpapi.SessionCookie, "__Host-parvis_session")
		require.Contains(t, attrs, "secure", raw)
		require.Contains(t, attrs, "httponly", raw)
		require.Equal(t, "/", attrs["path"], raw)
		require.NotContains(t, attrs, "domain", raw)
		require.Equal(t, "lax", strings.ToLower(attrs["samesite"]), raw)
		require.NotContains(t, attrs, "max-age", "a session without remember-me is a browser-session cookie: %s", raw)
		require.NotContains(t, attrs, "expires", raw)
	}

	// Stored hashed: no column of any session row contains a cookie value.
	rows, err := env.DB.Super.Query(context.Background(), "SELECT s::text, token_hash FROM sessions s WHERE user_id = $1", u.ID)
	require.NoError(t, err)
	n := 0
	for rows.Next() {
		var text string
		var hash []byte
		require.NoError(t, rows.Scan(&text, &hash))
		n++
		for v := range seen {
			require.NotContains(t, text, v)
			require.NotEqual(t, []byte(v), hash)
			decoded, _ := base64.RawURLEncoding.DecodeString(v)
			require.NotEqual(t, decoded, hash)
			require.False(t, bytes.Contains(hash, []byte(v)))
		}
	}
	require.NoError(t, rows.Err())
	require.Equal(t, 3, n, "one session row per login")
	for v := range seen {
		require.True(t, sessionExists(t, env, v), "the row is found by the token's hash")
	}

	// Remember me: persistent cookie of 12 h, same attributes otherwise.
	r := login(env.Client(), u.Email, u.Password, true)
	require.Equal(t, 200, r.Status)
	raw := sessionCookieHeader(t, r)
	_, attrs := cookieAttrs(raw)
	require.Equal(t, "43200", attrs["max-age"], raw)
	require.Contains(t, attrs, "secure", raw)
	require.Contains(t, attrs, "httponly", raw)
	require.Equal(t, "/", attrs["path"], raw)
	require.NotContains(t, attrs, "domain", raw)
	require.Equal(t, "lax", strings.ToLower(attrs["samesite"]), raw)
}

// --- 3: timeouts ----------------------------------------------------------

func TestSession_Timeouts(t *testing.T) {
	t.Parallel()

	t.Run("Idle30Minutes", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("idle@example.com")
		c := env.Client()
		c.Login(u.Email, u.Password)
		cookie := c.Session

		env.Clock.Advance(29 * time.Minute)
		requireLoggedIn(t, c)
		var lastSeen time.Time
		require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT last_seen_at FROM sessions WHERE token_hash = $1", auth.HashToken(cookie)).Scan(&lastSeen))
		require.True(t, lastSeen.Equal(env.Clock.Now()), "activity refreshes last_seen_at: got %s, want %s", lastSeen, env.Clock.Now())

		// 29 + 29 min since login, 29 min since the last request: alive.
		env.Clock.Advance(29 * time.Minute)
		requireLoggedIn(t, c)

		env.Clock.Advance(31 * time.Minute)
		requireLoggedOut(t, c)
		require.False(t, sessionExists(t, env, cookie), "an expired session is deleted")
	})

	t.Run("Absolute12HoursDespiteActivity", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("busy@example.com")
		c := env.Client()
		c.Login(u.Email, u.Password)
		cookie := c.Session
		elapsed := time.Duration(0)
		for elapsed+20*time.Minute < 12*time.Hour {
			env.Clock.Advance(20 * time.Minute)
			elapsed += 20 * time.Minute
			require.Equal(t, 200, me(c).Status, "active session at %s", elapsed)
		}
		env.Clock.Advance(12*time.Hour - elapsed)
		requireLoggedOut(t, c)
		require.False(t, sessionExists(t, env, cookie))
	})

	t.Run("RememberMeExtendsIdleNotAbsolute", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("remember@example.com")
		c := env.Client()
		require.Equal(t, 200, login(c, u.Email, u.Password, true).Status)
		cookie := c.Session

		env.Clock.Advance(31 * time.Minute)
		requireLoggedIn(t, c) // idle longer than 30 min: still in
		env.Clock.Advance(12*time.Hour - 31*time.Minute - time.Minute)
		requireLoggedIn(t, c) // 11 h 59 min after login
		env.Clock.Advance(time.Minute)
		requireLoggedOut(t, c) // 12 h: over, however recent the activity
		require.False(t, sessionExists(t, env, cookie))
	})
}

// A workspace route checks the session inside its own transaction
// (httpapi.InWorkspace): the same timeouts, the same touch at most once a
// minute, the same deletion of an expired session, the same refusal of a
// disabled user, even when the request itself fails.
func TestSession_TimeoutsOnWorkspaceRoutes(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := env.CreateUser("wsidle@example.com")
	ws := env.CreateWorkspace("ws-idle", u)
	c := env.Client()
	c.Login(u.Email, u.Password)
	cookie := c.Session
	projects := "/api/v1/w/" + ws.Slug + "/projects"
	lastSeen := func() time.Time {
		var at time.Time
		require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT last_seen_at FROM sessions WHERE token_hash = $1", auth.HashToken(cookie)).Scan(&at))
		return at
	}
	login := lastSeen()

	env.Clock.Advance(30 * time.Second)
	require.Equal(t, 200, c.Do("GET", projects, nil).Status)
	require.True(t, lastSeen().Equal(login), "no touch within a minute")

	env.Clock.Advance(29 * time.Minute)
	require.Equal(t, 200, c.Do("GET", projects, nil).Status)
	require.True(t, lastSeen().Equal(env.Clock.Now()), "a workspace request refreshes last_seen_at")

	// A failed request (another workspace: 404) still counts as activity.
	env.Clock.Advance(29 * time.Minute)
	requireProblem(t, c.Do("GET", "/api/v1/w/no-such-ws/projects", nil), 404, "not_found")
	require.True(t, lastSeen().Equal(env.Clock.Now()), "a failed request refreshes last_seen_at too")

	env.Clock.Advance(31 * time.Minute)
	requireProblem(t, c.Do("GET", projects, nil), 401, "unauthenticated")
	require.False(t, sessionExists(t, env, cookie), "an expired session is deleted")

	// A disabled user is refused at once, and the session goes.
	c.Login(u.Email, u.Password)
	cookie = c.Session
	require.Equal(t, 200, c.Do("GET", projects, nil).Status)
	_, err := env.DB.Super.Exec(context.Background(), "UPDATE users SET disabled_at = now() WHERE id = $1", u.ID)
	require.NoError(t, err)
	requireProblem(t, c.Do("GET", projects, nil), 401, "unauthenticated")
	require.False(t, sessionExists(t, env, cookie), "a disabled user's session is deleted")
}

// --- 4: invalidation ------------------------------------------------------

func TestSession_Invalidation(t *testing.T) {
	t.Parallel()

	t.Run("LogoutEndsServerSession", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("out@example.com")
		c := env.Client()
		c.Login(u.Email, u.Password)
		old := c.Session
		r := c.Do("POST", "/api/v1/auth/logout", nil)
		require.Equal(t, 204, r.Status, "%s", r.Body)
		_, attrs := cookieAttrs(sessionCookieHeader(t, r))
		require.Contains(t, attrs, "max-age", "logout expires the cookie")
		require.Empty(t, c.Session)
		require.False(t, sessionExists(t, env, old))

		replay := env.Client()
		replay.Session = old
		requireLoggedOut(t, replay)
	})

	t.Run("RevokeOthers", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("multi@example.com")
		other := env.CreateUser("other@example.com")
		a, b, c, o := env.Client(), env.Client(), env.Client(), env.Client()
		a.Login(u.Email, u.Password)
		b.Login(u.Email, u.Password)
		c.Login(u.Email, u.Password)
		o.Login(other.Email, other.Password)

		require.Equal(t, 204, a.Do("POST", "/api/v1/me/sessions/revoke-others", nil).Status)
		requireLoggedIn(t, a)
		requireLoggedOut(t, b)
		requireLoggedOut(t, c)
		requireLoggedIn(t, o) // another account is untouched
		require.Equal(t, 1, sessionCount(t, env, u))
	})

	t.Run("ChangePasswordEndOtherSessions", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("change@example.com")
		a, b, c := env.Client(), env.Client(), env.Client()
		a.Login(u.Email, u.Password)
		b.Login(u.Email, u.Password)

		// Without the option, other sessions stay.
		r := a.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": u.Password, "newPassword": "first new passphrase"})
		require.Equal(t, 204, r.Status, "%s", r.Body)
		requireLoggedIn(t, b)

		c.Login(u.Email, "first new passphrase")
		r = a.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": "first new passphrase", "newPassword": "second new passphrase", "endOtherSessions": true})
		require.Equal(t, 204, r.Status, "%s", r.Body)
		requireLoggedIn(t, a)
		requireLoggedOut(t, b)
		requireLoggedOut(t, c)
		require.Equal(t, 1, sessionCount(t, env, u))

		requireProblem(t, login(env.Client(), u.Email, u.Password, false), 401, "invalid_credentials")
		requireProblem(t, login(env.Client(), u.Email, "first new passphrase", false), 401, "invalid_credentials")
		require.Equal(t, 200, login(env.Client(), u.Email, "second new passphrase", false).Status)

		// A wrong current password changes nothing.
		r = a.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": "not it at all", "newPassword": "third new passphrase", "endOtherSessions": true})
		requireFieldProblem(t, r, "wrong_password", "body.currentPassword")
		require.Equal(t, 2, sessionCount(t, env, u))
	})

	t.Run("RemovedMemberLosesSessions", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		admin := env.CreateUser("admin@example.com")
		client := env.CreateUser("client@example.com")
		ws := env.CreateWorkspace("studio", admin)
		env.CreateProject(ws, "Site", client)
		ac, cc, cc2 := env.Client(), env.Client(), env.Client()
		ac.Login(admin.Email, admin.Password)
		cc.Login(client.Email, client.Password)
		cc2.Login(client.Email, client.Password)
		require.Equal(t, 200, cc.Do("GET", "/api/v1/w/studio/projects", nil).Status)

		r := ac.Do("DELETE", fmt.Sprintf("/api/v1/w/studio/members/%s", client.ID), nil)
		require.Equal(t, 204, r.Status, "%s", r.Body)
		requireLoggedOut(t, cc)
		requireLoggedOut(t, cc2)
		require.Zero(t, sessionCount(t, env, client))
		requireLoggedIn(t, ac)
	})

	t.Run("DisabledUserRefused", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := env.CreateUser("gone@example.com")
		c := env.Client()
		c.Login(u.Email, u.Password)
		_, err := env.DB.Super.Exec(context.Background(), "UPDATE users SET disabled_at = $1 WHERE id = $2", env.Clock.Now(), u.ID)
		require.NoError(t, err)
		requireLoggedOut(t, c)
		require.Zero(t, sessionCount(t, env, u))
		requireProblem(t, login(env.Client(), u.Email, u.Password, false), 401, "invalid_credentials")
		require.Zero(t, sessionCount(t, env, u))
	})
}

// --- 5: passwords ---------------------------------------------------------

var phcArgon2id = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestPasswords(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := userWithWorkspace(env, "pw@example.com", "pw")
	c := env.Client()
	c.Login(u.Email, u.Password)

	storedHash := func() string {
		var h string
		require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT password_hash FROM users WHERE id = $1", u.ID).Scan(&h))
		return h
	}
	change := func(current, next string) *apitest.Response {
		return c.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": current, "newPassword": next})
	}

	bad := []struct{ pw, code string }{
		{"abcdefg", "password_too_short"}, // 7
		{"éèàùçôî", "password_too_short"}, // 7 characters, 14 bytes
		{strings.Repeat("k", 129), "password_too_long"},
		{"password123", "password_too_common"},
		{"Azertyuiop", "password_too_common"},
	}

	// Change password: the field is body.newPassword.
	for _, b := range bad {
		requireFieldProblem(t, change(u.Password, b.pw), b.code, "body.newPassword")
	}

	// Reset confirmation: the field is body.password (a real, unused token).
	require.Equal(t, 202, env.Client().Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": u.Email}).Status)
	_, links := env.WaitMail(u.Email, "Réinitialisez")
	require.Len(t, links, 1)
	token := apitest.TokenFrom(links[0])
	for _, b := range bad {
		r := env.Client().Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": token, "password": b.pw})
		requireFieldProblem(t, r, b.code, "body.password")
	}
	// None of that changed the password.
	requireProblem(t, login(env.Client(), u.Email, "abcdefg", false), 401, "invalid_credentials")
	require.Equal(t, 200, login(env.Client(), u.Email, u.Password, false).Status)

	// Accepted: 8 characters, all lower-case (no composition rules), 64,
	// 128, and 8 accented characters. Each is stored as argon2id.
	current := u.Password
	for _, pw := range []string{
		"qzmxnwbv",
		strings.Repeat("lowercaseonly", 5)[:64],
		strings.Repeat("abcdefghijklmnop", 8),
		"éèàùçôîâ",
	} {
		r := change(current, pw)
		require.Equal(t, 204, r.Status, "new password of %d characters: %s", len([]rune(pw)), r.Body)
		current = pw
		h := storedHash()
		require.Regexp(t, phcArgon2id, h)
		require.NotContains(t, h, pw)
		require.Equal(t, 200, login(env.Client(), u.Email, pw, false).Status)
	}
	// The reset token was spent by the password change.
	r := env.Client().Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": token, "password": "yet another passphrase"})
	requireProblem(t, r, 410, "token_used")
}

// --- 6: brute force -------------------------------------------------------

func TestLoginThrottle_PerAccount(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := env.CreateUser("target@example.com")

	for i := range 10 {
		r := login(env.Client(), u.Email, fmt.Sprintf("wrong guess %d", i), false)
		requireProblem(t, r, 401, "invalid_credentials")
	}
	r := login(env.Client(), u.Email, u.Password, false)
	requireProblem(t, r, 429, "too_many_attempts")
	secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After %q", r.Header.Get("Retry-After"))
	require.Greater(t, secs, 0)
	require.LessOrEqual(t, secs, 900)
	require.Empty(t, sessionCookieHeaders(r), "no session while throttled")
	require.Zero(t, sessionCount(t, env, u))

	// Another account from the same IP is not locked by this one.
	other := env.CreateUser("bystander@example.com")
	require.Equal(t, 200, login(env.Client(), other.Email, other.Password, false).Status)

	env.Clock.Advance(14 * time.Minute)
	requireProblem(t, login(env.Client(), u.Email, u.Password, false), 429, "too_many_attempts")

	env.Clock.Advance(time.Minute + time.Second)
	r = login(env.Client(), u.Email, u.Password, false)
	require.Equal(t, 200, r.Status, "the lock clears by itself: %s", r.Body)
}

func sessionCookieHeaders(r *apitest.Response) []string {
	var out []string
	for _, h := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(h, httpapi.SessionCookie+"=") {
			out = append(out, h)
		}
	}
	return out
}

func TestLoginThrottle_PerIP(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	var users []apitest.User
	for i := range 6 {
		users = append(users, env.CreateUser(fmt.Sprintf("u%d@example.com", i)))
	}
	attacker := env.Client()
	attacker.Headers["X-Forwarded-For"] = "203.0.113.7"

	// 50 failures spread over 5 accounts (10 each: none is locked yet).
	for i := range 50 {
		r := login(attacker, users[i%5].Email, "not the password", false)
		requireProblem(t, r, 401, "invalid_credentials")
	}
	// The 51st from that IP, on a fresh account with the right password.
	r := login(attacker, users[5].Email, users[5].Password, false)
	requireProblem(t, r, 429, "too_many_attempts")
	secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
	require.NoError(t, err)
	require.Greater(t, secs, 0)
	require.LessOrEqual(t, secs, 900)

	// Another client IP behind the same trusted proxy is not throttled.
	other := env.Client()
	other.Headers["X-Forwarded-For"] = "198.51.100.23"
	require.Equal(t, 200, login(other, users[5].Email, users[5].Password, false).Status)

	// X-Forwarded-For is read from the right: a forged left-most entry does
	// not get the attacker out of its bucket.
	spoof := env.Client()
	spoof.Headers["X-Forwarded-For"] = "198.51.100.99, 203.0.113.7"
	requireProblem(t, login(spoof, users[5].Email, users[5].Password, false), 429, "too_many_attempts")

	env.Clock.Advance(15*time.Minute + time.Second)
	require.Equal(t, 200, login(attacker, users[5].Email, users[5].Password, false).Status)
}

func TestLogin_UnknownEmailLooksLikeWrongPassword(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := env.CreateUser("known@example.com")

	fields := func(r *apitest.Response) map[string]any {
		var m map[string]any
		require.NoError(t, json.Unmarshal(r.Body, &m), "%s", r.Body)
		return m
	}
	known := login(env.Client(), u.Email, "wrong password", false)
	unknown := login(env.Client(), "nobody@example.com", "wrong password", false)
	require.Equal(t, 401, known.Status)
	require.Equal(t, known.Status, unknown.Status)
	require.Equal(t, known.Header.Get("Content-Type"), unknown.Header.Get("Content-Type"))
	kf, uf := fields(known), fields(unknown)
	require.NotEmpty(t, kf["requestId"])
	require.NotEqual(t, kf["requestId"], uf["requestId"])
	delete(kf, "requestId")
	delete(uf, "requestId")
	require.Equal(t, kf, uf, "same body apart from the request ID")
	for _, k := range []string{"code", "title", "status", "detail"} {
		require.Contains(t, kf, k)
	}

	// Timing: both paths run argon2. Interleave to share the noise.
	timeLogin := func(email string) time.Duration {
		start := time.Now()
		r := login(env.Client(), email, "wrong password", false)
		d := time.Since(start)
		require.Equal(t, 401, r.Status)
		return d
	}
	var kt, ut []time.Duration
	for i := range 5 {
		kt = append(kt, timeLogin(u.Email))
		ut = append(ut, timeLogin(fmt.Sprintf("ghost%d@example.com", i)))
	}
	median := func(ds []time.Duration) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[len(s)/2]
	}
	km, um := median(kt), median(ut)
	t.Logf("median login time: known email %s, unknown email %s", km, um)
	require.Less(t, km, 3*um, "known-email failures are much slower than unknown-email ones")
	require.Less(t, um, 3*km, "unknown-email failures are much slower than known-email ones")
}

// --- 7: password reset ----------------------------------------------------

func requestReset(t *testing.T, env *apitest.Env, email string) {
	t.Helper()
	r := env.Client().Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": email})
	require.Equal(t, 202, r.Status, "%s", r.Body)
}

func confirmReset(c *apitest.Client, token, password string) *apitest.Response {
	return c.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": token, "password": password})
}

func TestPasswordReset(t *testing.T) {
	t.Parallel()

	t.Run("SameAnswerAndConfiguredLinkHost", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := userWithWorkspace(env, "reset@example.com", "rs")

		post := func(email string) (int, []byte) {
			body, _ := json.Marshal(map[string]string{"email": email})
			req, err := http.NewRequest("POST", env.Server.URL+"/api/v1/auth/password-reset", bytes.NewReader(body))
			require.NoError(t, err)
			req.Host = "evil.example"
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-Host", "evil.example")
			req.Header.Set("X-Forwarded-Proto", "https")
			req.Header.Set("Forwarded", "host=evil.example;proto=https")
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, b
		}
		ks, kb := post(u.Email)
		us, ub := post("stranger@example.com")
		require.Equal(t, 202, ks, "%s", kb)
		require.Equal(t, ks, us)
		require.Equal(t, kb, ub)
		require.Zero(t, emailRows(t, env, "password_reset", "stranger@example.com"))

		msg, links := env.WaitMail(u.Email, "Réinitialisez")
		require.Len(t, links, 1, "text: %s", msg.Text)
		require.True(t, strings.HasPrefix(links[0], "http://portal.test/reinitialiser?token="), "link %s", links[0])
		require.NotContains(t, msg.Text, "evil.example")
		require.NotContains(t, msg.HTML, "evil.example")
		require.Contains(t, msg.HTML, links[0])
		tok, err := base64.RawURLEncoding.DecodeString(apitest.TokenFrom(links[0]))
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(tok)*8, 128)

		// Stored hashed.
		var stored []byte
		require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT token_hash FROM password_resets WHERE user_id = $1", u.ID).Scan(&stored))
		require.NotContains(t, string(stored), apitest.TokenFrom(links[0]))
		require.Equal(t, auth.HashToken(apitest.TokenFrom(links[0])), stored)
	})

	t.Run("SingleUseEndsSessions", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := userWithWorkspace(env, "once@example.com", "once")
		old1, old2 := env.Client(), env.Client()
		old1.Login(u.Email, u.Password)
		old2.Login(u.Email, u.Password)

		requestReset(t, env, u.Email)
		_, links := env.WaitMail(u.Email, "Réinitialisez")
		token := apitest.TokenFrom(links[0])

		fresh := env.Client()
		r := confirmReset(fresh, token, "brand new passphrase")
		require.Equal(t, 200, r.Status, "%s", r.Body)
		sessionCookieHeader(t, r)
		require.NotEmpty(t, fresh.Session)
		requireLoggedIn(t, fresh)
		requireLoggedOut(t, old1)
		requireLoggedOut(t, old2)
		require.Equal(t, 1, sessionCount(t, env, u))

		requireProblem(t, confirmReset(env.Client(), token, "another passphrase"), 410, "token_used")
		requireProblem(t, login(env.Client(), u.Email, u.Password, false), 401, "invalid_credentials")
		require.Equal(t, 200, login(env.Client(), u.Email, "brand new passphrase", false).Status)
	})

	t.Run("ExpiresAfter60Minutes", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := userWithWorkspace(env, "late@example.com", "late")
		requestReset(t, env, u.Email)
		_, links := env.WaitMail(u.Email, "Réinitialisez")
		token := apitest.TokenFrom(links[0])

		env.Clock.Advance(61 * time.Minute)
		requireProblem(t, confirmReset(env.Client(), token, "brand new passphrase"), 410, "token_expired")
		requireProblem(t, confirmReset(env.Client(), "garbage", "brand new passphrase"), 404, "token_invalid")
		requireProblem(t, confirmReset(env.Client(), token[:len(token)-1]+"x", "brand new passphrase"), 404, "token_invalid")
		require.Equal(t, 200, login(env.Client(), u.Email, u.Password, false).Status, "password unchanged")
	})

	t.Run("ThreeMailsPerHour", func(t *testing.T) {
		t.Parallel()
		env := apitest.New(t)
		u := userWithWorkspace(env, "spam@example.com", "spam")
		for range 3 {
			requestReset(t, env, u.Email)
		}
		requestReset(t, env, u.Email) // still 202, but no mail
		require.Equal(t, 3, emailRows(t, env, "password_reset", u.Email))
		mailCount(t, env, u.Email, "Réinitialisez", 3)
		time.Sleep(300 * time.Millisecond) // a 4th would have been delivered by now
		mailCount(t, env, u.Email, "Réinitialisez", 3)

		env.Clock.Advance(59 * time.Minute)
		requestReset(t, env, u.Email)
		require.Equal(t, 3, emailRows(t, env, "password_reset", u.Email), "still within the hour")

		env.Clock.Advance(time.Minute + time.Second)
		requestReset(t, env, u.Email)
		require.Equal(t, 4, emailRows(t, env, "password_reset", u.Email), "an hour later, allowed again")
		mailCount(t, env, u.Email, "Réinitialisez", 4)
	})
}

// --- 8: email change ------------------------------------------------------

func TestEmailChange(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	u := userWithWorkspace(env, "old@example.com", "mail")
	taken := env.CreateUser("taken@example.com")
	c := env.Client()
	c.Login(u.Email, u.Password)

	emailOf := func() string {
		var e string
		require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT email FROM users WHERE id = $1", u.ID).Scan(&e))
		return e
	}

	r := c.Do("POST", "/api/v1/me/email", map[string]any{"password": "not my password", "newEmail": "new@example.com"})
	requireFieldProblem(t, r, "wrong_password", "body.password")
	require.Equal(t, u.Email, emailOf())
	require.Zero(t, emailRows(t, env, "email_changed", u.Email))

	r = c.Do("POST", "/api/v1/me/email", map[string]any{"password": u.Password, "newEmail": strings.ToUpper(taken.Email)})
	requireFieldProblem(t, r, "email_taken", "body.newEmail")
	require.Equal(t, u.Email, emailOf())

	r = c.Do("POST", "/api/v1/me/email", map[string]any{"password": u.Password, "newEmail": "New@Example.com"})
	require.Equal(t, 204, r.Status, "%s", r.Body)
	require.Equal(t, "new@example.com", emailOf())

	msg, _ := env.WaitMail(u.Email, "adresse e-mail")
	require.Contains(t, msg.Text, "new@example.com")
	require.Equal(t, 1, emailRows(t, env, "email_changed", u.Email))
	require.Zero(t, emailRows(t, env, "email_changed", "new@example.com"))

	requireProblem(t, login(env.Client(), u.Email, u.Password, false), 401, "invalid_credentials")
	require.Equal(t, 200, login(env.Client(), "new@example.com", u.Password, false).Status)
	var body struct {
		User struct {
			Email string `json:"email"`
		} `json:"user"`
	}
	me(c).JSON(t, &body)
	require.Equal(t, "new@example.com", body.User.Email)
}
