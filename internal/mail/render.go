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
	// LogoURL, when the workspace has a logo, is its public address.
	LogoURL string
}

// Content is what one email says, already in the recipient's language.
type Content struct {
	Subject     string
	Heading     string
	Paragraphs  []string
	ButtonLabel string
	ButtonURL   string
	Note        string
	// Items list what a coalesced email or a digest gathers.
	Items []Item
	// UnsubscribeURL (one click, this category) and PreferencesURL end a
	// notification; transactional emails have neither.
	UnsubscribeURL string
	PreferencesURL string
	// Category names what UnsubscribeURL stops, in the reader's language.
	Category string
	// Eyebrow, when set, is the small label above the heading (the
	// notification's topic).
	Eyebrow string
}

// Item is one line of a list: a title, a detail, and where to see it.
type Item struct {
	Title  string
	Detail string
	URL    string
}

type layoutData struct {
	Content
	Locale, WorkspaceName, Accent, LinkHint, Footer, LogoURL string
	Unsubscribe, Preferences, Open                           string
	// Initial stands in for a missing logo (a monogram in the accent).
	Initial string
	// Preheader is the preview line inboxes show after the subject.
	Preheader string
	// MsoOpen and MsoClose fix the card's width in Outlook for Windows,
	// which ignores max-width (conditional comments html/template would
	// otherwise strip).
	MsoOpen, MsoClose template.HTML
}

// Render produces the HTML and text bodies of c with the branding.
func Render(b Branding, locale string, c Content) (html, text string, err error) {
	accent := b.AccentColor
	if accent == "" {
		accent = "#4f46e5"
	}
	d := layoutData{Content: c, Locale: locale, WorkspaceName: b.WorkspaceName, Accent: accent, LogoURL: b.LogoURL,
		MsoOpen:  `<!--[if mso]><table role="presentation" width="580" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`,
		MsoClose: `<!--[if mso]></td></tr></table><![endif]-->`}
	if r := []rune(strings.TrimSpace(b.WorkspaceName)); len(r) > 0 {
		d.Initial = strings.ToUpper(string(r[0]))
	}
	if len(c.Paragraphs) > 0 {
		d.Preheader = c.Paragraphs[0]
	}
	if locale == "en" {
		d.LinkHint = "If the button does not work, copy this link into your browser:"
		d.Footer = "Sent by " + b.SenderName + " through its client portal."
		d.Unsubscribe = "Stop these emails (" + c.Category + ")"
		d.Preferences = "Notification settings"
		d.Open = "Open"
	} else {
		d.LinkHint = "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :"
		d.Footer = "Envoyé par " + b.SenderName + " depuis son espace client."
		d.Unsubscribe = "Ne plus recevoir ces emails (" + c.Category + ")"
		d.Preferences = "Préférences de notification"
		d.Open = "Ouvrir"
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
	for _, it := range c.Items {
		tb.WriteString("- " + it.Title)
		if it.Detail != "" {
			tb.WriteString(" : " + it.Detail)
		}
		if it.URL != "" {
			tb.WriteString("\n  " + it.URL)
		}
		tb.WriteString("\n")
	}
	if len(c.Items) > 0 {
		tb.WriteString("\n")
	}
	if c.ButtonURL != "" {
		fmt.Fprintf(&tb, "%s : %s\n\n", c.ButtonLabel, c.ButtonURL)
	}
	if c.Note != "" {
		tb.WriteString(c.Note + "\n\n")
	}
	tb.WriteString("-- \n" + d.Footer + "\n")
	if c.PreferencesURL != "" {
		tb.WriteString(d.Preferences + " : " + c.PreferencesURL + "\n")
	}
	if c.UnsubscribeURL != "" {
		tb.WriteString(d.Unsubscribe + " : " + c.UnsubscribeURL + "\n")
	}
	return hb.String(), tb.String(), nil
}
