package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate brings the database at url to the latest schema: River's tables
// then Parvis's goose migrations, all created by (and owned by) the owner
// role. When the connecting role may create roles (a fresh dev or CI
// machine), the owner and app roles are created first; in production the
// operator creates them beforehand (README) and connects as parvis_owner.
func Migrate(ctx context.Context, url, appPassword string, log *slog.Logger) error {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return fmt.Errorf("parse migrate URL: %w", err)
	}
	boot, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return fmt.Errorf("connect for migration: %w", err)
	}
	defer boot.Close(ctx)
	if err := ensureRoles(ctx, boot, appPassword, log); err != nil {
		return err
	}

	// Every connection of the migration pool acts as the owner, so the
	// objects it creates belong to parvis_owner, never to a superuser.
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		var cur string
		if err := c.QueryRow(ctx, "SELECT current_user").Scan(&cur); err != nil {
			return err
		}
		if cur == OwnerRole {
			return nil
		}
		_, err := c.Exec(ctx, "SET ROLE "+OwnerRole)
		return err
	}
	cfg.MaxConns = 2
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect for migration: %w", err)
	}
	defer pool.Close()

	// Serialise concurrent migrators (several test processes, two servers).
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(727274)"); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(727274)") //nolint:errcheck

	rm, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	// River's tables have no workspace_id and no RLS: job arguments hold IDs
	// only. The app role needs to read and write them to run the queue.
	if _, err := conn.Exec(ctx, `DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'river\_%' AND tablename <> 'river_migration' LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO parvis_app', t);
  END LOOP;
  FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND sequencename LIKE 'river\_%' LOOP
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO parvis_app', t);
  END LOOP;
END $$`); err != nil {
		return fmt.Errorf("grant river tables: %w", err)
	}

	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer sqlDB.Close()
	prov, err := goose.NewProvider(goose.DialectPostgres, sqlDB, sub)
	if err != nil {
		return fmt.Errorf("goose: %w", err)
	}
	res, err := prov.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, r := range res {
		log.Info("migration applied", "source", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// ensureRoles creates parvis_owner and parvis_app when they are missing and
// the connecting role is allowed to; otherwise it checks they exist and says
// what the operator must run.
func ensureRoles(ctx context.Context, c *pgx.Conn, appPassword string, log *slog.Logger) error {
	var canCreate, ownerExists, appExists bool
	var dbName string
	err := c.QueryRow(ctx, `SELECT
		(SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user),
		EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1),
		EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2),
		current_database()`, OwnerRole, AppRole).Scan(&canCreate, &ownerExists, &appExists, &dbName)
	if err != nil {
		return fmt.Errorf("inspect roles: %w", err)
	}
	if !ownerExists || !appExists {
		if !canCreate {
			return fmt.Errorf("roles %s and %s must exist before migrating; see README 'Production database' (or connect with a role that may create roles)", OwnerRole, AppRole)
		}
		// Two processes may race to create the roles: serialise on a lock.
		if _, err := c.Exec(ctx, "SELECT pg_advisory_lock(727273)"); err != nil {
			return err
		}
		defer c.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(727273)") //nolint:errcheck
		stmts := []string{
			fmt.Sprintf(`DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
    CREATE ROLE %s NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
    CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
END $$`, OwnerRole, OwnerRole, AppRole, AppRole),
		}
		if appPassword != "" {
			stmts = append(stmts, fmt.Sprintf("ALTER ROLE %s PASSWORD %s", AppRole, quoteLiteral(appPassword)))
		}
		for _, s := range stmts {
			if _, err := c.Exec(ctx, s); err != nil {
				return fmt.Errorf("create roles: %w", err)
			}
		}
		log.Info("database roles created", "owner", OwnerRole, "app", AppRole)
	}
	if canCreate {
		// The bootstrapping role must be able to SET ROLE to the owner, and
		// the owner needs to create objects in this database's public schema.
		for _, s := range []string{
			fmt.Sprintf("GRANT %s TO current_user", OwnerRole),
			fmt.Sprintf("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %s TO %s", quoteIdent(dbName), OwnerRole),
			fmt.Sprintf("GRANT CONNECT ON DATABASE %s TO %s", quoteIdent(dbName), AppRole),
			fmt.Sprintf("GRANT USAGE, CREATE ON SCHEMA public TO %s", OwnerRole),
		} {
			if _, err := c.Exec(ctx, s); err != nil && !isAlreadyMember(err) {
				return fmt.Errorf("grant owner: %w", err)
			}
		}
	}
	return nil
}

func isAlreadyMember(err error) bool {
	return err != nil && strings.Contains(err.Error(), "already a member")
}

func quoteIdent(s string) string { return pgx.Identifier{s}.Sanitize() }

func quoteLiteral(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}

// MigrationsFS exposes the embedded migrations (tests hash them).
func MigrationsFS() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}
