package project

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// ActivityEntry is one line of the project's journal (spec 3.3). Action is
// a stable code ("task.moved", "approval.requested", …) the UI renders in
// the viewer's language and time zone; At is UTC.
type ActivityEntry struct {
	ID         int64          `json:"id"`
	Action     string         `json:"action"`
	ActorName  string         `json:"actorName"`
	ObjectType string         `json:"objectType"`
	ObjectID   string         `json:"objectId"`
	Data       map[string]any `json:"data"`
	At         time.Time      `json:"at"`
}

func (h *Handler) registerTimeline(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "list-activity", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/activity", Tags: []string{"activity"},
		Summary: "The project's activity log, newest first (clients do not see entries about private notes)",
		Errors:  []int{401, 404, 422}, Security: []map[string][]string{{"session": {}}},
	}, func(ctx context.Context, in *struct {
		ProjectPath
		httpapi.ViewAs
		Family string `query:"family" enum:"all,project,phase,task,approval,note,invitation,file" default:"all" doc:"filter by kind of object"`
		Before int64  `query:"before" minimum:"0" doc:"id of the last entry already shown (next page)"`
		Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	}) (*struct {
		Body struct {
			Entries    []ActivityEntry `json:"entries"`
			NextBefore *int64          `json:"nextBefore" doc:"pass as before= for the next page; null at the end"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Entries    []ActivityEntry `json:"entries"`
				NextBefore *int64          `json:"nextBefore" doc:"pass as before= for the next page; null at the end"`
			}
		}{}
		out.Body.Entries = []ActivityEntry{}
		family := in.Family
		if family == "all" {
			family = ""
		}
		limit := in.Limit
		if limit == 0 {
			limit = 50
		}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			admin := in.Admin(t)
			rows, err := t.Q.ListProjectActivity(ctx, dbq.ListProjectActivityParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID,
				IsAdmin: admin, Family: family, BeforeID: in.Before, MaxRows: int32(limit)})
			if err != nil {
				return err
			}
			for _, r := range rows {
				out.Body.Entries = append(out.Body.Entries, ActivityEntry{ID: r.ID, Action: r.Action, ActorName: r.ActorName,
					ObjectType: r.ObjectType, ObjectID: r.ObjectID, Data: activity.Visible(r.Data, admin), At: r.CreatedAt.UTC()})
			}
			if len(rows) == limit {
				last := rows[len(rows)-1].ID
				out.Body.NextBefore = &last
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}
