package project

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parvis/parvis/internal/activity"
	"github.com/parvis/parvis/internal/approval"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// WaitingItem is something that waits on the client: an approval to give,
// a task blocked by the client, or a request with a question to answer or
// a price to accept. Later modules add payments.
type WaitingItem struct {
	Kind        string    `json:"kind" enum:"approval,task,payment,request"`
	SubKind     string    `json:"subKind" doc:"approval kind (maquette, contenu, livraison, custom), task column, payment kind (acompte, jalon, solde, ticket), or request status (clarify: a question to answer; priced: a price to accept or refuse)"`
	ID          string    `json:"id" format:"uuid"`
	ProjectID   string    `json:"projectId" format:"uuid"`
	ProjectName string    `json:"projectName"`
	Title       string    `json:"title"`
	Detail      string    `json:"detail" doc:"the approval's description, the reason the task is blocked, or the admin's message on the request"`
	Since       time.Time `json:"since"`
	Days        int       `json:"days" doc:"whole days it has been waiting"`
}

func toWaiting(rows []dbq.WaitingItemsRow, now time.Time) []WaitingItem {
	out := make([]WaitingItem, 0, len(rows))
	for _, r := range rows {
		out = append(out, WaitingItem{Kind: r.Kind, SubKind: r.SubKind, ID: r.ID.String(), ProjectID: r.ProjectID.String(),
			ProjectName: r.ProjectName, Title: r.Title, Detail: r.Detail, Since: r.Since, Days: wholeDays(now.Sub(r.Since))})
	}
	return out
}

func wholeDays(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(math.Floor(d.Hours() / 24))
}

// NextStep is what comes next, and where to act on it.
type NextStep struct {
	Title  string  `json:"title"`
	TaskID *string `json:"taskId" format:"uuid"`
}

// LastUpdate is the latest activity on the project.
type LastUpdate struct {
	At        time.Time      `json:"at"`
	ActorName string         `json:"actorName"`
	Action    string         `json:"action"`
	Data      map[string]any `json:"data" doc:"the activity entry's data (title, …) to render the full sentence"`
}

// BallInCourt measures the time the project spent waiting on the client
// and what it does to the delivery date.
type BallInCourt struct {
	Days            int     `json:"days" doc:"summed over every item waiting on the client"`
	Items           int     `json:"items"`
	PlannedDelivery *string `json:"plannedDelivery" format:"date"`
	ShiftedDelivery *string `json:"shiftedDelivery" format:"date" doc:"planned delivery plus the days waited"`
}

// Dashboard is everything the project page shows, in one call.
type Dashboard struct {
	Project      Project       `json:"project"`
	Phases       []Phase       `json:"phases"`
	CurrentPhase *string       `json:"currentPhase" nullable:"true"`
	NextStep     *NextStep     `json:"nextStep,omitempty" doc:"absent when there is no next step"`
	ClientAction *WaitingItem  `json:"clientAction,omitempty" doc:"the oldest thing waiting on the client; absent when nothing waits"`
	Waiting      []WaitingItem `json:"waiting" doc:"the oldest DashboardWaiting (5) things waiting on the client; waitingTotal counts them all"`
	WaitingTotal int           `json:"waitingTotal" doc:"how many things wait on the client in all (the list shows the first few)"`
	BallInCourt  BallInCourt   `json:"ballInCourt"`
	LastUpdate   *LastUpdate   `json:"lastUpdate,omitempty" doc:"absent on a project without activity"`
	// Approvals feed the « À valider » block and its history.
	Approvals []approval.Approval `json:"approvals" doc:"the pending approvals and the latest decided ones, newest first"`
	// ApprovalHistoryTotal counts every decided or cancelled approval; the
	// ones not in Approvals are listed by list-approvals?decided=true.
	ApprovalHistoryTotal int `json:"approvalHistoryTotal"`
}

