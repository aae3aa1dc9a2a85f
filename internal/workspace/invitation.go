package workspace

import (
	"context"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/mail"
)

// InvitationTTL is how long an invitation link works (security guide 7).
const InvitationTTL = 7 * 24 * time.Hour

// Invitation is a pending invitation as admins see it.
type Invitation struct {
	ID        uuid.UUID `json:"id"`
	Email     string    `json:"email"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func toInvitation(i dbq.Invitation) Invitation {
	return Invitation{ID: i.ID, Email: i.Email, CreatedAt: i.CreatedAt, ExpiresAt: i.ExpiresAt}
}

// ProjectPerson is a client with access to a project.
type ProjectPerson struct {
	UserID uuid.UUID `json:"userId"`
	Name   string    `json:"name"`
	Email  string    `json:"email"`
}

// InvitationPreview is what the invitation page shows before accepting.
type InvitationPreview struct {
	Email        string    `json:"email"`
	Workspace    Brand     `json:"workspace"`
	ProjectName  *string   `json:"projectName"`
	InviterName  string    `json:"inviterName"`
	ExistingUser bool      `json:"existingUser" doc:"The email already has an account: accept with its password"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Locale       string    `json:"locale" enum:"fr,en" doc:"The invitation's language: its email's, and the page's unless the visitor chose another"`
}

// Brand is a workspace's public face.
type Brand struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	AccentColor string `json:"accentColor"`
	HasLogo     bool   `json:"hasLogo"`
}

type ProjectPath struct {
	WorkspacePath
	Project uuid.UUID `path:"project"`
}

type TokenPath struct {
	Token string `path:"token" maxLength:"100"`
}

// invitationContent is the invitation email in locale ("en" or French).
func invitationContent(locale, wsName, inviter, project, link string) mail.Content {
	if locale == "en" {
		c := mail.Content{
			Subject:     inviter + " invites you to the client space " + wsName,
			Heading:     "Your client space is ready",
			ButtonLabel: "Accept the invitation", ButtonURL: link,
			Note: "This link is yours alone and works for 7 days. If you were not expecting it, ignore this email.",
		}
		p := inviter + " invites you to follow"
		if project != "" {
			p += " the project “" + project + "”"
		} else {
			p += " your projects"
		}
		c.Paragraphs = []string{"Hello,", p + " on " + wsName + ": progress, files, messages, approvals and payments, all in one place."}
		return c
	}
	c := mail.Content{
		Subject:     inviter + " vous invite sur l'espace client " + wsName,
		Heading:     "Votre espace client vous attend",
		ButtonLabel: "Accepter l'invitation", ButtonURL: link,
		Note: "Ce lien est personnel et fonctionne pendant 7 jours. Si vous ne l'attendiez pas, ignorez cet e-mail.",
	}
	p := inviter + " vous invite à suivre"
	if project != "" {
		p += " le projet « " + project + " »"
	} else {
		p += " vos projets"
	}
	c.Paragraphs = []string{"Bonjour,", p + " sur " + wsName + " : avancement, fichiers, messages, validations et paiements, au même endroit."}
	return c
}

// sendInvitation renders and queues the invitation email in t's
// transaction, in the invitation's language.
func (h *Handler) sendInvitation(ctx context.Context, t *httpapi.Tenant, inv dbq.Invitation, raw string, project dbq.Project) error {
	w, err := t.Q.GetWorkspace(ctx, t.WorkspaceID)
	if err != nil {
		return err
	}
	inviter, err := t.Q.GetUser(ctx, t.UserID)
	if err != nil {
		return err
	}
	link := h.d.Config.Link("/invitation/" + raw)
	return mail.Enqueue(ctx, t.Tx, h.d.River, h.d.Now(), mail.Outgoing{
		WorkspaceID: t.WorkspaceID, Kind: "invitation", To: inv.Email, Locale: inv.Locale, Sensitive: true,
		Content: invitationContent(inv.Locale, w.Name, inviter.Name, project.Name, link),
	})
}

