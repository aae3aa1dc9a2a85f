package workspace_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue 9: the login page reached from a workspace's link wears its
// identity. Anyone may read a workspace's public branding by slug — name,
// accent colour, logo — and nothing else; an unknown slug is a plain 404.
func TestPublicBrand(t *testing.T) {
	t.Parallel()
	f := setup(t)
	anon := f.env.Client()

	r := anon.Do("GET", "/api/v1/public/workspaces/studio", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var b map[string]any
	r.JSON(t, &b)
	require.Equal(t, map[string]any{"name": "WS studio", "slug": "studio", "accentColor": "#4f46e5", "hasLogo": false}, b,
		"only the public columns: no id, sender name or role")
	requireProblem(t, anon.Do("GET", "/api/v1/public/workspaces/studio/logo", nil), 404, "not_found")

	// The admin brands the workspace: the public answer follows.
	c := f.adminCli
	require.Equal(t, 200, c.Do("PATCH", "/api/v1/w/studio", map[string]any{"name": "Atelier Lumen", "accentColor": "#0EA5E9", "senderName": "Expéditeur Lumen"}).Status)
	c.Headers["Content-Type"] = "image/png"
	logo := pngBytes(t)
	require.Equal(t, 200, c.Do("PUT", "/api/v1/w/studio/logo", logo).Status)
	delete(c.Headers, "Content-Type")

	r = anon.Do("GET", "/api/v1/public/workspaces/studio", nil)
	r.JSON(t, &b)
	require.Equal(t, "Atelier Lumen", b["name"])
	require.Equal(t, "#0ea5e9", b["accentColor"])
	require.Equal(t, true, b["hasLogo"])
	require.NotContains(t, string(r.Body), "Expéditeur", "the sender name is not public")
	r = anon.Do("GET", "/api/v1/public/workspaces/studio/logo", nil)
	require.Equal(t, 200, r.Status)
	require.Equal(t, "image/png", r.Header.Get("Content-Type"))
	require.Equal(t, "nosniff", r.Header.Get("X-Content-Type-Options"))
	require.Equal(t, logo, r.Body)

	// Unknown, or not a slug at all: the same 404 as any unknown address.
	for _, slug := range []string{"nope", "STUDIO", "studio%27--", strings.Repeat("a", 48)} {
		for _, suffix := range []string{"", "/logo"} {
			requireProblem(t, anon.Do("GET", "/api/v1/public/workspaces/"+slug+suffix, nil), 404, "not_found")
		}
	}
	require.Equal(t, 422, anon.Do("GET", "/api/v1/public/workspaces/"+strings.Repeat("a", 49), nil).Status)
}

// The functions behind the public routes are the only anonymous window on
// workspaces: the app role still reads no row of the table itself, the
// functions return the public columns of one slug, and they run with a
// fixed search_path as the owner, never as a superuser.
func TestPublicBrand_RLSFunction(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	app := f.env.DB.App

	var n int
	require.NoError(t, app.QueryRow(ctx, "SELECT count(*) FROM workspaces").Scan(&n))
	require.Zero(t, n, "no tenant: the table itself stays closed")
	require.NoError(t, app.QueryRow(ctx, "SELECT count(*) FROM public_workspace_brand('studio')").Scan(&n))
	require.Equal(t, 1, n)
	require.NoError(t, app.QueryRow(ctx, "SELECT count(*) FROM public_workspace_brand('')").Scan(&n))
	require.Zero(t, n)
	require.NoError(t, app.QueryRow(ctx, "SELECT count(*) FROM public_workspace_brand('%')").Scan(&n))
	require.Zero(t, n, "a slug is compared, never matched as a pattern")

	var cols []string
	rows, err := app.Query(ctx, "SELECT * FROM public_workspace_brand('studio')")
	require.NoError(t, err)
	for _, fd := range rows.FieldDescriptions() {
		cols = append(cols, fd.Name)
	}
	rows.Close()
	require.Equal(t, []string{"slug", "name", "accent_color", "has_logo"}, cols)

	fns, err := f.env.DB.Super.Query(ctx, `
		SELECT p.proname, p.prosecdef, pg_get_userbyid(p.proowner), coalesce(array_to_string(p.proconfig, ','), ''),
		       has_function_privilege('parvis_app', p.oid, 'EXECUTE'), has_function_privilege('public', p.oid, 'EXECUTE')
		FROM pg_proc p WHERE p.proname LIKE 'public_workspace_%' ORDER BY 1`)
	require.NoError(t, err)
	defer fns.Close()
	seen := 0
	for fns.Next() {
		var name, owner, config string
		var definer, appExec, publicExec bool
		require.NoError(t, fns.Scan(&name, &definer, &owner, &config, &appExec, &publicExec))
		seen++
		require.True(t, definer, name)
		require.Equal(t, "parvis_owner", owner, name)
		require.Contains(t, config, "search_path=pg_catalog, pg_temp", name)
		require.True(t, appExec, name)
		require.False(t, publicExec, "%s: EXECUTE is granted to the app role only", name)
	}
	require.NoError(t, fns.Err())
	require.Equal(t, 2, seen)

	// The owner's read policy is for the owner alone: the app role has none.
	var policies int
	require.NoError(t, f.env.DB.Super.QueryRow(ctx, `
		SELECT count(*) FROM pg_policies WHERE tablename = 'workspaces' AND 'parvis_app' = ANY(roles)`).Scan(&policies))
	require.Zero(t, policies)
}
