// Package project serves projects (spec module A's container): the list a
// member sees, creation and edition by admins. Dashboards, phases and tasks
// build on it in later modules.
package project

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Handler serves project operations.
type Handler struct{ d *httpapi.Deps }

// New returns the project handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

// Project as members see it.
type Project struct {
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name"`
	ClientName  string    `json:"clientName"`
	Description string    `json:"description"`
	Status      string    `json:"status" enum:"in_progress,waiting_client,done"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

func toProject(p dbq.Project) Project {
	return Project{ID: p.ID, Name: p.Name, ClientName: p.ClientName, Description: p.Description, Status: p.Status, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

type WorkspacePath struct {
	Workspace string `path:"workspace" maxLength:"48" doc:"Workspace slug"`
}

type ProjectPath struct {
	WorkspacePath
	Project uuid.UUID `path:"project"`
}

type projectOutput struct{ Body Project }

func trimmed(field, v string, required bool) (string, error) {
	t := strings.TrimSpace(v)
	if required && t == "" {
		return "", httpapi.FieldErr("invalid_input", "body."+field, "expected length >= 1", v)
	}
	return t, nil
}

// Register adds the project operations.
func (h *Handler) Register(api huma.API) {
	tags := []string{"projects"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "list-projects", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/projects", Tags: tags,
		Summary: "Projects the caller can see (admins: all; clients: theirs)", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *WorkspacePath) (*struct {
		Body struct {
			Projects []Project `json:"projects"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Projects []Project `json:"projects"`
			}
		}{}
		out.Body.Projects = []Project{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			rows, err := t.Q.ListProjects(ctx, dbq.ListProjectsParams{WorkspaceID: t.WorkspaceID, IsAdmin: t.IsAdmin(), UserID: t.UserID})
			for _, p := range rows {
				out.Body.Projects = append(out.Body.Projects, toProject(p))
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-project", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: "/api/v1/w/{workspace}/projects", Tags: tags,
		Summary: "Create a project (admin)", DefaultStatus: 201, Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Body struct {
			Name        string `json:"name" minLength:"1" maxLength:"120"`
			ClientName  string `json:"clientName" minLength:"1" maxLength:"120" doc:"The client's company or name"`
			Description string `json:"description,omitempty" maxLength:"5000"`
		}
	}) (*projectOutput, error) {
		name, err := trimmed("name", in.Body.Name, true)
		if err != nil {
			return nil, err
		}
		client, err := trimmed("clientName", in.Body.ClientName, true)
		if err != nil {
			return nil, err
		}
		var out Project
		err = h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			p, err := t.Q.CreateProject(ctx, dbq.CreateProjectParams{WorkspaceID: t.WorkspaceID, Name: name, ClientName: client,
				Description: strings.TrimSpace(in.Body.Description), CreatedBy: &t.UserID, Now: h.d.Now()})
			if err != nil {
				return err
			}
			out = toProject(p)
			return t.Record(&p.ID, "project.created", "project", p.ID.String(), map[string]any{"name": p.Name})
		})
		if err != nil {
			return nil, err
		}
		return &projectOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-project", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/projects/{project}", Tags: tags,
		Summary: "One project", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*projectOutput, error) {
		var out Project
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(_ *httpapi.Tenant, p dbq.Project) error {
			out = toProject(p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &projectOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-project", Metadata: httpapi.AdminOnly, Method: http.MethodPatch, Path: "/api/v1/w/{workspace}/projects/{project}", Tags: tags,
		Summary: "Edit a project (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Name        *string `json:"name,omitempty" minLength:"1" maxLength:"120"`
			ClientName  *string `json:"clientName,omitempty" minLength:"1" maxLength:"120"`
			Description *string `json:"description,omitempty" maxLength:"5000"`
			Status      *string `json:"status,omitempty" enum:"in_progress,waiting_client,done"`
		}
	}) (*projectOutput, error) {
		var out Project
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			upd := dbq.UpdateProjectParams{Name: p.Name, ClientName: p.ClientName, Description: p.Description, Status: p.Status,
				Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: p.ID}
			var err error
			if in.Body.Name != nil {
				if upd.Name, err = trimmed("name", *in.Body.Name, true); err != nil {
					return err
				}
			}
			if in.Body.ClientName != nil {
				if upd.ClientName, err = trimmed("clientName", *in.Body.ClientName, true); err != nil {
					return err
				}
			}
			if in.Body.Description != nil {
				upd.Description = strings.TrimSpace(*in.Body.Description)
			}
			if in.Body.Status != nil {
				upd.Status = *in.Body.Status
			}
			np, err := t.Q.UpdateProject(ctx, upd)
			if err != nil {
				return err
			}
			out = toProject(np)
			return t.Record(&p.ID, "project.updated", "project", p.ID.String(), map[string]any{"name": np.Name})
		})
		if err != nil {
			return nil, err
		}
		return &projectOutput{Body: out}, nil
	})
}
