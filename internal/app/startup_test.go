package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
)

// tempRole creates a login role for one test (roles are cluster-wide, so
// the name is random) and drops it at the end.
func tempRole(t *testing.T, d *dbtest.DB, attrs string) string {
	t.Helper()
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	name := "parvis_t_role_" + hex.EncodeToString(b)
	ctx := context.Background()
	_, err := d.Super.Exec(ctx, "CREATE ROLE "+name+" LOGIN "+attrs)
	require.NoError(t, err)
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dbtest.AdminURL())
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP ROLE IF EXISTS "+name)
			c.Close(context.Background())
		}
	})
	return name
}

func loadConfig(t *testing.T, vars map[string]string) *config.Config {
	t.Helper()
	vars["DATABASE_URL"] = "postgres://unused@localhost/unused"
	cfg, err := config.Load(func(k string) string { return vars[k] })
	require.NoError(t, err)
	return cfg
}

// Issue 8, points 12 and 15 (security guide point 30): serve refuses a role
// that row-level security does not hold, naming the variable, and says to
// migrate a database that never was.
func TestCheckDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	super := ""                                                        // the test superuser
	bypass := tempRole(t, d, "BYPASSRLS")                              // BYPASSRLS
	ownerMember := tempRole(t, d, "NOBYPASSRLS IN ROLE "+db.OwnerRole) // owns the tables through membership

	// A database nobody migrated.
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	empty := "parvis_t_empty_" + hex.EncodeToString(b)
	admin, err := pgx.Connect(ctx, dbtest.AdminURL())
	require.NoError(t, err)
	_, err = admin.Exec(ctx, "CREATE DATABASE "+empty)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+empty+" WITH (FORCE)")
		admin.Close(context.Background())
	})

	for _, tc := range []struct {
		name, database, role string
		allow                bool
		want                 []string // substrings of the error; none: accepted
	}{
		{"the app role", d.Name, db.AppRole, false, nil},
		{"a superuser", d.Name, super, false, []string{"DATABASE_URL", "superuser", "PARVIS_ALLOW_PRIVILEGED_DB_ROLE"}},
		{"a BYPASSRLS role", d.Name, bypass, false, []string{"DATABASE_URL", "BYPASSRLS"}},
		{"a member of the owner", d.Name, ownerMember, false, []string{"DATABASE_URL", "owns"}},
		{"a superuser, escape hatch set", d.Name, super, true, nil},
		{"a database never migrated", empty, db.AppRole, false, []string{"parvis migrate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool, err := db.Open(ctx, dbtest.WithDatabase(dbtest.AdminURL(), tc.database, tc.role))
			require.NoError(t, err)
			defer pool.Close()
			vars := map[string]string{}
			if tc.allow {
				vars["PARVIS_ALLOW_PRIVILEGED_DB_ROLE"] = "true"
			}
			err = app.CheckDatabase(ctx, pool, loadConfig(t, vars))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			t.Log(err)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
		})
	}
}
