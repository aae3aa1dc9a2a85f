package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// A new user's first commands: help and typos print the usage, and need no
// database (issue 8, point 15).
func TestRun_HelpAndUnknownCommandNeedNoDatabase(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr string // empty: success, with the usage on stdout
	}{
		{"--help", []string{"--help"}, ""},
		{"-h", []string{"-h"}, ""},
		{"help", []string{"help"}, ""},
		{"unknown command", []string{"srve"}, `unknown command "srve"`},
		{"no command", nil, "usage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(tc.args, &out)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.Contains(t, out.String(), "usage: parvis <command>")
				require.Contains(t, out.String(), "serve")
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			require.NotContains(t, err.Error(), "DATABASE_URL is required")
		})
	}
}