// lookupInvitation finds the invitation behind a raw token within tx, then
// scopes tx to its workspace. Problems carry the codes the page shows.
func (h *Handler) lookupInvitation(ctx context.Context, tx pgx.Tx, q *dbq.Queries, raw string) (dbq.Invitation, error) {
	hash := auth.HashToken(raw)
	if err := db.SetScope(ctx, tx, db.Scope{Invitation: hex.EncodeToString(hash)}); err != nil {
		return dbq.Invitation{}, err
	}
	inv, err := q.GetInvitationByToken(ctx, hash)
	if db.IsNotFound(err) {
		return inv, httpapi.Err(httpapi.CodeInvitationInvalid, "this invitation link is not valid")
	}
	if err != nil {
		return inv, err
	}
	// The server acts for the workspace from here on; lock the row so two
	// acceptances of one link cannot both succeed.
	if err := db.SetScope(ctx, tx, db.SystemScope(inv.WorkspaceID, db.PurposeInvitation)); err != nil {
		return inv, err
	}
	if inv, err = q.LockInvitation(ctx, dbq.LockInvitationParams{WorkspaceID: inv.WorkspaceID, ID: inv.ID}); err != nil {
		return inv, err
	}
	switch {
	case inv.RevokedAt != nil:
		return inv, httpapi.Err(httpapi.CodeInvitationInvalid, "this invitation was withdrawn")
	case inv.AcceptedAt != nil:
		return inv, httpapi.Err(httpapi.CodeInvitationUsed, "this invitation was already accepted")
	case !h.d.Now().Before(inv.ExpiresAt):
		return inv, httpapi.Err(httpapi.CodeInvitationExpired, "this invitation has expired")
	}
	return inv, nil
}

