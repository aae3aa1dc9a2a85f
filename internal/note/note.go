// Package note serves private admin notes (spec 3.2), about a project or
// about a client. Clients never see them: every route is admin-only and
// the table's row-level security policy itself requires the admin role.
package note

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Handler serves notes.
type Handler struct{ d *httpapi.Deps }

// New returns the note handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

// Note is a private note.
type Note struct {
	ID         string    `json:"id" format:"uuid"`
	Body       string    `json:"body"`
	AuthorName string    `json:"authorName"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// NoteBody is what an admin writes.
type NoteBody struct {
	Body string `json:"body" minLength:"1" maxLength:"20000"`
}

type notesOutput struct {
	Body struct {
		Notes []Note `json:"notes"`
	}
}

type noteOutput struct{ Body Note }

// WorkspacePath is the workspace part of the paths.
type WorkspacePath struct {
	Workspace string `path:"workspace" maxLength:"48"`
}

func clean(b string) (string, error) {
	s := strings.TrimSpace(b)
	if s == "" {
		return "", httpapi.FieldErr(httpapi.CodeInvalidInput, "body.body", "expected length >= 1", b)
	}
	return s, nil
}

// Register adds the note operations.
func (h *Handler) Register(api huma.API) {
	tags := []string{"notes"}
	sec := []map[string][]string{{"session": {}}}
	errs := []int{401, 403, 404, 413, 422}

	list := func(rows []dbq.ListNotesRow) *notesOutput {
		out := &notesOutput{}
		out.Body.Notes = []Note{}
		for _, r := range rows {
			out.Body.Notes = append(out.Body.Notes, Note{ID: r.ID.String(), Body: r.Body, AuthorName: r.AuthorName, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt})
		}
		return out
	}

	huma.Register(api, huma.Operation{
		OperationID: "list-project-notes", Metadata: httpapi.AdminOnly, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/notes", Tags: tags,
		Summary: "Private notes about a project (admin)", Errors: errs, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
	}) (*notesOutput, error) {
		var out *notesOutput
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			rows, err := t.Q.ListNotes(ctx, dbq.ListNotesParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID})
			out = list(rows)
			return err
		})
		return out, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-project-note", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/notes", Tags: tags, DefaultStatus: 201,
		Summary: "Write a private note about a project (admin)", Errors: errs, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		Body    NoteBody
	}) (*noteOutput, error) {
		body, err := clean(in.Body.Body)
		if err != nil {
			return nil, err
		}
		var out Note
		err = h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			n, err := t.Q.CreateNote(ctx, dbq.CreateNoteParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID, Body: body, AuthorID: &t.UserID, Now: h.d.Now()})
			if err != nil {
				return err
			}
			out = h.toNote(ctx, t, n)
			return t.RecordAdminOnly(&p.ID, event.NoteCreated, "note", n.ID.String(), nil)
		})
		if err != nil {
			return nil, err
		}
		return &noteOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "list-client-notes", Metadata: httpapi.AdminOnly, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/clients/{user}/notes", Tags: tags,
		Summary: "Private notes about a client (admin)", Errors: errs, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		User uuid.UUID `path:"user"`
	}) (*notesOutput, error) {
		var out *notesOutput
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := h.requireClient(ctx, t, in.User); err != nil {
				return err
			}
			rows, err := t.Q.ListNotes(ctx, dbq.ListNotesParams{WorkspaceID: t.WorkspaceID, ClientID: &in.User})
			out = list(rows)
			return err
		})
		return out, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-client-note", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/clients/{user}/notes", Tags: tags, DefaultStatus: 201,
		Summary: "Write a private note about a client (admin)", Errors: errs, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		User uuid.UUID `path:"user"`
		Body NoteBody
	}) (*noteOutput, error) {
		body, err := clean(in.Body.Body)
		if err != nil {
			return nil, err
		}
		var out Note
		err = h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := h.requireClient(ctx, t, in.User); err != nil {
				return err
			}
			n, err := t.Q.CreateNote(ctx, dbq.CreateNoteParams{WorkspaceID: t.WorkspaceID, ClientID: &in.User, Body: body, AuthorID: &t.UserID, Now: h.d.Now()})
			if err != nil {
				return err
			}
			out = h.toNote(ctx, t, n)
			return t.RecordAdminOnly(nil, event.NoteCreated, "note", n.ID.String(), map[string]any{"clientId": in.User.String()})
		})
		if err != nil {
			return nil, err
		}
		return &noteOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-note", Metadata: httpapi.AdminOnly, Method: http.MethodPatch,
		Path: "/api/v1/w/{workspace}/notes/{note}", Tags: tags,
		Summary: "Edit a private note (admin)", Errors: errs, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Note uuid.UUID `path:"note"`
		Body NoteBody
	}) (*noteOutput, error) {
		body, err := clean(in.Body.Body)
		if err != nil {
			return nil, err
		}
		var out Note
		err = h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			n, err := t.Q.UpdateNote(ctx, dbq.UpdateNoteParams{Body: body, Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: in.Note})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			out = h.toNote(ctx, t, n)
			return t.RecordAdminOnly(n.ProjectID, event.NoteUpdated, "note", n.ID.String(), nil)
		})
		if err != nil {
			return nil, err
		}
		return &noteOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "delete-note", Metadata: httpapi.AdminOnly, Method: http.MethodDelete,
		Path: "/api/v1/w/{workspace}/notes/{note}", Tags: tags, DefaultStatus: 204,
		Summary: "Delete a private note (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Note uuid.UUID `path:"note"`
	}) (*struct{}, error) {
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			// One statement: of two deletions of one note, only the one that
			// removed the row answers 204 and writes the journal.
			n, err := t.Q.DeleteNote(ctx, dbq.DeleteNoteParams{WorkspaceID: t.WorkspaceID, ID: in.Note})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			return t.RecordAdminOnly(n.ProjectID, event.NoteDeleted, "note", n.ID.String(), nil)
		})
		return nil, err
	})
}

// requireClient checks the caller is an admin and user a client here:
// notes « about a client » are about clients, not fellow admins.
func (h *Handler) requireClient(ctx context.Context, t *httpapi.Tenant, user uuid.UUID) error {
	if err := t.RequireAdmin(); err != nil {
		return err
	}
	m, err := t.Q.LockMembership(ctx, dbq.LockMembershipParams{WorkspaceID: t.WorkspaceID, UserID: user})
	if db.IsNotFound(err) || (err == nil && m.Role != "client") {
		return httpapi.NotFound()
	}
	return err
}

func (h *Handler) toNote(ctx context.Context, t *httpapi.Tenant, n dbq.Note) Note {
	name := ""
	if u, err := t.Q.GetUser(ctx, t.UserID); err == nil {
		name = u.Name
	}
	return Note{ID: n.ID.String(), Body: n.Body, AuthorName: name, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
}
