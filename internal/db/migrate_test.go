package db_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
)

// Running migrate on an up-to-date database changes nothing and succeeds.
func TestMigrate_Idempotent(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	url := dbtest.WithDatabase(dbtest.AdminURL(), d.Name, "")
	require.NoError(t, db.Migrate(context.Background(), url, "", slog.New(slog.DiscardHandler)))
	var owner string
	require.NoError(t, d.Super.QueryRow(context.Background(), "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'projects'").Scan(&owner))
	require.Equal(t, db.OwnerRole, owner)
}

// The app role cannot migrate: it may not create roles, and says what to do.
func TestMigrate_AppRoleRefused(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	url := dbtest.WithDatabase(dbtest.AdminURL(), d.Name, db.AppRole)
	err := db.Migrate(context.Background(), url, "", slog.New(slog.DiscardHandler))
	require.Error(t, err)
}
