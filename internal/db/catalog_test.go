package db_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
)

// Security guide point 9: every table with workspace_id has RLS enabled and
// forced, and the app role has no way around it.
func TestCatalog_TenantTablesForceRLS(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	rows, err := d.Super.Query(ctx, `
		SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
		  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped)`)
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, owner string
		var rls, force bool
		require.NoError(t, rows.Scan(&name, &rls, &force, &owner))
		n++
		require.True(t, rls, "table %s: row-level security not enabled", name)
		require.True(t, force, "table %s: row-level security not forced", name)
		require.Equal(t, db.OwnerRole, owner, "table %s must belong to the owner role", name)
	}
	require.NoError(t, rows.Err())
	require.GreaterOrEqual(t, n, 6, "expected the tenant tables to be found")

	var super, bypass, createRole, createDB bool
	require.NoError(t, d.Super.QueryRow(ctx, `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`, db.AppRole).
		Scan(&super, &bypass, &createRole, &createDB))
	require.False(t, super, "app role must not be superuser")
	require.False(t, bypass, "app role must not bypass RLS")
	require.False(t, createRole)
	require.False(t, createDB)

	var owned int
	require.NoError(t, d.Super.QueryRow(ctx, `
		SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE pg_get_userbyid(c.relowner) = $1 AND n.nspname NOT IN ('pg_catalog', 'information_schema')`, db.AppRole).Scan(&owned))
	require.Zero(t, owned, "app role must own nothing")
	var ownedFuncs int
	require.NoError(t, d.Super.QueryRow(ctx, `SELECT count(*) FROM pg_proc WHERE pg_get_userbyid(proowner) = $1`, db.AppRole).Scan(&ownedFuncs))
	require.Zero(t, ownedFuncs)
}

// Security guide point 10: without a tenant the app sees zero rows, and it
// cannot write into another workspace.
func TestRLS_NoTenantNoRows_NoCrossWrite(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	_, err := d.Super.Exec(ctx, `
		INSERT INTO workspaces (id, slug, name, sender_name, created_at, updated_at) VALUES
		  ('11111111-1111-1111-1111-111111111111', 'a', 'A', 'A', now(), now()),
		  ('22222222-2222-2222-2222-222222222222', 'b', 'B', 'B', now(), now());
		INSERT INTO projects (workspace_id, name, client_name, created_at, updated_at) VALUES
		  ('11111111-1111-1111-1111-111111111111', 'pa', 'c', now(), now()),
		  ('22222222-2222-2222-2222-222222222222', 'pb', 'c', now(), now());`)
	require.NoError(t, err)

	var n int
	require.NoError(t, d.App.QueryRow(ctx, "SELECT count(*) FROM projects").Scan(&n))
	require.Zero(t, n, "no tenant set: no rows")
	require.NoError(t, d.App.QueryRow(ctx, "SELECT count(*) FROM workspaces").Scan(&n))
	require.Zero(t, n)

	tx, err := d.App.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "SELECT set_config('app.workspace_id', '11111111-1111-1111-1111-111111111111', true), set_config('app.role', 'admin', true)")
	require.NoError(t, err)
	require.NoError(t, tx.QueryRow(ctx, "SELECT count(*) FROM projects").Scan(&n))
	require.Equal(t, 1, n, "tenant A sees only its project")
	_, err = tx.Exec(ctx, `INSERT INTO projects (workspace_id, name, client_name, created_at, updated_at)
		VALUES ('22222222-2222-2222-2222-222222222222', 'intrus', 'c', now(), now())`)
	require.ErrorContains(t, err, "row-level security", "insert into another workspace must fail")
	require.NoError(t, tx.Rollback(ctx))

	// The setting is transaction-local: the next transaction on the same
	// pool sees nothing again.
	require.NoError(t, d.App.QueryRow(ctx, "SELECT count(*) FROM projects").Scan(&n))
	require.Zero(t, n)

	// The activity log is append-only for the app role.
	_, err = d.App.Exec(ctx, "DELETE FROM activity")
	require.ErrorContains(t, err, "permission denied")
	_, err = d.App.Exec(ctx, "UPDATE activity SET action = 'x'")
	require.ErrorContains(t, err, "permission denied")
}

// Migration 00027: every policy reads the request's scope once per
// statement, through (SELECT app_…()), never by a bare call that
// PostgreSQL inlines into every row's filter; and a policy that reads a
// setting with current_setting itself does it in a sub-select too.
func TestCatalog_PoliciesReadScopeOnce(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	rows, err := d.Super.Query(context.Background(), `SELECT tablename, policyname, coalesce(qual, ''), coalesce(with_check, '')
		FROM pg_policies WHERE schemaname = 'public'`)
	require.NoError(t, err)
	defer rows.Close()
	call := regexp.MustCompile(`app_(workspace_id|user_id|role|invitation|purpose)\(\)`)
	n := 0
	for rows.Next() {
		var table, name, using, check string
		require.NoError(t, rows.Scan(&table, &name, &using, &check))
		n++
		for _, expr := range []string{using, check} {
			for _, m := range call.FindAllStringIndex(expr, -1) {
				require.True(t, strings.HasSuffix(expr[:m[0]], "SELECT "), "policy %s on %s calls %s bare (per row): write (SELECT %s)\n%s", name, table, expr[m[0]:m[1]], expr[m[0]:m[1]], expr)
			}
			for _, m := range regexp.MustCompile(`current_setting`).FindAllStringIndex(expr, -1) {
				require.Contains(t, expr[max(0, m[0]-40):m[0]], "SELECT ", "policy %s on %s reads a setting per row: %s", name, table, expr)
			}
		}
	}
	require.NoError(t, rows.Err())
	require.Greater(t, n, 50)
}