func (h *Handler) registerDashboard(api huma.API) {
	sec := []map[string][]string{{"session": {}}}
	huma.Register(api, huma.Operation{
		OperationID: "get-dashboard", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/dashboard", Tags: []string{"projects"},
		Summary: "The project at a glance: status and why, next step, client action, phases, progress, last update",
		Errors:  []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		httpapi.ViewAs
	}) (*struct{ Body Dashboard }, error) {
		var out Dashboard
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			var err error
			out, err = h.dashboard(ctx, t, p, in.Admin(t))
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Dashboard }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "list-waiting", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/waiting", Tags: []string{"projects"},
		Summary: "« À vous de jouer » : everything waiting on the client across the caller's projects, oldest first",
		Errors:  []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *WaitingInput) (*struct{ Body WaitingPage }, error) {
		out := &struct{ Body WaitingPage }{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			ids, err := t.Q.VisibleProjectIDs(ctx, dbq.VisibleProjectIDsParams{WorkspaceID: t.WorkspaceID, IsAdmin: t.IsAdmin(), UserID: t.UserID})
			if err != nil {
				return err
			}
			rows, err := t.Q.WaitingItems(ctx, dbq.WaitingItemsParams{ProjectIds: ids, Max: int32(in.Limit)})
			if err != nil {
				return err
			}
			out.Body.Items = toWaiting(rows, h.d.Now())
			if len(rows) < in.Limit {
				out.Body.Total = len(rows)
				return nil
			}
			total, err := t.Q.WaitingCount(ctx, ids)
			out.Body.Total = int(total)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// WaitingInput asks for the oldest waiting items of the caller's projects.
type WaitingInput struct {
	WorkspacePath
	Limit int `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"How many of the oldest items to return"`
}

// WaitingPage is the oldest waiting items and how many wait in all: the
// answer stays small whatever waits.
type WaitingPage struct {
	Items []WaitingItem `json:"items"`
	Total int           `json:"total" doc:"Everything waiting on the client across the caller's projects"`
}

// DashboardWaiting is how many waiting items the dashboard lists.
const DashboardWaiting = 5

// The dashboard's approvals: at most this many pending, and the latest
// decided ones.
const (
	DashboardPendingApprovals = 50
	DashboardApprovalHistory  = 5
)

// dashboard assembles the page from seven queries, whatever the project's size.
// dashboard builds the project's dashboard; admin says whether it may hold
// what only admins see (false for a client, or an admin's client preview).
func (h *Handler) dashboard(ctx context.Context, t *httpapi.Tenant, p dbq.Project, admin bool) (Dashboard, error) {
	now := h.d.Now()
	// The reads do not depend on each other: one round trip for all
	// (Tenant.Pipeline), then the page is assembled from their results.
	var (
		c                Counts
		phases           []dbq.ProjectPhase
		rows             []dbq.ProjectWaitingFirstRow
		sum              dbq.ProjectWaitingSummaryRow
		task             dbq.Task
		taskErr          error
		pending, history []approval.Approval
		decided          int32
		last             dbq.LastProjectActivityRow
		lastErr          error
	)
	err := t.Pipeline(
		func(t *httpapi.Tenant) (err error) { c, err = counts(ctx, t, p.ID); return err },
		func(t *httpapi.Tenant) (err error) { phases, err = t.Q.ListPhases(ctx, p.ID); return err },
		// The first few and a count: the page stays small whatever waits.
		func(t *httpapi.Tenant) (err error) {
			rows, err = t.Q.ProjectWaitingFirst(ctx, dbq.ProjectWaitingFirstParams{ProjectID: p.ID, Max: DashboardWaiting})
			return err
		},
		func(t *httpapi.Tenant) (err error) {
			sum, err = t.Q.ProjectWaitingSummary(ctx, dbq.ProjectWaitingSummaryParams{Now: now, ProjectID: p.ID})
			return err
		},
		func(t *httpapi.Tenant) error {
			if p.NextStep == "" {
				task, taskErr = t.Q.NextTask(ctx, p.ID)
			}
			return nil
		},
		// Every pending approval (a handful in practice; bounded all the
		// same) and the latest decided ones: the history's rest is a page
		// away.
		func(t *httpapi.Tenant) (err error) {
			pending, err = approval.List(ctx, t, p.ID, approval.Page{Status: "pending", Max: DashboardPendingApprovals})
			return err
		},
		func(t *httpapi.Tenant) (err error) {
			history, err = approval.List(ctx, t, p.ID, approval.Page{DecidedOnly: true, Max: DashboardApprovalHistory})
			return err
		},
		func(t *httpapi.Tenant) (err error) { decided, err = t.Q.CountDecidedApprovals(ctx, p.ID); return err },
		func(t *httpapi.Tenant) error {
			last, lastErr = t.Q.LastProjectActivity(ctx, dbq.LastProjectActivityParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID, IsAdmin: admin})
			return nil
		},
	)
	if err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{Project: toProject(p, c)}
	d.Phases = toPhases(phases)
	for _, ph := range d.Phases {
		if ph.State == "current" {
			name := ph.Name
			d.CurrentPhase = &name
		}
	}
	d.Waiting = make([]WaitingItem, 0, len(rows))
	for _, r := range rows {
		d.Waiting = append(d.Waiting, WaitingItem{Kind: r.Kind, SubKind: r.SubKind, ID: r.ID.String(), ProjectID: r.ProjectID.String(),
			ProjectName: r.ProjectName, Title: r.Title, Detail: r.Detail, Since: r.Since, Days: wholeDays(now.Sub(r.Since))})
	}
	d.WaitingTotal = int(sum.Items)
	if len(d.Waiting) > 0 {
		first := d.Waiting[0]
		d.ClientAction = &first
	}
	if p.NextStep != "" {
		d.NextStep = &NextStep{Title: p.NextStep}
	} else if taskErr == nil {
		id := task.ID.String()
		d.NextStep = &NextStep{Title: task.Title, TaskID: &id}
	} else if !db.IsNotFound(taskErr) {
		return d, taskErr
	}
	// Planned delivery: the project's estimate, else the last phase's end.
	planned := p.EstimatedDelivery
	if planned == nil && len(phases) > 0 {
		planned = phases[len(phases)-1].PlannedEnd
	}
	d.BallInCourt = BallInCourt{Items: int(sum.Items), Days: int(sum.Days), PlannedDelivery: httpapi.FormatDate(planned)}
	if planned != nil {
		shifted := planned.AddDate(0, 0, d.BallInCourt.Days)
		d.BallInCourt.ShiftedDelivery = httpapi.FormatDate(&shifted)
	}
	d.Approvals = append(pending, history...)
	d.ApprovalHistoryTotal = len(history)
	if len(history) == DashboardApprovalHistory {
		d.ApprovalHistoryTotal = int(decided)
	}
	if lastErr == nil {
		d.LastUpdate = &LastUpdate{At: last.CreatedAt, ActorName: last.ActorName, Action: last.Action, Data: activity.Visible(last.Data, admin)}
	} else if !db.IsNotFound(lastErr) {
		return d, lastErr
	}
	return d, nil
}
