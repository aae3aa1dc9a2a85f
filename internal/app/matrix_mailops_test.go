package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/notify"
)

// Bounces and email previews (issue 14) in the cross-tenant matrix.
func init() {
	globalRoutes["dev-list-mail-previews"] = "development mail driver only, loopback callers only; sample data, no tenant data but a branding (mailpreview tests)"
	globalRoutes["dev-preview-mail"] = "development mail driver only, loopback callers only; sample data and a workspace's public branding (mailpreview tests)"
	successes["list-email-suppressions"] = success{as: "admin", status: 200, prepare: func(t *testing.T, f *matrixFixtures, _ map[string]string) {
		_, err := f.DB.Super.Exec(t.Context(), `INSERT INTO email_suppressions (workspace_id, address, reason, created_at) VALUES ($1, $2, 'hard_bounce', now()) ON CONFLICT DO NOTHING`, f.wsA.ID, f.clientY.Email)
		require.NoError(t, err)
	}, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), f.clientY.ID.String())
	}}
	successes["lift-email-suppression"] = success{as: "admin", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		_, err := f.DB.Super.Exec(t.Context(), `INSERT INTO email_suppressions (workspace_id, address, reason, created_at) VALUES ($1, $2, 'complaint', now()) ON CONFLICT DO NOTHING`, f.wsA.ID, f.clientX.Email)
		require.NoError(t, err)
	}, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Zero(t, f.count(t, `SELECT count(*) FROM email_suppressions WHERE workspace_id = $1 AND address = $2`, f.wsA.ID, f.clientX.Email))
	}}
	plainRoutes[notify.BouncePattern] = struct {
		reason string
		test   func(t *testing.T, f *matrixFixtures)
	}{
		reason: "the mail provider's bounce webhook: no session; off (404) without PARVIS_MAIL_WEBHOOK_SECRET, else the secret (Basic auth or header, constant-time) is the authentication; it suppresses the address only in the workspaces that emailed it",
		test:   testBounceWebhook,
	}
}

// testBounceWebhook: off without a secret; wrong credentials change
// nothing; a hard bounce of workspace A's client suppresses it in A only.
func testBounceWebhook(t *testing.T, f *matrixFixtures) {
	body := `{"RecordType":"Bounce","Type":"HardBounce","Email":"` + f.clientX.Email + `","Description":"unknown user"}`
	post := func(pass string) int {
		req, err := http.NewRequest("POST", f.Server.URL+notify.BouncePath, strings.NewReader(body))
		require.NoError(t, err)
		if pass != "" {
			req.SetBasicAuth(notify.BounceUser, pass)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	before := fingerprint(t, f.Env)
	require.Equal(t, 404, post("anything"), "off without a configured secret")
	cfg := f.Portal.Deps.Config
	cfg.Mail.WebhookSecret = "matrix-bounce-secret-0123456789"
	defer func() { cfg.Mail.WebhookSecret = "" }()
	require.Equal(t, 401, post(""))
	require.Equal(t, 401, post("matrix-bounce-secret-012345678"))
	// fingerprint settles River first: the earlier writes' emails and bell
	// items are in before, so only this handler could change anything.
	require.Empty(t, changedTables(before, fingerprint(t, f.Env)))
	require.Zero(t, f.count(t, `SELECT count(*) FROM email_suppressions WHERE address = $1`, f.clientX.Email))
	_, _ = f.WaitMail(f.clientX.Email, "Paiement demandé") // A emailed X
	require.Equal(t, 200, post(cfg.Mail.WebhookSecret))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM email_suppressions WHERE workspace_id = $1 AND address = $2`, f.wsA.ID, f.clientX.Email))
	require.Zero(t, f.count(t, `SELECT count(*) FROM email_suppressions WHERE workspace_id = $1`, f.wsB.ID))
	_, err := f.DB.Super.Exec(t.Context(), `DELETE FROM email_suppressions WHERE address = $1`, f.clientX.Email)
	require.NoError(t, err)
}
