package project

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// DefaultPhases is the timeline every new project starts with.
var DefaultPhases = []string{"Design", "Dev", "Recette", "Livraison"}

func createDefaultPhases(ctx context.Context, t *httpapi.Tenant, projectID uuid.UUID, now time.Time) error {
	for i, name := range DefaultPhases {
		if _, err := t.Q.CreatePhase(ctx, dbq.CreatePhaseParams{WorkspaceID: t.WorkspaceID, ProjectID: projectID, Name: name, Position: int32(i), CreatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

// Phase is one step of the project's timeline.
type Phase struct {
	ID           string  `json:"id" format:"uuid"`
	Name         string  `json:"name"`
	Position     int     `json:"position"`
	PlannedStart *string `json:"plannedStart" format:"date"`
	PlannedEnd   *string `json:"plannedEnd" format:"date"`
	ActualStart  *string `json:"actualStart" format:"date"`
	ActualEnd    *string `json:"actualEnd" format:"date"`
	State        string  `json:"state" enum:"done,current,upcoming"`
}

// toPhases marks the first phase without an actual end as current.
func toPhases(rows []dbq.ProjectPhase) []Phase {
	out := make([]Phase, 0, len(rows))
	current := false
	for _, r := range rows {
		state := "upcoming"
		switch {
		case r.ActualEnd != nil:
			state = "done"
		case !current:
			state, current = "current", true
		}
		out = append(out, Phase{ID: r.ID.String(), Name: r.Name, Position: int(r.Position),
			PlannedStart: httpapi.FormatDate(r.PlannedStart), PlannedEnd: httpapi.FormatDate(r.PlannedEnd),
			ActualStart: httpapi.FormatDate(r.ActualStart), ActualEnd: httpapi.FormatDate(r.ActualEnd), State: state})
	}
	return out
}

// PhaseInput is one phase in a full replacement of the timeline.
type PhaseInput struct {
	ID           *string `json:"id,omitempty" format:"uuid" doc:"Omit for a new phase"`
	Name         string  `json:"name" minLength:"1" maxLength:"60"`
	PlannedStart *string `json:"plannedStart,omitempty" doc:"YYYY-MM-DD"`
	PlannedEnd   *string `json:"plannedEnd,omitempty" doc:"YYYY-MM-DD"`
	ActualStart  *string `json:"actualStart,omitempty" doc:"YYYY-MM-DD"`
	ActualEnd    *string `json:"actualEnd,omitempty" doc:"YYYY-MM-DD"`
}

func (h *Handler) registerPhases(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "put-phases", Metadata: httpapi.AdminOnly, Method: http.MethodPut,
		Path: "/api/v1/w/{workspace}/projects/{project}/phases", Tags: []string{"projects"},
		Summary: "Replace the phase timeline: rename, add, reorder, remove (admin)", Errors: []int{401, 403, 404, 422},
		Security: []map[string][]string{{"session": {}}},
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Phases []PhaseInput `json:"phases" minItems:"1" maxItems:"12"`
		}
	}) (*struct {
		Body struct {
			Phases []Phase `json:"phases"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Phases []Phase `json:"phases"`
			}
		}{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			// The board lock: two replacements run one after the other (the
			// second sees the first's phases, and positions stay unique),
			// and a task write checking a phase never sees it vanish.
			if err := t.Q.LockProject(ctx, p.ID.String()); err != nil {
				return err
			}
			existing, err := t.Q.ListPhases(ctx, p.ID)
			if err != nil {
				return err
			}
			known := map[uuid.UUID]bool{}
			for _, e := range existing {
				known[e.ID] = true
			}
			keep := []uuid.UUID{}
			type row struct {
				id     *uuid.UUID
				params dbq.CreatePhaseParams
			}
			rows := []row{}
			for i, ph := range in.Body.Phases {
				loc := func(f string) string { return "body.phases[" + strconv.Itoa(i) + "]." + f }
				name := strings.TrimSpace(ph.Name)
				if name == "" {
					return httpapi.FieldErr(httpapi.CodeInvalidInput, loc("name"), "expected length >= 1", ph.Name)
				}
				r := row{params: dbq.CreatePhaseParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Name: name, Position: int32(i), CreatedAt: h.d.Now()}}
				for _, d := range []struct {
					f   string
					src *string
					dst **time.Time
				}{{"plannedStart", ph.PlannedStart, &r.params.PlannedStart}, {"plannedEnd", ph.PlannedEnd, &r.params.PlannedEnd},
					{"actualStart", ph.ActualStart, &r.params.ActualStart}, {"actualEnd", ph.ActualEnd, &r.params.ActualEnd}} {
					if *d.dst, err = httpapi.ParseDate(loc(d.f), d.src); err != nil {
						return err
					}
				}
				if r.params.PlannedStart != nil && r.params.PlannedEnd != nil && r.params.PlannedEnd.Before(*r.params.PlannedStart) {
					return httpapi.FieldErr(httpapi.CodeInvalidInput, loc("plannedEnd"), "the planned end is before the planned start", *ph.PlannedEnd)
				}
				if ph.ID != nil {
					id, err := uuid.Parse(*ph.ID)
					if err != nil || !known[id] {
						return httpapi.FieldErr(httpapi.CodeStalePhase, loc("id"), "this phase does not exist (any more)", *ph.ID)
					}
					r.id = &id
					keep = append(keep, id)
				}
				rows = append(rows, r)
			}
			if err := t.Q.DeletePhasesExcept(ctx, dbq.DeletePhasesExceptParams{ProjectID: p.ID, Keep: keep}); err != nil {
				return err
			}
			for _, r := range rows {
				if r.id != nil {
					if _, err := t.Q.UpdatePhase(ctx, dbq.UpdatePhaseParams{Name: r.params.Name, Position: r.params.Position,
						PlannedStart: r.params.PlannedStart, PlannedEnd: r.params.PlannedEnd, ActualStart: r.params.ActualStart,
						ActualEnd: r.params.ActualEnd, ProjectID: p.ID, ID: *r.id}); err != nil {
						return err
					}
				} else if _, err := t.Q.CreatePhase(ctx, r.params); err != nil {
					return err
				}
			}
			phases, err := t.Q.ListPhases(ctx, p.ID)
			if err != nil {
				return err
			}
			out.Body.Phases = toPhases(phases)
			if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: p.ID}); err != nil {
				return err
			}
			return t.Record(&p.ID, event.PhaseUpdated, "project", p.ID.String(), map[string]any{"count": len(phases)})
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}
