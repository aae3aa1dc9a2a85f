package notify

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
	outbox "github.com/parvis/parvis/internal/mail"
)

// Every action that may email someone has its text in French and in
// English (an English reader never gets a French email, nor an error).
func TestTexts_EveryNotifyingActionInBothLanguages(t *testing.T) {
	for _, a := range event.All() {
		i, _ := event.Lookup(a)
		if !i.Notifies() {
			continue
		}
		for _, l := range []string{"fr", "en"} {
			tx, ok := texts[l][a]
			require.True(t, ok, "no %s text for %s", l, a)
			require.NotEmpty(t, tx.Subject)
			require.NotEmpty(t, tx.Button)
		}
	}
	for l := range many {
		require.Len(t, many[l], 2)
	}
	require.Equal(t, len(texts["fr"]), len(texts["en"]))
	for k := range texts["fr"] {
		require.Contains(t, texts["en"], k)
	}
}

func TestPreview_EveryTemplateRenders(t *testing.T) {
	u, _ := url.Parse("http://portal.test")
	n := New(&httpapi.Deps{Now: time.Now, Config: &config.Config{PublicURL: u}}, []byte("0123456789abcdef0123456789abcdef"))
	b := outbox.Branding{WorkspaceName: "Studio Démo", SenderName: "Studio Démo", AccentColor: "#4f46e5"}
	for _, name := range PreviewNames() {
		for _, l := range []string{"fr", "en"} {
			c, ok, err := n.Preview(name, l, "studio-demo")
			require.NoError(t, err, name)
			require.True(t, ok, name)
			require.NotContains(t, c.Subject+c.Heading+strings.Join(c.Paragraphs, ""), "{", "%s %s: a placeholder left", name, l)
			require.True(t, strings.HasPrefix(c.ButtonURL, "http://portal.test/studio-demo"), c.ButtonURL)
			require.Contains(t, c.UnsubscribeURL, "/desabonnement?token=")
			html, text, err := outbox.Render(b, l, c)
			require.NoError(t, err)
			require.Contains(t, html, "Studio Démo")
			require.NotContains(t, html+text, "Parvis")
		}
	}
	c, _, _ := n.Preview(event.PaymentRequested, "en", "studio-demo")
	require.Equal(t, "Payment requested: Broken payment button on mobile (1\u202f200,00\u00a0€)", c.Subject)
	require.Equal(t, "Stop these emails (payments)", "Stop these emails ("+c.Category+")")
	_, ok, err := n.Preview("nope", "fr", "studio-demo")
	require.NoError(t, err)
	require.False(t, ok)
}
