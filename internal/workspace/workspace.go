// Package workspace serves the tenant itself: its settings and branding
// (spec 4.2), its members, and the invitations that bring clients in.
package workspace

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Handler serves the workspace operations.
type Handler struct {
	d    *httpapi.Deps
	auth *auth.Service
}

// New returns the workspace handler.
func New(d *httpapi.Deps, a *auth.Service) *Handler { return &Handler{d: d, auth: a} }

// Workspace is a workspace's settings as its members see them.
type Workspace struct {
	ID          uuid.UUID `json:"id"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	AccentColor string    `json:"accentColor" example:"#4f46e5"`
	SenderName  string    `json:"senderName"`
	HasLogo     bool      `json:"hasLogo"`
	Role        string    `json:"role" enum:"admin,client" doc:"The caller's role here"`
}

func toWorkspace(w dbq.Workspace, role string) Workspace {
	return Workspace{ID: w.ID, Slug: w.Slug, Name: w.Name, AccentColor: w.AccentColor, SenderName: w.SenderName, HasLogo: w.Logo != nil, Role: role}
}

// Member is a person of the workspace.
type Member struct {
	UserID uuid.UUID `json:"userId"`
	Email  string    `json:"email"`
	Name   string    `json:"name"`
	Role   string    `json:"role" enum:"admin,client"`
}

// WorkspacePath is the path parameter every workspace route carries.
type WorkspacePath struct {
	Workspace string `path:"workspace" maxLength:"48" doc:"Workspace slug"`
}

type workspaceOutput struct{ Body Workspace }

const maxLogoBytes = 512 << 10

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// sniffImage returns the image type announced by the file's magic bytes.
func sniffImage(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case len(b) >= 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}

// Register adds the workspace operations.
func (h *Handler) Register(api huma.API) {
	tags := []string{"workspace"}
	sec := []map[string][]string{{"session": {}}}
	h.registerPublic(api)

	huma.Register(api, huma.Operation{
		OperationID: "get-workspace", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}", Tags: tags,
		Summary: "Workspace settings", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *WorkspacePath) (*workspaceOutput, error) {
		var out Workspace
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			w, err := t.Q.GetWorkspace(ctx, t.WorkspaceID)
			out = toWorkspace(w, t.Role)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &workspaceOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-workspace", Metadata: httpapi.AdminOnly, Method: http.MethodPatch, Path: "/api/v1/w/{workspace}", Tags: tags,
		Summary: "Change the workspace's name and branding (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Body struct {
			Name        string `json:"name" minLength:"1" maxLength:"80"`
			AccentColor string `json:"accentColor" pattern:"^#[0-9a-fA-F]{6}$" example:"#4f46e5"`
			SenderName  string `json:"senderName" minLength:"1" maxLength:"80" doc:"Display name on outgoing emails"`
		}
	}) (*workspaceOutput, error) {
		name, sender := strings.TrimSpace(in.Body.Name), strings.TrimSpace(in.Body.SenderName)
		if name == "" {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.name", "expected length >= 1", in.Body.Name)
		}
		if sender == "" {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.senderName", "expected length >= 1", in.Body.SenderName)
		}
		var out Workspace
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			w, err := t.Q.UpdateWorkspaceSettings(ctx, dbq.UpdateWorkspaceSettingsParams{
				Name: name, AccentColor: strings.ToLower(in.Body.AccentColor), SenderName: sender, Now: h.d.Now(), ID: t.WorkspaceID,
			})
			if err != nil {
				return err
			}
			out = toWorkspace(w, t.Role)
			return t.Record(nil, event.WorkspaceUpdated, "workspace", w.ID.String(), map[string]any{"name": name})
		})
		if err != nil {
			return nil, err
		}
		return &workspaceOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "put-workspace-logo", Metadata: httpapi.AdminOnly, Method: http.MethodPut, Path: "/api/v1/w/{workspace}/logo", Tags: tags,
		Summary: "Upload the workspace logo (PNG, JPEG or WebP, ≤ 512 KiB; admin)", MaxBodyBytes: maxLogoBytes,
		Errors: []int{401, 403, 404, 413, 415, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		ContentType string `header:"Content-Type" doc:"image/png, image/jpeg or image/webp; anything else is answered 415"`
		RawBody     []byte `contentType:"image/png"`
	}) (*workspaceOutput, error) {
		if len(in.RawBody) == 0 {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body", "the image is empty", nil)
		}
		sniffed := sniffImage(in.RawBody)
		if sniffed == "" || sniffed != in.ContentType {
			return nil, httpapi.Err(httpapi.CodeUnsupportedMediaType, "the file is not a PNG, JPEG or WebP image matching its Content-Type")
		}
		var out Workspace
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			w, err := t.Q.SetWorkspaceLogo(ctx, dbq.SetWorkspaceLogoParams{Logo: in.RawBody, LogoType: &sniffed, Now: h.d.Now(), ID: t.WorkspaceID})
			if err != nil {
				return err
			}
			out = toWorkspace(w, t.Role)
			return t.Record(nil, event.WorkspaceLogoChanged, "workspace", w.ID.String(), nil)
		})
		if err != nil {
			return nil, err
		}
		return &workspaceOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "delete-workspace-logo", Metadata: httpapi.AdminOnly, Method: http.MethodDelete, Path: "/api/v1/w/{workspace}/logo", Tags: tags,
		Summary: "Remove the workspace logo (admin)", DefaultStatus: 204, Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *WorkspacePath) (*struct{}, error) {
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			if _, err := t.Q.SetWorkspaceLogo(ctx, dbq.SetWorkspaceLogoParams{Now: h.d.Now(), ID: t.WorkspaceID}); err != nil {
				return err
			}
			return t.Record(nil, event.WorkspaceLogoRemoved, "workspace", t.WorkspaceID.String(), nil)
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-workspace-logo", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/logo", Tags: tags,
		Summary: "The workspace logo image", Errors: []int{401, 404}, Security: sec,
		Responses: map[string]*huma.Response{"200": {Description: "The image", Content: map[string]*huma.MediaType{
			"image/png": {}, "image/jpeg": {}, "image/webp": {}}}},
	}, func(ctx context.Context, in *WorkspacePath) (*struct {
		ContentType  string `header:"Content-Type"`
		CacheControl string `header:"Cache-Control"`
		Body         []byte
	}, error) {
		var logo []byte
		var ctype string
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			w, err := t.Q.GetWorkspace(ctx, t.WorkspaceID)
			if err != nil {
				return err
			}
			if w.Logo == nil || w.LogoType == nil {
				return httpapi.NotFound()
			}
			logo, ctype = w.Logo, *w.LogoType
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &struct {
			ContentType  string `header:"Content-Type"`
			CacheControl string `header:"Cache-Control"`
			Body         []byte
		}{ContentType: ctype, CacheControl: "private, max-age=300", Body: logo}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "list-workspace-members", Metadata: httpapi.AdminOnly, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/members", Tags: tags,
		Summary: "Members of the workspace (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *WorkspacePath) (*struct {
		Body struct {
			Members []Member `json:"members"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Members []Member `json:"members"`
			}
		}{}
		out.Body.Members = []Member{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			rows, err := t.Q.ListWorkspaceMembers(ctx, t.WorkspaceID)
			for _, r := range rows {
				out.Body.Members = append(out.Body.Members, Member{UserID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role})
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "remove-workspace-member", Metadata: httpapi.AdminOnly, Method: http.MethodDelete, Path: "/api/v1/w/{workspace}/members/{user}", Tags: tags,
		Summary: "Remove someone from the workspace; their sessions end at once (admin)", DefaultStatus: 204,
		Errors: []int{401, 403, 404, 409}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		User uuid.UUID `path:"user"`
	}) (*struct{}, error) {
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			if in.User == t.UserID {
				return httpapi.Err(httpapi.CodeCannotRemoveSelf, "an admin cannot remove themselves")
			}
			n, err := t.Q.DeleteMembership(ctx, dbq.DeleteMembershipParams{WorkspaceID: t.WorkspaceID, UserID: in.User})
			if err != nil {
				return err
			}
			if n == 0 {
				return httpapi.NotFound()
			}
			// Security guide point 4: removing a member kills its sessions.
			if err := t.Q.DeleteUserSessions(ctx, in.User); err != nil {
				return err
			}
			return t.Record(nil, event.MemberRemoved, "user", in.User.String(), nil)
		})
		return nil, err
	})

	h.registerInvitations(api)
}
