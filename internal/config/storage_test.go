package config_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/config"
)

func TestStorageConfig(t *testing.T) {
	t.Parallel()
	load := func(env map[string]string) (*config.Config, error) {
		env["DATABASE_URL"] = "postgres://app@localhost/parvis"
		return config.Load(func(k string) string { return env[k] })
	}
	c, err := load(map[string]string{})
	require.NoError(t, err)
	require.Equal(t, "local", c.Storage.Driver)
	require.Equal(t, "var/blobs", c.Storage.Dir)
	require.EqualValues(t, 25<<20, c.Storage.MaxFileBytes)
	require.Nil(t, c.Storage.Secret, "development generates its own")

	_, err = load(map[string]string{"PARVIS_ENV": "production", "PARVIS_PUBLIC_URL": "https://portal.example", "PARVIS_MAIL_DRIVER": "smtp", "PARVIS_SMTP_HOST": "smtp.example"})
	require.ErrorContains(t, err, "PARVIS_STORAGE_SECRET is required in production")

	_, err = load(map[string]string{"PARVIS_STORAGE_SECRET": "abcd"})
	require.ErrorContains(t, err, "64 hex digits")
	c, err = load(map[string]string{"PARVIS_STORAGE_SECRET": strings.Repeat("ab", 32)})
	require.NoError(t, err)
	require.Len(t, c.Storage.Secret, 32)

	_, err = load(map[string]string{"PARVIS_STORAGE_DRIVER": "s3"})
	require.ErrorContains(t, err, "PARVIS_S3_BUCKET")
	c, err = load(map[string]string{"PARVIS_STORAGE_DRIVER": "s3", "PARVIS_S3_BUCKET": "b", "PARVIS_S3_ACCESS_KEY_ID": "k", "PARVIS_S3_SECRET_ACCESS_KEY": "s", "PARVIS_S3_PATH_STYLE": "true", "PARVIS_FILES_MAX_BYTES": "1000"})
	require.NoError(t, err)
	require.True(t, c.Storage.S3PathStyle)
	require.EqualValues(t, 1000, c.Storage.MaxFileBytes)
	_, err = load(map[string]string{"PARVIS_FILES_QUOTA_BYTES": "-1"})
	require.ErrorContains(t, err, "PARVIS_FILES_QUOTA_BYTES")
	_, err = load(map[string]string{"PARVIS_STORAGE_DRIVER": "ftp"})
	require.ErrorContains(t, err, "PARVIS_STORAGE_DRIVER")
}
