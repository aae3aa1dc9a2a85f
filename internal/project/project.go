// Package project serves projects (spec module A's container): the list a
// member sees, creation and edition by admins. Dashboards, phases and tasks
// build on it in later modules.
package project

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Handler serves project operations.
type Handler struct{ d *httpapi.Deps }

// New returns the project handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

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
		return "", httpapi.FieldErr(httpapi.CodeInvalidInput, "body."+field, "expected length >= 1", v)
	}
	return t, nil
}

// Register adds the project operations.
func (h *Handler) Register(api huma.API) {
	h.registerPhases(api)
	h.registerDashboard(api)
	h.registerTimeline(api)
	tags := []string{"projects"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "list-projects", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/projects", Tags: tags,
		Summary:     "Projects the caller can see (admins: all; clients: theirs), most recently updated first",
		Description: "Keyset-paged: pass nextCursor as cursor for older ones. total counts them all.",
		Errors:      []int{401, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *ListProjectsInput) (*struct{ Body ProjectPage }, error) {
		out := &struct{ Body ProjectPage }{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) (err error) {
			out.Body, err = listProjects(ctx, t, in.Cursor, in.Limit)
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
			if err := createDefaultPhases(ctx, t, p.ID, h.d.Now()); err != nil {
				return err
			}
			out = toProject(p, Counts{})
			return t.Record(&p.ID, event.ProjectCreated, "project", p.ID.String(), map[string]any{"name": p.Name})
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
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			c, err := counts(ctx, t, p.ID)
			out = toProject(p, c)
			return err
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
			Name              *string `json:"name,omitempty" minLength:"1" maxLength:"120"`
			ClientName        *string `json:"clientName,omitempty" minLength:"1" maxLength:"120"`
			Description       *string `json:"description,omitempty" maxLength:"5000"`
			Status            *string `json:"status,omitempty" enum:"auto,in_progress,waiting_client,done" doc:"auto follows the computed status; any other value fixes it"`
			NextStep          *string `json:"nextStep,omitempty" maxLength:"300"`
			EstimatedDelivery *string `json:"estimatedDelivery,omitempty" doc:"YYYY-MM-DD; empty string clears it"`
		}
	}) (*projectOutput, error) {
		var out Project
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			// Start from the row as last committed, locked until commit:
			// fields not sent keep a concurrent edit's values, and the
			// status change is judged against the status really in force.
			p, err := t.Q.GetProjectForUpdate(ctx, dbq.GetProjectForUpdateParams{WorkspaceID: t.WorkspaceID, ID: p.ID})
			if err != nil {
				return err
			}
			upd := dbq.UpdateProjectParams{Name: p.Name, ClientName: p.ClientName, Description: p.Description,
				StatusOverride: p.StatusOverride, NextStep: p.NextStep, EstimatedDelivery: p.EstimatedDelivery,
				Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: p.ID}
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
			if in.Body.NextStep != nil {
				upd.NextStep = strings.TrimSpace(*in.Body.NextStep)
			}
			if in.Body.EstimatedDelivery != nil {
				if upd.EstimatedDelivery, err = httpapi.ParseDate("body.estimatedDelivery", in.Body.EstimatedDelivery); err != nil {
					return err
				}
			}
			statusChanged := false
			if in.Body.Status != nil {
				var next *string
				if *in.Body.Status != "auto" {
					next = in.Body.Status
				}
				statusChanged = (next == nil) != (p.StatusOverride == nil) || (next != nil && *next != *p.StatusOverride)
				upd.StatusOverride = next
			}
			np, err := t.Q.UpdateProject(ctx, upd)
			if err != nil {
				return err
			}
			c, err := counts(ctx, t, p.ID)
			if err != nil {
				return err
			}
			out = toProject(np, c)
			if statusChanged {
				return t.Record(&p.ID, event.ProjectStatusSet, "project", p.ID.String(), map[string]any{"status": *in.Body.Status})
			}
			return t.Record(&p.ID, event.ProjectUpdated, "project", p.ID.String(), map[string]any{"name": np.Name})
		})
		if err != nil {
			return nil, err
		}
		return &projectOutput{Body: out}, nil
	})
}

func counts(ctx context.Context, t *httpapi.Tenant, id uuid.UUID) (Counts, error) {
	r, err := t.Q.ProjectCounts(ctx, id)
	return Counts{r.PendingApprovals, r.BlockedTasks, r.TotalTasks, r.DoneTasks, r.PendingPayments, r.WaitingTickets, r.NewTickets}, err
}

// ListProjectsInput asks for one page of the caller's projects.
type ListProjectsInput struct {
	WorkspacePath
	Cursor string `query:"cursor" maxLength:"200" doc:"nextCursor of the previous page"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"50" doc:"projects per page"`
}

// ProjectPage is one page of projects, and how many the caller can see in
// all: the sidebar shows the first few and links to the rest.
type ProjectPage struct {
	Projects   []Project `json:"projects"`
	Total      int       `json:"total" doc:"every project the caller can see"`
	NextCursor string    `json:"nextCursor,omitempty" doc:"pass as cursor for the next (older) page; absent on the last"`
}

// listProjects reads one page and the total in one round trip; the
// per-project counts are computed for the page's rows only.
func listProjects(ctx context.Context, t *httpapi.Tenant, cursor string, limit int) (ProjectPage, error) {
	out := ProjectPage{Projects: []Project{}}
	if limit <= 0 {
		limit = 50
	}
	p := dbq.ListProjectsParams{WorkspaceID: t.WorkspaceID, IsAdmin: t.IsAdmin(), UserID: t.UserID, Max: int32(limit + 1)}
	if cursor != "" {
		at, id, ok := httpapi.DecodeCursor(cursor)
		if !ok {
			return out, httpapi.BadCursor(cursor)
		}
		p.Paged, p.BeforeAt, p.BeforeID = true, at, id
	}
	var rows []dbq.ListProjectsRow
	err := t.Pipeline(
		func(t *httpapi.Tenant) (err error) {
			rows, err = t.Q.ListProjects(ctx, p)
			return err
		},
		func(t *httpapi.Tenant) (err error) {
			n, err := t.Q.CountVisibleProjects(ctx, dbq.CountVisibleProjectsParams{WorkspaceID: t.WorkspaceID, IsAdmin: t.IsAdmin(), UserID: t.UserID})
			out.Total = int(n)
			return err
		},
	)
	if err != nil {
		return out, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextCursor = httpapi.EncodeCursor(last.UpdatedAt, last.ID)
	}
	for _, r := range rows {
		pr := dbq.Project{ID: r.ID, WorkspaceID: r.WorkspaceID, Name: r.Name, ClientName: r.ClientName, Description: r.Description,
			CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, StatusOverride: r.StatusOverride,
			NextStep: r.NextStep, EstimatedDelivery: r.EstimatedDelivery}
		out.Projects = append(out.Projects, toProject(pr, Counts{r.PendingApprovals, r.BlockedTasks, r.TotalTasks, r.DoneTasks, r.PendingPayments, r.WaitingTickets, r.NewTickets}))
	}
	return out, nil
}