func (h *Handler) registerInvitations(api huma.API) {
	tags := []string{"invitations"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "list-project-people", Metadata: httpapi.AdminOnly, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/projects/{project}/people", Tags: tags,
		Summary: "Clients of a project and pending invitations (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*struct {
		Body struct {
			Members     []ProjectPerson `json:"members"`
			Invitations []Invitation    `json:"invitations"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Members     []ProjectPerson `json:"members"`
				Invitations []Invitation    `json:"invitations"`
			}
		}{}
		out.Body.Members, out.Body.Invitations = []ProjectPerson{}, []Invitation{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			ms, err := t.Q.ListProjectMembers(ctx, dbq.ListProjectMembersParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID})
			if err != nil {
				return err
			}
			for _, m := range ms {
				out.Body.Members = append(out.Body.Members, ProjectPerson{UserID: m.ID, Name: m.Name, Email: m.Email})
			}
			invs, err := t.Q.ListPendingInvitations(ctx, dbq.ListPendingInvitationsParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID, Now: h.d.Now()})
			for _, i := range invs {
				out.Body.Invitations = append(out.Body.Invitations, toInvitation(i))
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-invitation", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: "/api/v1/w/{workspace}/projects/{project}/invitations", Tags: tags,
		Summary: "Invite a client to a project by email (admin)", DefaultStatus: 201, Errors: []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Email  string `json:"email" format:"email" maxLength:"254"`
			Locale string `json:"locale,omitempty" enum:"fr,en" doc:"The invitation's language (its email, the acceptance page, the new account's); absent: the inviting admin's"`
		}
	}) (*struct{ Body Invitation }, error) {
		email := auth.NormalizeEmail(in.Body.Email)
		var out Invitation
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			locale := in.Body.Locale
			if locale == "" {
				locale = "fr"
				if u := httpapi.PrincipalFrom(ctx); u != nil && u.Locale == "en" {
					locale = "en"
				}
			}
			member, err := t.Q.IsProjectMemberByEmail(ctx, dbq.IsProjectMemberByEmailParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Email: email})
			if err != nil {
				return err
			}
			if member {
				return httpapi.FieldErr(httpapi.CodeAlreadyMember, "body.email", "this person already has access to the project", email)
			}
			now := h.d.Now()
			if err := t.Q.RevokePendingInvitationsFor(ctx, dbq.RevokePendingInvitationsForParams{Now: now, WorkspaceID: t.WorkspaceID, ProjectID: &p.ID, Email: email}); err != nil {
				return err
			}
			raw, hash := auth.NewToken()
			inv, err := t.Q.CreateInvitation(ctx, dbq.CreateInvitationParams{
				WorkspaceID: t.WorkspaceID, ProjectID: &p.ID, Email: email, Role: httpapi.RoleClient, TokenHash: hash,
				InvitedBy: &t.UserID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL), Locale: locale,
			})
			if err != nil {
				return err
			}
			out = toInvitation(inv)
			if err := h.sendInvitation(ctx, t, inv, raw, p); err != nil {
				return err
			}
			return t.RecordAdminOnly(&p.ID, event.InvitationSent, "invitation", inv.ID.String(), map[string]any{"email": email})
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Invitation }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "resend-invitation", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: "/api/v1/w/{workspace}/invitations/{invitation}/resend", Tags: tags,
		Summary: "Send a pending invitation again with a fresh link (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Invitation uuid.UUID `path:"invitation"`
	}) (*struct{ Body Invitation }, error) {
		var out Invitation
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			now := h.d.Now()
			raw, hash := auth.NewToken()
			inv, err := t.Q.RenewInvitation(ctx, dbq.RenewInvitationParams{TokenHash: hash, ExpiresAt: now.Add(InvitationTTL), Now: now, WorkspaceID: t.WorkspaceID, ID: in.Invitation})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			var p dbq.Project
			if inv.ProjectID != nil {
				if p, err = t.Project(*inv.ProjectID); err != nil {
					return err
				}
			}
			out = toInvitation(inv)
			if err := h.sendInvitation(ctx, t, inv, raw, p); err != nil {
				return err
			}
			return t.RecordAdminOnly(inv.ProjectID, event.InvitationResent, "invitation", inv.ID.String(), map[string]any{"email": inv.Email})
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Invitation }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "revoke-invitation", Metadata: httpapi.AdminOnly, Method: http.MethodDelete, Path: "/api/v1/w/{workspace}/invitations/{invitation}", Tags: tags,
		Summary: "Withdraw a pending invitation (admin)", DefaultStatus: 204, Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Invitation uuid.UUID `path:"invitation"`
	}) (*struct{}, error) {
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			inv, err := t.Q.GetInvitation(ctx, dbq.GetInvitationParams{WorkspaceID: t.WorkspaceID, ID: in.Invitation})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			n, err := t.Q.RevokeInvitation(ctx, dbq.RevokeInvitationParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: in.Invitation})
			if err != nil {
				return err
			}
			if n == 0 {
				return httpapi.Err(httpapi.CodeInvitationNotPending, "this invitation is no longer pending")
			}
			return t.RecordAdminOnly(inv.ProjectID, event.InvitationRevoked, "invitation", inv.ID.String(), map[string]any{"email": inv.Email})
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "remove-project-member", Metadata: httpapi.AdminOnly, Method: http.MethodDelete, Path: "/api/v1/w/{workspace}/projects/{project}/members/{user}", Tags: tags,
		Summary: "Take a client's access to a project away (admin)", DefaultStatus: 204, Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		User uuid.UUID `path:"user"`
	}) (*struct{}, error) {
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			n, err := t.Q.RemoveProjectMember(ctx, dbq.RemoveProjectMemberParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, UserID: in.User})
			if err != nil {
				return err
			}
			if n == 0 {
				return httpapi.NotFound()
			}
			return t.Record(&p.ID, event.ProjectMemberRemoved, "user", in.User.String(), nil)
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-invitation", Method: http.MethodGet, Path: "/api/v1/invitations/{token}", Tags: tags,
		Summary: "What an invitation link leads to (no login needed)", Errors: []int{404, 410},
	}, func(ctx context.Context, in *TokenPath) (*struct{ Body InvitationPreview }, error) {
		var out InvitationPreview
		err := db.Tx(ctx, h.d.Pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
			inv, err := h.lookupInvitation(ctx, tx, q, in.Token)
			if err != nil {
				return err
			}
			w, err := q.GetWorkspace(ctx, inv.WorkspaceID)
			if err != nil {
				return err
			}
			out = InvitationPreview{Email: inv.Email, ExpiresAt: inv.ExpiresAt, Locale: inv.Locale,
				Workspace: Brand{Name: w.Name, Slug: w.Slug, AccentColor: w.AccentColor, HasLogo: w.Logo != nil}}
			if inv.InvitedBy != nil {
				if u, err := q.GetUser(ctx, *inv.InvitedBy); err == nil {
					out.InviterName = u.Name
				}
			}
			if inv.ProjectID != nil {
				p, err := q.GetProject(ctx, dbq.GetProjectParams{WorkspaceID: inv.WorkspaceID, ID: *inv.ProjectID, IsAdmin: true})
				if err != nil {
					return err
				}
				out.ProjectName = &p.Name
			}
			_, err = q.GetUserByEmail(ctx, inv.Email)
			out.ExistingUser = err == nil
			if db.IsNotFound(err) {
				err = nil
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body InvitationPreview }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "accept-invitation", Method: http.MethodPost, Path: "/api/v1/invitations/{token}/accept", Tags: tags,
		Summary: "Accept an invitation: create the account (or confirm with its password) and log in",
		Errors:  []int{401, 404, 410, 422},
	}, func(ctx context.Context, in *struct {
		TokenPath
		Body struct {
			Name     string `json:"name,omitempty" maxLength:"120" doc:"Required for a new account"`
			Password string `json:"password" minLength:"1" maxLength:"1024"`
			Locale   string `json:"locale,omitempty" enum:"fr,en" doc:"A new account's language (the page's); absent: the invitation's. An existing account keeps its own"`
		}
	}) (*struct {
		SetCookie []http.Cookie `header:"Set-Cookie"`
		Body      AcceptResult
	}, error) {
		var res AcceptResult
		var cookie http.Cookie
		err := db.Tx(ctx, h.d.Pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
			inv, err := h.lookupInvitation(ctx, tx, q, in.Token)
			if err != nil {
				return err
			}
			now := h.d.Now()
			u, err := q.GetUserByEmail(ctx, inv.Email)
			switch {
			case err == nil:
				if u.DisabledAt != nil {
					return httpapi.FieldErr(httpapi.CodeWrongPassword, "body.password", "password is incorrect", nil)
				}
				if err := h.auth.VerifyThrottled(ctx, u.Email, u.PasswordHash, in.Body.Password); errors.Is(err, auth.ErrWrongPassword) {
					return httpapi.FieldErr(httpapi.CodeWrongPassword, "body.password", "password is incorrect", nil)
				} else if err != nil {
					return err
				}
			case db.IsNotFound(err):
				name := strings.TrimSpace(in.Body.Name)
				if name == "" {
					return httpapi.FieldErr(httpapi.CodeInvalidInput, "body.name", "expected required property name to be present", nil)
				}
				if err := auth.CheckNewPassword(in.Body.Password); err != nil {
					return auth.PasswordProblem(err, "body.password")
				}
				hash, err := auth.HashPassword(in.Body.Password)
				if err != nil {
					return err
				}
				locale := in.Body.Locale
				if locale == "" {
					locale = inv.Locale
				}
				if u, err = q.CreateUser(ctx, dbq.CreateUserParams{Email: inv.Email, Name: name, PasswordHash: hash, Locale: locale, CreatedAt: now}); err != nil {
					return err
				}
			default:
				return err
			}
			if err := q.CreateMembership(ctx, dbq.CreateMembershipParams{WorkspaceID: inv.WorkspaceID, UserID: u.ID, Role: inv.Role, CreatedAt: now}); err != nil {
				return err
			}
			if inv.ProjectID != nil {
				if err := q.AddProjectMember(ctx, dbq.AddProjectMemberParams{WorkspaceID: inv.WorkspaceID, ProjectID: *inv.ProjectID, UserID: u.ID, CreatedAt: now}); err != nil {
					return err
				}
			}
			if err := q.AcceptInvitation(ctx, dbq.AcceptInvitationParams{Now: now, UserID: &u.ID, ID: inv.ID}); err != nil {
				return err
			}
			if err := activity.Record(ctx, q, activity.Entry{WorkspaceID: inv.WorkspaceID, ProjectID: inv.ProjectID, ActorID: &u.ID,
				Action: event.InvitationAccepted, ObjectType: "invitation", ObjectID: inv.ID.String(), RequestID: httpapi.RequestID(ctx), At: now}); err != nil {
				return err
			}
			if cookie, err = h.auth.StartSession(ctx, q, u.ID); err != nil {
				return err
			}
			if err := db.SetScope(ctx, tx, db.Scope{UserID: u.ID}); err != nil {
				return err
			}
			me, err := auth.LoadMe(ctx, q, u.ID)
			if err != nil {
				return err
			}
			w, err := q.GetWorkspace(ctx, inv.WorkspaceID)
			if err != nil {
				return err
			}
			res = AcceptResult{Me: *me, WorkspaceSlug: w.Slug, ProjectID: inv.ProjectID}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &struct {
			SetCookie []http.Cookie `header:"Set-Cookie"`
			Body      AcceptResult
		}{SetCookie: []http.Cookie{cookie}, Body: res}, nil
	})
}

// AcceptResult says where to go after accepting.
type AcceptResult struct {
	Me            auth.Me    `json:"me"`
	WorkspaceSlug string     `json:"workspaceSlug"`
	ProjectID     *uuid.UUID `json:"projectId"`
}
