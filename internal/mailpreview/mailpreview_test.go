package mailpreview_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/mailpreview"
)

// Every template renders, in both languages, with the named workspace's
// branding and never the product's name; the routes answer on this
// machine only, and not at all with the SMTP driver.
func TestPreviews_EveryTemplateLoopbackOnly(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin := e.CreateUser("admin@demo.test")
	ws := e.CreateWorkspace(mailpreview.DemoSlug, admin)
	_, err := e.DB.Super.Exec(context.Background(), `UPDATE workspaces SET name = 'Studio Démo', accent_color = '#be185d' WHERE id = $1`, ws.ID)
	require.NoError(t, err)
	c := e.Client()
	r := c.Do("GET", "/api/v1/dev/mail/previews", nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var list struct{ Templates []mailpreview.Template }
	r.JSON(t, &list)
	require.Len(t, list.Templates, len(mailpreview.Templates()))
	require.GreaterOrEqual(t, len(list.Templates), 25)
	for _, tp := range list.Templates {
		for _, l := range []string{"fr", "en"} {
			r := c.Do("GET", "/api/v1/dev/mail/preview?name="+url.QueryEscape(tp.Name)+"&locale="+l, nil)
			require.Equal(t, 200, r.Status, "%s %s: %s", tp.Name, l, r.Body)
			var p mailpreview.Preview
			r.JSON(t, &p)
			require.Equal(t, "Studio Démo", p.WorkspaceName)
			require.Contains(t, p.HTML, "#be185d")
			require.Contains(t, p.Text, "Studio Démo")
			require.NotEmpty(t, p.Subject)
			require.NotContains(t, p.HTML+p.Text+p.Subject, "Parvis")
			require.Contains(t, p.HTML, `lang="`+l+`"`)
		}
	}
	var p mailpreview.Preview
	r = c.Do("GET", "/api/v1/dev/mail/preview?name=payment.requested&locale=en", nil)
	r.JSON(t, &p)
	require.True(t, strings.HasPrefix(p.Subject, "Payment requested: "), p.Subject)
	// The invitation too has its English version.
	r = c.Do("GET", "/api/v1/dev/mail/preview?name="+mailpreview.Invitation+"&locale=en", nil)
	r.JSON(t, &p)
	require.Equal(t, "Camille Martin invites you to the client space Studio Démo", p.Subject)
	require.Contains(t, p.Text, "the project “Refonte du site”")
	require.Equal(t, 404, c.Do("GET", "/api/v1/dev/mail/preview?name=inconnu", nil).Status)

	far := e.Client()
	far.Headers["X-Forwarded-For"] = "203.0.113.9"
	require.Equal(t, 404, far.Do("GET", "/api/v1/dev/mail/previews", nil).Status)
	r = far.Do("GET", "/api/v1/dev/mail/preview?name=digest", nil)
	require.Equal(t, 404, r.Status)
	require.NotContains(t, string(r.Body), "Studio Démo")

	smtp := apitest.New(t, apitest.Options{Sender: apitest.StartMailpit(t).Sender()})
	require.Equal(t, 404, smtp.Client().Do("GET", "/api/v1/dev/mail/previews", nil).Status)
}
