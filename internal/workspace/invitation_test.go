package workspace_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/db/dbq"
)

// Invitations (security guide point 7), the admin-only people routes (12),
// request hygiene (13, 15) and the workspace settings and logo.

type fixture struct {
	env      *apitest.Env
	admin    apitest.User
	ws       apitest.Workspace
	project  uuid.UUID // the project invitations are for
	other    uuid.UUID // another project of the same workspace
	adminCli *apitest.Client
	seen     map[string]bool // invitation tokens already read from emails
}

func setup(t *testing.T) *fixture {
	t.Helper()
	env := apitest.New(t)
	admin := env.CreateUser("admin@studio.example")
	ws := env.CreateWorkspace("studio", admin)
	f := &fixture{env: env, admin: admin, ws: ws, seen: map[string]bool{},
		project: env.CreateProject(ws, "Site vitrine"),
		other:   env.CreateProject(ws, "Application"),
	}
	f.adminCli = env.Client()
	f.adminCli.Login(admin.Email, admin.Password)
	return f
}

func (f *fixture) invitePath() string {
	return fmt.Sprintf("/api/v1/w/%s/projects/%s/invitations", f.ws.Slug, f.project)
}

type invitation struct {
	ID        uuid.UUID `json:"id"`
	Email     string    `json:"email"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// invite has the admin invite email and returns the invitation and the
// token of the link mailed for it (the n-th such email to that address).
func (f *fixture) invite(t *testing.T, email string, n int) (invitation, string) {
	t.Helper()
	r := f.adminCli.Do("POST", f.invitePath(), map[string]any{"email": email})
	require.Equal(t, 201, r.Status, "invite: %s", r.Body)
	var inv invitation
	r.JSON(t, &inv)
	return inv, f.waitLink(t, email, n)
}

// waitLink waits for the n-th invitation email to `to` and returns the
// token of its link, checking the link is on the configured origin.
func (f *fixture) waitLink(t *testing.T, to string, n int) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msgs, err := f.env.Mailbox.List()
		require.NoError(t, err)
		var texts []string
		for _, m := range msgs {
			if m.To == to && strings.Contains(m.Subject, "vous invite") {
				texts = append(texts, m.Text)
			}
		}
		if len(texts) >= n {
			require.Len(t, texts, n, "more invitation emails than expected")
			// The new email is the one whose link was not returned before
			// (messages sent at the same fake time have no order).
			var fresh []string
			for _, text := range texts {
				links := linksIn(text)
				require.Len(t, links, 1, "text: %s", text)
				require.True(t, strings.HasPrefix(links[0], "http://portal.test/invitation/"), "link %s", links[0])
				if tok := apitest.TokenFrom(links[0]); !f.seen[tok] {
					fresh = append(fresh, tok)
				}
			}
			require.Len(t, fresh, 1, "exactly one new invitation link")
			f.seen[fresh[0]] = true
			return fresh[0]
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("no invitation email #%d to %s", n, to)
	return ""
}

func linksIn(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://") {
			out = append(out, w)
		}
	}
	return out
}

func requireProblem(t *testing.T, r *apitest.Response, status int, code string) apitest.Problem {
	t.Helper()
	require.Equal(t, status, r.Status, "body: %s", r.Body)
	p := r.Problem(t)
	require.Equal(t, code, p.Code, "body: %s", r.Body)
	return p
}

func requireField(t *testing.T, p apitest.Problem, location string) {
	t.Helper()
	var locs []string
	for _, e := range p.Errors {
		locs = append(locs, e.Location)
	}
	require.Contains(t, locs, location)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func count(t *testing.T, env *apitest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, env.DB.Super.QueryRow(context.Background(), query, args...).Scan(&n))
	return n
}

type preview struct {
	Email     string `json:"email"`
	Workspace struct {
		Name string `json:"name"`
		Slug string `json:"slug"`
	} `json:"workspace"`
	ProjectName  *string   `json:"projectName"`
	InviterName  string    `json:"inviterName"`
	ExistingUser bool      `json:"existingUser"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

func accept(c *apitest.Client, token string, body map[string]any) *apitest.Response {
	return c.Do("POST", "/api/v1/invitations/"+token+"/accept", body)
}

func projectNames(t *testing.T, c *apitest.Client, slug string) []string {
	t.Helper()
	r := c.Do("GET", "/api/v1/w/"+slug+"/projects", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var out struct {
		Projects []struct {
			Name string `json:"name"`
		} `json:"projects"`
	}
	r.JSON(t, &out)
	var names []string
	for _, p := range out.Projects {
		names = append(names, p.Name)
	}
	return names
}

func TestInvitation(t *testing.T) {
	t.Parallel()

	t.Run("InviteAcceptNewAccount", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		r := f.adminCli.Do("POST", f.invitePath(), map[string]any{"email": "Claire@Client.example"})
		require.Equal(t, 201, r.Status, "invite: %s", r.Body)
		var inv invitation
		r.JSON(t, &inv)
		require.Equal(t, "claire@client.example", inv.Email)
		token := f.waitLink(t, "claire@client.example", 1) // mailed to the normalised address
		require.Equal(t, f.env.Clock.Now().Add(7*24*time.Hour), inv.ExpiresAt.UTC())

		// Stored hashed: the raw token is nowhere in the invitations table.
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM invitations i WHERE i::text LIKE '%' || $1 || '%'", token))

		anon := f.env.Client()
		r = anon.Do("GET", "/api/v1/invitations/"+token, nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var pv preview
		r.JSON(t, &pv)
		require.Equal(t, "claire@client.example", pv.Email)
		require.Equal(t, "studio", pv.Workspace.Slug)
		require.NotNil(t, pv.ProjectName)
		require.Equal(t, "Site vitrine", *pv.ProjectName)
		require.Equal(t, "admin", pv.InviterName)
		require.False(t, pv.ExistingUser)

		r = accept(anon, token, map[string]any{"name": "Claire", "password": "claire's own passphrase"})
		require.Equal(t, 200, r.Status, "%s", r.Body)
		require.NotEmpty(t, r.Header.Values("Set-Cookie"))
		require.NotEmpty(t, anon.Session)
		require.Equal(t, []string{"Site vitrine"}, projectNames(t, anon, "studio"), "the client sees only the project it was invited to")
		require.ElementsMatch(t, []string{"Site vitrine", "Application"}, projectNames(t, f.adminCli, "studio"))

		// The client's role is client: the admin routes are closed.
		requireProblem(t, anon.Do("GET", "/api/v1/w/studio/members", nil), 403, "forbidden")

		// The account works with its password.
		again := f.env.Client()
		again.Login("claire@client.example", "claire's own passphrase")

		// Single use.
		requireProblem(t, accept(f.env.Client(), token, map[string]any{"name": "Mallory", "password": "mallory's passphrase"}), 410, "invitation_used")
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+token, nil), 410, "invitation_used")
		require.Equal(t, 1, count(t, f.env, "SELECT count(*) FROM users WHERE email = 'claire@client.example'"))
	})

	t.Run("Expired", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		_, token := f.invite(t, "late@client.example", 1)
		f.env.Clock.Advance(7*24*time.Hour - time.Minute)
		require.Equal(t, 200, f.env.Client().Do("GET", "/api/v1/invitations/"+token, nil).Status, "still valid a minute before")
		f.env.Clock.Advance(2 * time.Minute)
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+token, nil), 410, "invitation_expired")
		requireProblem(t, accept(f.env.Client(), token, map[string]any{"name": "Late", "password": "late comer passphrase"}), 410, "invitation_expired")
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM users WHERE email = 'late@client.example'"))
	})

	t.Run("RevokedAndGarbage", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		inv, token := f.invite(t, "nope@client.example", 1)
		r := f.adminCli.Do("DELETE", fmt.Sprintf("/api/v1/w/studio/invitations/%s", inv.ID), nil)
		require.Equal(t, 204, r.Status, "%s", r.Body)
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+token, nil), 404, "invitation_invalid")
		requireProblem(t, accept(f.env.Client(), token, map[string]any{"name": "Nope", "password": "some passphrase"}), 404, "invitation_invalid")
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/garbage", nil), 404, "invitation_invalid")
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+token[:len(token)-2]+"zz", nil), 404, "invitation_invalid")
		// Revoking twice: no longer pending.
		require.Equal(t, 409, f.adminCli.Do("DELETE", fmt.Sprintf("/api/v1/w/studio/invitations/%s", inv.ID), nil).Status)
	})

	t.Run("ResendReplacesLink", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		inv, old := f.invite(t, "again@client.example", 1)
		f.env.Clock.Advance(6 * 24 * time.Hour)
		f.adminCli.Login(f.admin.Email, f.admin.Password) // the old session is long gone
		r := f.adminCli.Do("POST", fmt.Sprintf("/api/v1/w/studio/invitations/%s/resend", inv.ID), nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var renewed invitation
		r.JSON(t, &renewed)
		require.Equal(t, inv.ID, renewed.ID)
		require.Equal(t, f.env.Clock.Now().Add(7*24*time.Hour), renewed.ExpiresAt.UTC(), "a fresh 7 days")
		fresh := f.waitLink(t, "again@client.example", 2)
		require.NotEqual(t, old, fresh)

		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+old, nil), 404, "invitation_invalid")
		f.env.Clock.Advance(2 * 24 * time.Hour) // past the first link's expiry
		c := f.env.Client()
		r = accept(c, fresh, map[string]any{"name": "Again", "password": "again and again"})
		require.Equal(t, 200, r.Status, "%s", r.Body)
		require.Equal(t, []string{"Site vitrine"}, projectNames(t, c, "studio"))
	})

	t.Run("DuplicateReplacesPrevious", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		_, first := f.invite(t, "twice@client.example", 1)
		_, second := f.invite(t, "twice@client.example", 2)
		require.NotEqual(t, first, second)
		requireProblem(t, f.env.Client().Do("GET", "/api/v1/invitations/"+first, nil), 404, "invitation_invalid")
		require.Equal(t, 200, f.env.Client().Do("GET", "/api/v1/invitations/"+second, nil).Status)

		r := f.adminCli.Do("GET", fmt.Sprintf("/api/v1/w/studio/projects/%s/people", f.project), nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var people struct {
			Invitations []invitation `json:"invitations"`
		}
		r.JSON(t, &people)
		require.Len(t, people.Invitations, 1, "one pending invitation per person and project")
	})

	t.Run("AlreadyMember", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		client := f.env.CreateUser("member@client.example")
		deja := f.env.CreateProject(f.ws, "Déjà", client)
		r := f.adminCli.Do("POST", fmt.Sprintf("/api/v1/w/studio/projects/%s/invitations", deja), map[string]any{"email": strings.ToUpper(client.Email)})
		p := requireProblem(t, r, 422, "already_member")
		requireField(t, p, "body.email")
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM invitations"))

		// A member of another project of the workspace may be invited here.
		_, token := f.invite(t, client.Email, 1)
		c := f.env.Client()
		require.Equal(t, 200, accept(c, token, map[string]any{"password": client.Password}).Status)
		require.ElementsMatch(t, []string{"Déjà", "Site vitrine"}, projectNames(t, c, "studio"))
		requireProblem(t, f.adminCli.Do("POST", f.invitePath(), map[string]any{"email": client.Email}), 422, "already_member")
	})

	t.Run("ExistingUserWrongPassword", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		existing := f.env.CreateUser("known@client.example")
		_, token := f.invite(t, existing.Email, 1)
		var pv preview
		r := f.env.Client().Do("GET", "/api/v1/invitations/"+token, nil)
		r.JSON(t, &pv)
		require.True(t, pv.ExistingUser)

		c := f.env.Client()
		r = accept(c, token, map[string]any{"name": "Whoever", "password": "not the password"})
		p := requireProblem(t, r, 422, "wrong_password")
		requireField(t, p, "body.password")
		require.Empty(t, c.Session)
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM memberships WHERE user_id = $1", existing.ID))
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM project_members WHERE user_id = $1", existing.ID))
		require.Equal(t, 1, count(t, f.env, "SELECT count(*) FROM invitations WHERE accepted_at IS NULL AND revoked_at IS NULL"))

		// With the right password, the existing account joins (name unchanged).
		r = accept(c, token, map[string]any{"password": existing.Password})
		require.Equal(t, 200, r.Status, "%s", r.Body)
		require.Equal(t, []string{"Site vitrine"}, projectNames(t, c, "studio"))
		require.Equal(t, 1, count(t, f.env, "SELECT count(*) FROM users WHERE name = 'known'"))
	})

	t.Run("NewAccountPasswordRules", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		_, token := f.invite(t, "weak@client.example", 1)
		p := requireProblem(t, accept(f.env.Client(), token, map[string]any{"name": "Weak", "password": "short"}), 422, "password_too_short")
		requireField(t, p, "body.password")
		requireProblem(t, accept(f.env.Client(), token, map[string]any{"name": "Weak", "password": "password123"}), 422, "password_too_common")
		p = requireProblem(t, accept(f.env.Client(), token, map[string]any{"password": "long enough passphrase"}), 422, "invalid_input")
		requireField(t, p, "body.name")
		require.Zero(t, count(t, f.env, "SELECT count(*) FROM users WHERE email = 'weak@client.example'"))
		require.Equal(t, 200, accept(f.env.Client(), token, map[string]any{"name": "Weak", "password": "long enough passphrase"}).Status)
	})

	t.Run("ClientsCannotManagePeople", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		client := f.env.CreateUser("client@client.example")
		f.env.CreateProject(f.ws, "Sien") // unrelated
		env := f.env
		// The client is a member of the invitations' project.
		_, err := env.DB.Super.Exec(context.Background(),
			"INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'client', now())", f.ws.ID, client.ID)
		require.NoError(t, err)
		_, err = env.DB.Super.Exec(context.Background(),
			"INSERT INTO project_members (workspace_id, project_id, user_id, created_at) VALUES ($1, $2, $3, now())", f.ws.ID, f.project, client.ID)
		require.NoError(t, err)
		inv, token := f.invite(t, "pending@client.example", 1)
		c := env.Client()
		c.Login(client.Email, client.Password)

		snapshot := func() string {
			var s string
			require.NoError(t, env.DB.Super.QueryRow(context.Background(), `SELECT
				(SELECT coalesce(string_agg(i::text, '|' ORDER BY id), '') FROM invitations i) ||
				(SELECT coalesce(string_agg(m::text, '|' ORDER BY user_id), '') FROM memberships m) ||
				(SELECT coalesce(string_agg(pm::text, '|' ORDER BY user_id), '') FROM project_members pm) ||
				(SELECT count(*)::text FROM emails) || (SELECT count(*)::text FROM sessions)`).Scan(&s))
			return s
		}
		before := snapshot()
		p := f.project
		for _, call := range []struct {
			method, path string
			body         any
		}{
			{"GET", fmt.Sprintf("/api/v1/w/studio/projects/%s/people", p), nil},
			{"POST", fmt.Sprintf("/api/v1/w/studio/projects/%s/invitations", p), map[string]any{"email": "friend@client.example"}},
			{"POST", fmt.Sprintf("/api/v1/w/studio/invitations/%s/resend", inv.ID), nil},
			{"DELETE", fmt.Sprintf("/api/v1/w/studio/invitations/%s", inv.ID), nil},
			{"DELETE", fmt.Sprintf("/api/v1/w/studio/projects/%s/members/%s", p, client.ID), nil},
			{"GET", "/api/v1/w/studio/members", nil},
			{"DELETE", fmt.Sprintf("/api/v1/w/studio/members/%s", f.admin.ID), nil},
			{"PATCH", "/api/v1/w/studio", map[string]any{"name": "Mine", "accentColor": "#000000", "senderName": "Mine"}},
			{"PUT", "/api/v1/w/studio/logo", pngBytes(t)},
			{"DELETE", "/api/v1/w/studio/logo", nil},
		} {
			if call.method == "PUT" {
				c.Headers["Content-Type"] = "image/png"
			}
			r := c.Do(call.method, call.path, call.body)
			delete(c.Headers, "Content-Type")
			require.Equal(t, 403, r.Status, "%s %s: %s", call.method, call.path, r.Body)
			require.Equal(t, "forbidden", r.Problem(t).Code, "%s %s", call.method, call.path)
		}
		require.Equal(t, before, snapshot(), "a refused call changed something")
		require.Equal(t, 200, env.Client().Do("GET", "/api/v1/invitations/"+token, nil).Status, "the pending link still works")
	})

	t.Run("RequestHygiene", func(t *testing.T) {
		t.Parallel()
		f := setup(t)
		path := f.invitePath()
		nothing := func() {
			t.Helper()
			require.Zero(t, count(t, f.env, "SELECT count(*) FROM invitations"))
			require.Zero(t, count(t, f.env, "SELECT count(*) FROM emails"))
		}

		p := requireProblem(t, f.adminCli.Do("POST", path, map[string]any{"email": "not-an-email"}), 422, "invalid_input")
		requireField(t, p, "body.email")
		requireProblem(t, f.adminCli.Do("POST", path, map[string]any{"email": "a@client.example", "role": "admin"}), 422, "invalid_input")
		p = requireProblem(t, f.adminCli.Do("POST", path, map[string]any{}), 422, "invalid_input")
		require.Contains(t, string(mustJSON(t, p.Errors)), "email", "the missing field is named")

		f.adminCli.Headers["Content-Type"] = "text/plain"
		r := f.adminCli.Do("POST", path, []byte(`{"email":"a@client.example"}`))
		delete(f.adminCli.Headers, "Content-Type")
		require.Equal(t, 415, r.Status, "%s", r.Body)

		big := []byte(`{"email":"a@client.example","pad":"` + strings.Repeat("x", 1<<20+100) + `"}`)
		f.adminCli.Headers["Content-Type"] = "application/json"
		r = f.adminCli.Do("POST", path, big)
		delete(f.adminCli.Headers, "Content-Type")
		require.Equal(t, 413, r.Status, "%s", r.Body)

		for _, site := range []string{"cross-site", "same-site"} {
			f.adminCli.Headers["Sec-Fetch-Site"] = site
			r = f.adminCli.Do("POST", path, map[string]any{"email": "csrf@client.example"})
			requireProblem(t, r, 403, "cross_origin")
		}
		delete(f.adminCli.Headers, "Sec-Fetch-Site")
		// An old browser without Sec-Fetch-Site but with a foreign Origin.
		f.adminCli.Headers["Sec-Fetch-Site"] = ""
		f.adminCli.Headers["Origin"] = "https://evil.example"
		r = f.adminCli.Do("POST", path, map[string]any{"email": "csrf@client.example"})
		requireProblem(t, r, 403, "cross_origin")
		delete(f.adminCli.Headers, "Origin")
		delete(f.adminCli.Headers, "Sec-Fetch-Site")
		nothing()

		// The same request, same-origin, goes through.
		_, _ = f.invite(t, "fine@client.example", 1)
	})
}

