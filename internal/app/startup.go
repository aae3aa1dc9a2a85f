package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// CheckDatabase is what serve verifies before it listens: the schema has
// been migrated, and the role DATABASE_URL connects as is held by
// row-level security (security guide point 30). A superuser, a BYPASSRLS
// role or the tables' owner would see every workspace's rows, silently; a
// configuration mistake must not switch tenancy off, so it stops here with
// the variable to fix, unless cfg.AllowPrivilegedDBRole says a test wants it.
func CheckDatabase(ctx context.Context, pool *pgxpool.Pool, cfg *config.Config) error {
	r, err := dbq.New(pool).ServeRoleCheck(ctx)
	if err != nil {
		return fmt.Errorf("inspect the database role: %w", err)
	}
	if r.SchemaTables < 3 {
		return errors.New("the database has not been migrated (River's and Parvis's tables are missing): " +
			"run `parvis migrate` first, with PARVIS_MIGRATE_DATABASE_URL set to the owner's (or a role-creating) connection")
	}
	var why []string
	if r.Superuser {
		why = append(why, "is a superuser")
	}
	if r.BypassRls {
		why = append(why, "has BYPASSRLS")
	}
	if r.OwnedTenantTables > 0 {
		why = append(why, fmt.Sprintf("owns %d tenant tables (directly or through membership)", r.OwnedTenantTables))
	}
	if len(why) == 0 || cfg.AllowPrivilegedDBRole {
		return nil
	}
	return fmt.Errorf("DATABASE_URL connects as role %q, which %s: row-level security would not separate workspaces. "+
		"Connect as the app role (%s; see README \"Production database\"); "+
		"PARVIS_ALLOW_PRIVILEGED_DB_ROLE=true overrides this, for tests only", r.RoleName, strings.Join(why, " and "), db.AppRole)
}
