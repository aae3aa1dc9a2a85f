package mail

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

var layout = template.Must(template.ParseFS(templateFS, "templates/layout.html"))

// Branding is the workspace's identity as emails show it; nothing about it
// is hard-coded (spec 4.2).
type Branding struct {
	WorkspaceName string
	SenderName    string
	AccentColor   string
}

// Content is what one email says, already in the recipient's language.
type Content struct {
	Subject     string
	Heading     string
	Paragraphs  []string
	ButtonLabel string
	ButtonURL   string
	Note        string
}

type layoutData struct {
	Content
	Locale, WorkspaceName, Accent, LinkHint, Footer string
}

// Render produces the HTML and text bodies of c with the branding.
func Render(b Branding, locale string, c Content) (html, text string, err error) {
	accent := b.AccentColor
	if accent == "" {
		accent = "#4f46e5"
	}
	d := layoutData{Content: c, Locale: locale, WorkspaceName: b.WorkspaceName, Accent: accent}
	if locale == "en" {
		d.LinkHint = "If the button does not work, copy this link into your browser:"
		d.Footer = "Sent by " + b.SenderName + " through its client portal."
	} else {
		d.LinkHint = "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :"
		d.Footer = "Envoyé par " + b.SenderName + " depuis son espace client."
	}
	var hb bytes.Buffer
	if err := layout.Execute(&hb, d); err != nil {
		return "", "", fmt.Errorf("render email: %w", err)
	}
	var tb strings.Builder
	tb.WriteString(b.WorkspaceName + "\n\n" + c.Heading + "\n\n")
	for _, p := range c.Paragraphs {
		tb.WriteString(p + "\n\n")
	}
	if c.ButtonURL != "" {
		fmt.Fprintf(&tb, "%s : %s\n\n", c.ButtonLabel, c.ButtonURL)
	}
	if c.Note != "" {
		tb.WriteString(c.Note + "\n\n")
	}
	tb.WriteString("-- \n" + d.Footer + "\n")
	return hb.String(), tb.String(), nil
}
