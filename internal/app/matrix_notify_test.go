package app_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/notify"
)

// The notification routes (issue 14) in the cross-tenant matrix: their
// valid bodies, success scenarios, and the one-click unsubscribe handler.
func init() {
	validBodies["update-notification-preferences"] = func(map[string]string) requestBody {
		return jsonBody(map[string]any{"families": []any{map[string]any{"family": "files", "mode": "immediate"}}, "digestHour": 19, "timeZone": "Europe/Brussels"})
	}
	validBodies["set-project-notification-mute"] = func(map[string]string) requestBody {
		return jsonBody(map[string]any{"muted": true})
	}
	successes["get-notification-preferences"] = success{as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Len(t, decode(t, r)["families"], 6)
	}}
	successes["update-notification-preferences"] = success{as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_preferences WHERE user_id = $1 AND workspace_id = $2 AND family = 'files' AND mode = 'immediate'`, f.clientX.ID, f.wsA.ID))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_settings WHERE user_id = $1 AND digest_hour = 19 AND time_zone = 'Europe/Brussels'`, f.clientX.ID))
	}}
	successes["set-project-notification-mute"] = success{as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_mutes WHERE user_id = $1 AND project_id = $2`, f.clientX.ID, f.projX))
	}}
	successes["mark-ticket-read"] = success{as: "client", status: 204, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_reads WHERE user_id = $1 AND thread = $2`, f.clientX.ID, "request:"+ids["ticket"]))
	}}
	plainRoutes[notify.UnsubscribePattern] = struct {
		reason string
		test   func(t *testing.T, f *matrixFixtures)
	}{
		reason: "one-click unsubscribe (RFC 8058): no session, mail clients POST it; the HMAC-signed token names the workspace, the person and the category, expires, and works once",
		test:   testUnsubscribeLink,
	}
}

var unsubscribeRe = regexp.MustCompile(`/desabonnement\?token=([A-Za-z0-9_.-]+)`)

// testUnsubscribeLink: client X's link changes X's own preference in
// workspace A and nothing else; a tampered or missing token is refused and
// changes nothing; a used one is refused the second time.
func testUnsubscribeLink(t *testing.T, f *matrixFixtures) {
	m, _ := f.WaitMail(f.clientX.Email, "Paiement demandé")
	tok := unsubscribeRe.FindStringSubmatch(m.Text)
	require.NotNil(t, tok, m.Text)
	post := func(token string) int {
		res, err := http.Post(f.Server.URL+notify.UnsubscribePath+"?token="+token, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	payload, sig, _ := strings.Cut(tok[1], ".")
	flip := func(s string) string {
		if s[3] == 'A' {
			return s[:3] + "B" + s[4:]
		}
		return s[:3] + "A" + s[4:]
	}
	before := fingerprint(t, f.Env)
	require.Equal(t, 400, post(flip(payload)+"."+sig), "tampered payload (another person or workspace)")
	require.Equal(t, 400, post(payload+"."+flip(sig)), "tampered signature")
	require.Equal(t, 400, post(""), "no token")
	// fingerprint settles River first: the earlier writes' emails and bell
	// items are in before, so only this handler could change anything.
	require.Empty(t, changedTables(before, fingerprint(t, f.Env)))
	require.Equal(t, 200, post(tok[1]))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_preferences WHERE user_id = $1 AND workspace_id = $2 AND family = 'payments' AND mode = 'never'`, f.clientX.ID, f.wsA.ID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_preferences WHERE mode = 'never'`), "nobody else's")
	require.Equal(t, 409, post(tok[1]), "used once")
}