// --- workspace settings ---------------------------------------------------

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for x := range 4 {
		for y := range 3 {
			img.Set(x, y, color.RGBA{R: uint8(60 * x), G: uint8(80 * y), B: 200, A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func TestWorkspaceSettings(t *testing.T) {
	t.Parallel()
	f := setup(t)
	c := f.adminCli

	for _, bad := range []string{"red", "#12345", "#1234567", "#gggggg", "4f46e5"} {
		r := c.Do("PATCH", "/api/v1/w/studio", map[string]any{"name": "Studio", "accentColor": bad, "senderName": "Studio"})
		p := requireProblem(t, r, 422, "invalid_input")
		requireField(t, p, "body.accentColor")
	}
	r := c.Do("PATCH", "/api/v1/w/studio", map[string]any{"name": "Studio Nord", "accentColor": "#0EA5E9", "senderName": "Studio Nord"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var ws struct {
		Name        string `json:"name"`
		AccentColor string `json:"accentColor"`
		HasLogo     bool   `json:"hasLogo"`
	}
	r.JSON(t, &ws)
	require.Equal(t, "#0ea5e9", ws.AccentColor)
	require.False(t, ws.HasLogo)

	put := func(ctype string, body []byte) *apitest.Response {
		c.Headers["Content-Type"] = ctype
		defer delete(c.Headers, "Content-Type")
		return c.Do("PUT", "/api/v1/w/studio/logo", body)
	}
	logo := pngBytes(t)
	r = put("image/png", logo)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r.JSON(t, &ws)
	require.True(t, ws.HasLogo)

	r = c.Do("GET", "/api/v1/w/studio/logo", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, "image/png", r.Header.Get("Content-Type"))
	require.Equal(t, "nosniff", r.Header.Get("X-Content-Type-Options"))
	require.Equal(t, logo, r.Body)

	// Not a PNG, or a PNG declared as JPEG: refused, logo unchanged.
	requireProblem(t, put("image/png", []byte("just some text, not an image at all")), 415, "unsupported_media_type")
	require.Equal(t, 415, put("image/jpeg", logo).Status)
	rr := put("text/plain", logo)
	require.Equal(t, 415, rr.Status, "%s", rr.Body)
	// Over 512 KiB.
	huge := append(append([]byte{}, logo...), make([]byte, 512<<10)...)
	require.Equal(t, 413, put("image/png", huge).Status)
	r = c.Do("GET", "/api/v1/w/studio/logo", nil)
	require.Equal(t, logo, r.Body)

	require.Equal(t, 204, c.Do("DELETE", "/api/v1/w/studio/logo", nil).Status)
	requireProblem(t, c.Do("GET", "/api/v1/w/studio/logo", nil), 404, "not_found")
}

// Accepting an invitation as an existing user checks their password under
// the login throttle: an invitation link is no way to guess a password.
func TestInvitation_ExistingUserPasswordIsThrottled(t *testing.T) {
	t.Parallel()
	f := setup(t)
	existing := f.env.CreateUser("deja@client.example")
	_, token := f.invite(t, existing.Email, 1)
	anon := f.env.Client()
	for i := 0; i < 10; i++ {
		r := accept(anon, token, map[string]any{"password": "not the password"})
		requireProblem(t, r, 422, "wrong_password")
	}
	r := accept(anon, token, map[string]any{"password": existing.Password})
	requireProblem(t, r, 429, "too_many_attempts")
	require.NotEmpty(t, r.Header.Get("Retry-After"))
	require.Zero(t, count(t, f.env, "SELECT count(*) FROM memberships WHERE user_id = $1", existing.ID))

	f.env.Clock.Advance(15*time.Minute + time.Second)
	r = accept(anon, token, map[string]any{"password": existing.Password})
	require.Equal(t, 200, r.Status, "%s", r.Body)
}

// A client reads the project's activity and dashboard: nothing there names
// the people invited, whose list is for admins only (issue 8, point 8).
func TestActivityKeepsInviteesFromClients(t *testing.T) {
	t.Parallel()
	f := setup(t)
	client := f.env.CreateUser("client@client.example")
	project := f.env.CreateProject(f.ws, "Refonte", client)
	cli := f.env.Client()
	cli.Login(client.Email, client.Password)
	base := fmt.Sprintf("/api/v1/w/%s/projects/%s", f.ws.Slug, project)

	r := f.adminCli.Do("POST", base+"/invitations", map[string]any{"email": "bob@other.example"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var inv invitation
	r.JSON(t, &inv)
	require.Equal(t, 200, f.adminCli.Do("POST", fmt.Sprintf("/api/v1/w/%s/invitations/%s/resend", f.ws.Slug, inv.ID), nil).Status)
	require.Equal(t, 204, f.adminCli.Do("DELETE", fmt.Sprintf("/api/v1/w/%s/invitations/%s", f.ws.Slug, inv.ID), nil).Status)
	// An entry written before the rule, visible to clients, still carries
	// the address: the readers strip it.
	require.NoError(t, activity.Record(context.Background(), dbq.New(f.env.DB.Super), activity.Entry{WorkspaceID: f.ws.ID, ProjectID: &project,
		ActorID: &f.admin.ID, Action: "invitation.sent", ObjectType: "invitation", ObjectID: inv.ID.String(),
		Data: map[string]any{"email": "carol@other.example", "note": "kept"}, At: f.env.Clock.Now()}))

	for _, path := range []string{base + "/activity", base + "/activity?family=invitation", base + "/dashboard"} {
		r := cli.Do("GET", path, nil)
		require.Equal(t, 200, r.Status, "%s: %s", path, r.Body)
		require.NotContains(t, string(r.Body), "@other.example", path)
	}
	r = cli.Do("GET", base+"/activity", nil)
	require.Contains(t, string(r.Body), `"note":"kept"`, "the other fields stay")
	r = f.adminCli.Do("GET", base+"/activity?family=invitation", nil)
	for _, want := range []string{"bob@other.example", "carol@other.example", "invitation.resent", "invitation.revoked"} {
		require.Contains(t, string(r.Body), want, "admins see everything")
	}
}
