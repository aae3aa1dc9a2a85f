package mail_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// Issue 8, point 10: the dev mailbox shows live reset and invitation links,
// so it answers only on this machine, even without a session; from
// anywhere else (as the trusted gateway reports the client) it is a 404.
func TestDevMailbox_LoopbackOnly(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	for _, tc := range []struct {
		name, forwardedFor string
		status             int
	}{
		{"this machine, direct", "", 200},
		{"this machine, through the gateway", "127.0.0.1", 200},
		{"this machine over IPv6, through the gateway", "::1", 200},
		{"another machine, through the gateway", "203.0.113.9", 404},
		{"another machine claiming loopback to the gateway", "127.0.0.1, 203.0.113.9", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.Client()
			if tc.forwardedFor != "" {
				c.Headers["X-Forwarded-For"] = tc.forwardedFor
			}
			r := c.Do("GET", "/api/v1/dev/mail", nil)
			require.Equal(t, tc.status, r.Status, "%s", r.Body)
			if tc.status == 404 {
				require.Equal(t, "not_found", r.Problem(t).Code)
				require.NotContains(t, string(r.Body), "messages")
			}
		})
	}
}
