package config_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/config"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad_Defaults(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://app@db/parvis"}))
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, "postgres://app@db/parvis", c.MigrateDatabaseURL)
	require.Equal(t, "http://localhost:3000/invitation/x", c.Link("/invitation/x"))
	require.Equal(t, "dev", c.Mail.Driver)
	require.Equal(t, 30*time.Second, c.RequestTimeout)
	require.Equal(t, slog.LevelInfo, c.LogLevel)
	c, err = config.Load(env(map[string]string{"DATABASE_URL": "postgres://app@db/parvis", "PARVIS_LOG_LEVEL": "warn"}))
	require.NoError(t, err)
	require.Equal(t, slog.LevelWarn, c.LogLevel)
}

// Every problem is reported at once, naming the variable.
func TestLoad_ReportsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := config.Load(env(map[string]string{
		"PARVIS_ADDR":                     "nonsense",
		"PARVIS_PUBLIC_URL":               "ftp://x",
		"PARVIS_MAIL_DRIVER":              "pigeon",
		"PARVIS_SMTP_PORT":                "99999",
		"PARVIS_ALLOW_PRIVILEGED_DB_ROLE": "yes",
		"PARVIS_REQUEST_TIMEOUT":          "2m",
		"PARVIS_LOG_LEVEL":                "verbose",
	}))
	require.Error(t, err)
	for _, want := range []string{"DATABASE_URL is required", "PARVIS_ADDR", "PARVIS_PUBLIC_URL", "PARVIS_MAIL_DRIVER", "PARVIS_SMTP_PORT", "PARVIS_ALLOW_PRIVILEGED_DB_ROLE", "PARVIS_REQUEST_TIMEOUT", "PARVIS_LOG_LEVEL"} {
		require.ErrorContains(t, err, want)
	}
}

func TestLoad_ProductionRules(t *testing.T) {
	t.Parallel()
	_, err := config.Load(env(map[string]string{
		"DATABASE_URL": "postgres://app@db/parvis", "PARVIS_ENV": "production",
		"PARVIS_PUBLIC_URL": "http://portal.example", "PARVIS_MAIL_DRIVER": "dev",
	}))
	require.ErrorContains(t, err, "https in production")
	require.ErrorContains(t, err, "PARVIS_MAIL_DRIVER=dev is for development")

	_, err = config.Load(env(map[string]string{
		"DATABASE_URL": "postgres://app@db/parvis", "PARVIS_ENV": "production",
		"PARVIS_PUBLIC_URL": "https://portal.example", "PARVIS_MAIL_DRIVER": "smtp",
		"PARVIS_SMTP_HOST": "smtp.postmarkapp.com", "PARVIS_SMTP_TLS": "none",
	}))
	require.ErrorContains(t, err, "PARVIS_SMTP_TLS=none is refused in production")
}
