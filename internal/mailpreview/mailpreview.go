// Package mailpreview renders every email the portal sends with sample
// data and a workspace's branding, for the dev mailbox page (/dev/mail):
// each notification, the coalesced ones, the daily digest, and the account
// emails (password reset, address changed, invitation). Its routes exist
// only with the dev mail driver and answer callers on this machine only,
// like the dev mailbox.
package mailpreview

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/mail"
	"github.com/parvis/parvis/internal/notify"
	"github.com/parvis/parvis/internal/workspace"
)

// DemoSlug is the workspace whose branding previews use by default (the
// seed's first demo workspace).
const DemoSlug = "studio-demo"

// Account emails beside the notifications.
const (
	PasswordReset = "password_reset"
	EmailChanged  = "email_changed"
	Invitation    = "invitation"
)

// Template is one previewable email.
type Template struct {
	Name  string `json:"name"`
	Group string `json:"group" enum:"notification,digest,account"`
}

// Preview is one rendered email.
type Preview struct {
	Name          string `json:"name"`
	Locale        string `json:"locale" enum:"fr,en"`
	WorkspaceName string `json:"workspaceName"`
	Subject       string `json:"subject"`
	HTML          string `json:"html"`
	Text          string `json:"text"`
}

// Templates lists every previewable email.
func Templates() []Template {
	var out []Template
	for _, n := range notify.PreviewNames() {
		g := "notification"
		if n == notify.PreviewDigest {
			g = "digest"
		}
		out = append(out, Template{Name: n, Group: g})
	}
	for _, n := range []string{PasswordReset, EmailChanged, Invitation} {
		out = append(out, Template{Name: n, Group: "account"})
	}
	return out
}

// Renderer renders previews.
type Renderer struct {
	Pool     *pgxpool.Pool
	Notifier *notify.Notifier
	// Link makes an absolute portal URL of a path.
	Link func(path string) string
}

// branding reads slug's public branding; the seed's values when the
// workspace does not exist (an empty database).
func (r *Renderer) branding(ctx context.Context, slug string) (mail.Branding, string) {
	b := mail.Branding{WorkspaceName: "Studio Démo", SenderName: "Studio Démo", AccentColor: "#4f46e5"}
	if r.Pool == nil {
		return b, slug
	}
	_ = db.Tx(ctx, r.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		w, err := q.PublicWorkspaceBrand(ctx, slug)
		if err != nil {
			return err
		}
		b = mail.Branding{WorkspaceName: w.Name, SenderName: w.Name, AccentColor: w.AccentColor}
		if w.HasLogo {
			b.LogoURL = r.Link("/api/v1/public/workspaces/" + w.Slug + "/logo")
		}
		return nil
	})
	return b, slug
}

// Render renders name in locale with slug's branding; ok is false for an
// unknown name.
func (r *Renderer) Render(ctx context.Context, name, locale, slug string) (Preview, bool, error) {
	if locale != "en" {
		locale = "fr"
	}
	b, slug := r.branding(ctx, slug)
	var c mail.Content
	ok := true
	switch name {
	case PasswordReset:
		c = auth.PreviewResetContent(locale, "Julie Bernard", r.Link("/reinitialisation/exemple-de-jeton"))
	case EmailChanged:
		c = auth.PreviewEmailChangedContent(locale, "julie@ancien-domaine.fr", "julie@bernard-conseil.fr")
	case Invitation:
		c = workspace.PreviewInvitationContent(locale, b.WorkspaceName, "Camille Martin", "Refonte du site", r.Link("/invitation/exemple-de-jeton"))
	default:
		var err error
		c, ok, err = r.Notifier.Preview(name, locale, slug)
		if err != nil || !ok {
			return Preview{}, ok, err
		}
	}
	html, text, err := mail.Render(b, locale, c)
	if err != nil {
		return Preview{}, false, err
	}
	return Preview{Name: name, Locale: locale, WorkspaceName: b.WorkspaceName, Subject: c.Subject, HTML: html, Text: text}, ok, nil
}

// Register adds the preview routes; local says whether the caller is on
// this machine (anyone else gets 404, as if the routes did not exist).
func Register(api huma.API, r *Renderer, local func(context.Context) bool) {
	tags := []string{"dev"}
	huma.Register(api, huma.Operation{
		OperationID: "dev-list-mail-previews", Method: http.MethodGet, Path: "/api/v1/dev/mail/previews", Tags: tags,
		Summary: "Every email template that can be previewed (dev mail driver only)",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Templates []Template `json:"templates"`
		}
	}, error) {
		if !local(ctx) {
			return nil, huma.Error404NotFound("the dev mailbox answers on this machine only")
		}
		out := &struct {
			Body struct {
				Templates []Template `json:"templates"`
			}
		}{}
		out.Body.Templates = Templates()
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "dev-preview-mail", Method: http.MethodGet, Path: "/api/v1/dev/mail/preview", Tags: tags,
		Summary: "One email template rendered with sample data and a workspace's branding (dev mail driver only)",
	}, func(ctx context.Context, in *struct {
		Name      string `query:"name" maxLength:"64" required:"true" doc:"a template of dev-list-mail-previews"`
		Locale    string `query:"locale" enum:"fr,en" default:"fr"`
		Workspace string `query:"workspace" maxLength:"48" doc:"slug whose branding to use (default: the demo workspace)"`
	}) (*struct{ Body Preview }, error) {
		if !local(ctx) {
			return nil, huma.Error404NotFound("the dev mailbox answers on this machine only")
		}
		slug := strings.TrimSpace(in.Workspace)
		if slug == "" {
			slug = DemoSlug
		}
		p, ok, err := r.Render(ctx, in.Name, in.Locale, slug)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, huma.Error404NotFound("no such email template")
		}
		return &struct{ Body Preview }{Body: p}, nil
	})
}
