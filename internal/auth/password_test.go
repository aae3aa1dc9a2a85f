package auth

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCommonPasswords(t *testing.T) {
	t.Parallel()
	require.GreaterOrEqual(t, len(commonPasswords()), 10_000, "the ranked top 10 000 and the extras")
	for _, pw := range []string{
		"baseball1", "Michelle1", "password2", "asdfghjk", // from the ranked list only
		"iloveyou", "TRUSTNO1", "sunshine", // near its top
		"motdepasse", "azerty123", // the French extras
	} {
		require.ErrorIs(t, CheckNewPassword(pw), ErrPasswordTooCommon, pw)
	}
	for _, pw := range []string{"correct horse battery staple", "demo-admin-2026", "vélo rouge du dimanche"} {
		require.NoError(t, CheckNewPassword(pw), pw)
	}
}
