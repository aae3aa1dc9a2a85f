// Package board serves the project's kanban (spec module B): core tasks
// created by the admin, in the columns Backlog projet, En cours, En
// attente client and Terminé, ordered by fractional keys. Clients read the
// same board; every write is admin-only, in the API and in the database.
// The "Demandes client" column is filled by the tickets module.
package board

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Columns of the board, in display order. "requests" (Demandes client)
// holds tickets awaiting a decision, not tasks.
var Columns = []string{"backlog", "in_progress", "waiting_client", "done"}

// Column labels as the activity log and the UI say them.
var columnLabels = map[string]string{"backlog": "Backlog projet", "in_progress": "En cours", "waiting_client": "En attente client", "done": "Terminé"}

// Handler serves the board.
type Handler struct {
	d     *httpapi.Deps
	cache boardCache
}

// New returns the board handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

// board reads the board of p as t sees it (origin: all, project or request).
func (h *Handler) board(ctx context.Context, t *httpapi.Tenant, p dbq.Project, origin string) (Board, error) {
	rows, err := t.Q.ListBoardCards(ctx, p.ID)
	if err != nil {
		return Board{}, err
	}
	byCol := map[string][]Card{}
	var blocked []uuid.UUID
	for _, r := range rows {
		if origin != "all" && r.Origin != origin {
			continue
		}
		c := toCard(r)
		if c.Blocked != nil {
			blocked = append(blocked, r.ID)
		}
		byCol[r.BoardColumn] = append(byCol[r.BoardColumn], c)
	}
	if len(blocked) > 0 {
		if err := h.blockedReasons(ctx, t, p.ID, blocked, byCol); err != nil {
			return Board{}, err
		}
	}
	out := Board{Requests: []RequestCard{}, CanEdit: t.IsAdmin(), Columns: make([]Column, 0, len(Columns))}
	reqs, err := t.Q.ListUndecidedTickets(ctx, dbq.ListUndecidedTicketsParams{WorkspaceID: t.WorkspaceID, ProjectID: &p.ID})
	if err != nil {
		return Board{}, err
	}
	for _, r := range reqs {
		out.Requests = append(out.Requests, RequestCard{ID: r.ID.String(), Number: int(r.Number), Type: r.Type, Title: r.Title, Status: r.Status, CreatedAt: r.CreatedAt})
	}
	out.RequestCount = len(out.Requests)
	for _, c := range Columns {
		tasks := byCol[c]
		if tasks == nil {
			tasks = []Card{}
		}
		out.Columns = append(out.Columns, Column{Key: c, Label: columnLabels[c], Tasks: tasks})
	}
	return out, nil
}

// blockedReasons fills in the reasons of the blocked cards, which the
// board's index does not carry (migration 00030): a primary-key read of
// those few rows.
func (h *Handler) blockedReasons(ctx context.Context, t *httpapi.Tenant, project uuid.UUID, ids []uuid.UUID, byCol map[string][]Card) error {
	rows, err := t.Q.BlockedReasons(ctx, dbq.BlockedReasonsParams{ProjectID: project, Ids: ids})
	if err != nil {
		return err
	}
	why := make(map[string]string, len(rows))
	for _, r := range rows {
		why[r.ID.String()] = r.BlockedReason
	}
	for _, cards := range byCol {
		for i := range cards {
			if cards[i].Blocked != nil {
				cards[i].Blocked.Reason = why[cards[i].ID]
			}
		}
	}
	return nil
}

// Blocked says whether the client holds the task up, and why.
type Blocked struct {
	ByClient bool       `json:"byClient"`
	Reason   string     `json:"reason"`
	Since    *time.Time `json:"since"`
}

// Task is a card of the board.
type Task struct {
	ID            string     `json:"id" format:"uuid"`
	Title         string     `json:"title"`
	Description   string     `json:"description" doc:"Markdown; rendered without raw HTML"`
	PhaseID       *string    `json:"phaseId" format:"uuid"`
	DueDate       *string    `json:"dueDate" format:"date"`
	AssigneeLabel string     `json:"assigneeLabel"`
	Column        string     `json:"column" enum:"backlog,in_progress,waiting_client,done"`
	Rank          string     `json:"rank"`
	Origin        string     `json:"origin" enum:"project,request" doc:"project: core task (badge Projet); request: from an accepted ticket (badge Demande client)"`
	RequestID     *string    `json:"requestId" format:"uuid" doc:"the client request the task was made from (link « Demande #n »)"`
	Blocked       Blocked    `json:"blocked"`
	CreatedAt     time.Time  `json:"createdAt"`
	UpdatedAt     time.Time  `json:"updatedAt"`
	CompletedAt   *time.Time `json:"completedAt"`
}

// TaskDetail is a task opened: with the files the client sent with the
// request it was made from (its comments' files stay in its thread).
type TaskDetail struct {
	Task
	Attachments []RequestFile `json:"attachments" doc:"empty for a core task"`
}

// RequestFile is a file attached to a client request.
type RequestFile struct {
	FileID      string `json:"fileId" format:"uuid"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	HasThumb    bool   `json:"hasThumb"`
}

func toTask(t dbq.Task) Task {
	out := Task{ID: t.ID.String(), Title: t.Title, Description: t.Description, DueDate: httpapi.FormatDate(t.DueDate),
		AssigneeLabel: t.AssigneeLabel, Column: t.BoardColumn, Rank: t.Rank, Origin: t.Origin,
		Blocked:   Blocked{ByClient: t.BlockedByClient, Reason: t.BlockedReason, Since: t.BlockedSince},
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, CompletedAt: t.CompletedAt}
	if t.TicketID != nil {
		s := t.TicketID.String()
		out.RequestID = &s
	}
	if t.PhaseID != nil {
		s := t.PhaseID.String()
		out.PhaseID = &s
	}
	return out
}

// ExcerptChars is how much of a description a card carries: enough for
// its two-line hint; the whole task is one GET away (get-task). The
// database keeps it (tasks.card_excerpt, migration 00030): change both.
const ExcerptChars = 100

// Card is a task as the board shows it: everything on the card, the
// description only as its first characters, empty fields left out.
type Card struct {
	ID            string   `json:"id" format:"uuid"`
	Title         string   `json:"title"`
	Excerpt       string   `json:"excerpt,omitempty" doc:"the first characters of the markdown description, cut; absent when there is none"`
	PhaseID       *string  `json:"phaseId,omitempty" format:"uuid"`
	DueDate       *string  `json:"dueDate,omitempty" format:"date"`
	AssigneeLabel string   `json:"assigneeLabel,omitempty"`
	Column        string   `json:"column" enum:"backlog,in_progress,waiting_client,done"`
	Rank          string   `json:"rank"`
	Origin        string   `json:"origin,omitempty" enum:"project,request" doc:"request: from an accepted ticket (badge Demande client); absent for a core task (badge Projet)"`
	RequestID     *string  `json:"requestId,omitempty" format:"uuid" doc:"the client request the task was made from; absent for a core task"`
	Blocked       *Blocked `json:"blocked,omitempty" doc:"absent when the client does not hold the task up"`
}

func toCard(r dbq.ListBoardCardsRow) Card {
	c := Card{ID: r.ID.String(), Title: r.Title, Excerpt: r.CardExcerpt, DueDate: httpapi.FormatDate(r.DueDate),
		AssigneeLabel: r.AssigneeLabel, Column: r.BoardColumn, Rank: r.Rank}
	if r.Origin != "project" {
		c.Origin = r.Origin
	}
	if r.TicketID != nil {
		s := r.TicketID.String()
		c.RequestID = &s
	}
	if r.PhaseID != nil {
		s := r.PhaseID.String()
		c.PhaseID = &s
	}
	if r.BlockedByClient {
		c.Blocked = &Blocked{ByClient: true, Since: r.BlockedSince}
	}
	return c
}

// Column is one column of the board with its cards in order.
type Column struct {
	Key   string `json:"key" enum:"backlog,in_progress,waiting_client,done"`
	Label string `json:"label"`
	Tasks []Card `json:"tasks"`
}

// RequestCard is a client request awaiting a decision ("Demandes
// client"): new (the admin decides) or clarify (the client answers).
type RequestCard struct {
	ID        string    `json:"id" format:"uuid"`
	Number    int       `json:"number"`
	Type      string    `json:"type" enum:"bug,modif,amelioration,question"`
	Title     string    `json:"title"`
	Status    string    `json:"status" enum:"new,clarify"`
	CreatedAt time.Time `json:"createdAt"`
}

// Board is the whole kanban.
type Board struct {
	Columns  []Column      `json:"columns"`
	Requests []RequestCard `json:"requests" doc:"Demandes client: requests awaiting a decision, oldest first"`
	// RequestCount is the number of undecided requests (the column's count).
	RequestCount int  `json:"requestCount"`
	CanEdit      bool `json:"canEdit" doc:"true for admins; clients read only"`
}

// ProjectPath is the path of project routes.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48"`
	Project   uuid.UUID `path:"project"`
}

// TaskPath is the path of one task.
type TaskPath struct {
	ProjectPath
	Task uuid.UUID `path:"task"`
}

// TaskInput is the editable part of a task.
type TaskInput struct {
	Title         *string `json:"title,omitempty" minLength:"1" maxLength:"200"`
	Description   *string `json:"description,omitempty" maxLength:"20000"`
	PhaseID       *string `json:"phaseId,omitempty" doc:"uuid of a phase of this project; empty string clears"`
	DueDate       *string `json:"dueDate,omitempty" doc:"YYYY-MM-DD; empty string clears"`
	AssigneeLabel *string `json:"assigneeLabel,omitempty" maxLength:"80"`
	// Blocking by the client: true needs a reason.
	BlockedByClient *bool   `json:"blockedByClient,omitempty"`
	BlockedReason   *string `json:"blockedReason,omitempty" maxLength:"500"`
}

type taskOutput struct{ Body Task }

// NewTask is what CreateTask needs: the editable fields (Title required),
// the column (backlog when empty) and where the task comes from.
type NewTask struct {
	TaskInput
	Column string
	// Origin is "project" for a core task, "request" for one made from a
	// client request (badge « Demande client »).
	Origin string
	// TicketID is the request the task is made from (Origin "request"):
	// the database lets a request become a task only once.
	TicketID *uuid.UUID
}

// CreateTask adds a task at the end of its column in the caller's
// transaction: it validates the input against the project, allocates a
// rank after the column's last, touches the project and records
// "task.created". The create-task route and every other path that makes a
// task (an accepted or paid client request) go through here, so a task is
// always made the same way.
//
// Creates take no board lock: the rank is the one after the column's last
// plus two random digits, so concurrent creates in one column pick
// different ranks (their relative order is the order they raced in, any
// of which is right), and the unique index on live ranks (migration 00007)
// turns the rare tie into a retry from a fresh last rank (the insert
// writes nothing on that conflict). No two live tasks share a rank, none lands before a task
// committed before it started, and writers never queue on each other.
func (h *Handler) CreateTask(ctx context.Context, t *httpapi.Tenant, p dbq.Project, in NewTask) (dbq.Task, error) {
	u := dbq.UpdateTaskParams{}
	if err := h.apply(ctx, t, p.ID, in.TaskInput, &u); err != nil {
		return dbq.Task{}, err
	}
	col := in.Column
	if col == "" {
		col = "backlog"
	}
	origin := in.Origin
	if origin == "" {
		origin = "project"
	}
	if col == "waiting_client" && !u.BlockedByClient {
		return dbq.Task{}, httpapi.FieldErr(httpapi.CodeReasonRequired, "body.blockedReason", "a task in waiting_client waits on the client: say what the client must do", "")
	}
	now := h.d.Now()
	var completed *time.Time
	if col == "done" {
		completed = &now
	}
	// The project's touch rides with the insert (DeferTx). The column's
	// last rank is read and the task written in one statement
	// (board_rank_after is Between(last, "") in SQL); a tie with a
	// concurrent create that committed the same rank first writes nothing
	// (ON CONFLICT DO NOTHING) and is tried again from the new last rank.
	if err := touchSoon(ctx, t, p.ID, now); err != nil {
		return dbq.Task{}, err
	}
	var (
		task dbq.Task
		err  error
	)
	for attempt := 0; ; attempt++ {
		task, err = t.Q.CreateTaskAtEnd(ctx, dbq.CreateTaskAtEndParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Title: u.Title,
			Description: u.Description, PhaseID: u.PhaseID, DueDate: u.DueDate, AssigneeLabel: u.AssigneeLabel, BoardColumn: col,
			Suffix: randomDigits(), Origin: origin, TicketID: in.TicketID, CreatedBy: t.Actor(), Now: now, CompletedAt: completed})
		if !db.IsNotFound(err) {
			break
		}
		if attempt == 20 {
			return task, errors.New("create task: the column's end was taken 21 times in a row")
		}
	}
	if db.IsForeignKeyViolation(err) && u.PhaseID != nil {
		// The phase was deleted since apply checked it.
		return task, httpapi.FieldErr(httpapi.CodeUnknownPhase, "body.phaseId", "this phase does not belong to the project", u.PhaseID.String())
	}
	if err != nil {
		return task, err
	}
	if u.BlockedByClient {
		u.ProjectID, u.ID, u.Now = p.ID, task.ID, now
		if task, err = t.Q.UpdateTask(ctx, u); err != nil {
			return task, err
		}
	}
	return task, t.Record(&p.ID, event.TaskCreated, "task", task.ID.String(), map[string]any{"title": task.Title, "column": col})
}

// randomDigits are two rank digits that keep a rank valid (the last is
// never '0'): 3 782 ways for concurrent creates to differ.
func randomDigits() string {
	return string([]byte{digits[rand.IntN(base)], digits[1+rand.IntN(base-1)]})
}

// lockTaskRow takes the task's row lock only (moves: see move-task) and
// returns the task as last committed, like lockTask.
func (h *Handler) lockTaskRow(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (dbq.Task, error) {
	task, err := t.Q.GetTaskForUpdate(ctx, dbq.GetTaskForUpdateParams{ProjectID: projectID, ID: id})
	if db.IsNotFound(err) {
		return task, httpapi.NotFound()
	}
	if err == nil && task.DeletedAt != nil {
		return task, httpapi.Err(httpapi.CodeTaskDeleted, "this task was deleted")
	}
	return task, err
}

// lockTask takes the project's board lock, then the task's row lock, and
// returns the task as last committed: 404 when it does not exist, 410 when
// it is deleted. Every write of a task starts here, so two writes of the
// same task run one after the other and each builds on the other's result
// (security guide point 28). The board lock comes first, always, which
// keeps one lock order with phase edits and restores (no deadlock); moves
// take the row lock alone and never wait for the board lock, so they
// cannot close a cycle either.
func (h *Handler) lockTask(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (dbq.Task, error) {
	if err := t.Q.LockProject(ctx, projectID.String()); err != nil {
		return dbq.Task{}, err
	}
	task, err := t.Q.GetTaskForUpdate(ctx, dbq.GetTaskForUpdateParams{ProjectID: projectID, ID: id})
	if db.IsNotFound(err) {
		return task, httpapi.NotFound()
	}
	if err == nil && task.DeletedAt != nil {
		return task, httpapi.Err(httpapi.CodeTaskDeleted, "this task was deleted")
	}
	return task, err
}

// apply validates in against the project and writes it onto params.
func (h *Handler) apply(ctx context.Context, t *httpapi.Tenant, projectID uuid.UUID, in TaskInput, u *dbq.UpdateTaskParams) error {
	if in.Title != nil {
		title := strings.TrimSpace(*in.Title)
		if title == "" {
			return httpapi.FieldErr(httpapi.CodeInvalidInput, "body.title", "expected length >= 1", *in.Title)
		}
		u.Title = title
	}
	if in.Description != nil {
		u.Description = strings.TrimSpace(*in.Description)
	}
	if in.AssigneeLabel != nil {
		u.AssigneeLabel = strings.TrimSpace(*in.AssigneeLabel)
	}
	if in.DueDate != nil {
		d, err := httpapi.ParseDate("body.dueDate", in.DueDate)
		if err != nil {
			return err
		}
		u.DueDate = d
	}
	if in.PhaseID != nil {
		if *in.PhaseID == "" {
			u.PhaseID = nil
		} else {
			id, err := uuid.Parse(*in.PhaseID)
			if err != nil {
				return httpapi.FieldErr(httpapi.CodeInvalidInput, "body.phaseId", "expected a phase id", *in.PhaseID)
			}
			phases, err := t.Q.ListPhases(ctx, projectID)
			if err != nil {
				return err
			}
			found := false
			for _, p := range phases {
				found = found || p.ID == id
			}
			if !found {
				return httpapi.FieldErr(httpapi.CodeUnknownPhase, "body.phaseId", "this phase does not belong to the project", *in.PhaseID)
			}
			u.PhaseID = &id
		}
	}
	if in.BlockedReason != nil {
		u.BlockedReason = strings.TrimSpace(*in.BlockedReason)
	}
	if in.BlockedByClient != nil {
		u.BlockedByClient = *in.BlockedByClient
	}
	if u.BlockedByClient {
		if u.BlockedReason == "" {
			return httpapi.FieldErr(httpapi.CodeReasonRequired, "body.blockedReason", "say what the client must do", "")
		}
		if u.BlockedSince == nil {
			now := h.d.Now()
			u.BlockedSince = &now
		}
	} else {
		u.BlockedSince, u.BlockedReason = nil, ""
	}
	return nil
}

// recordBlockChange writes « bloquée par le client » / « débloquée » when
// the change from before to after did that, and says whether it wrote.
func recordBlockChange(t *httpapi.Tenant, project uuid.UUID, before, after dbq.Task) (bool, error) {
	switch {
	case after.BlockedByClient && !before.BlockedByClient:
		return true, t.Record(&project, event.TaskBlocked, "task", after.ID.String(), map[string]any{"title": after.Title, "reason": after.BlockedReason})
	case !after.BlockedByClient && before.BlockedByClient:
		return true, t.Record(&project, event.TaskUnblocked, "task", after.ID.String(), map[string]any{"title": after.Title})
	}
	return false, nil
}

// blockOnMove keeps the « En attente client » column honest: a task in it
// waits on the client (so the project status and the ball in court count
// it), with a reason the client can act on; leaving it, or being done,
// lifts the block. A blocked task elsewhere (e.g. in the backlog) stays
// blocked when moved between other columns.
func blockOnMove(mv *dbq.MoveTaskParams, from string, reason *string, now time.Time) error {
	r := ""
	if reason != nil {
		r = strings.TrimSpace(*reason)
	}
	switch {
	case mv.BoardColumn == "waiting_client":
		if r != "" {
			mv.BlockedReason = r
		}
		if !mv.BlockedByClient {
			if r == "" {
				return httpapi.FieldErr(httpapi.CodeReasonRequired, "body.blockedReason", "say what the client must do", "")
			}
			mv.BlockedByClient, mv.BlockedSince = true, &now
		}
	case mv.BoardColumn == "done" || from == "waiting_client":
		mv.BlockedByClient, mv.BlockedReason, mv.BlockedSince = false, "", nil
	}
	return nil
}

// Register adds the board operations.
func (h *Handler) Register(api huma.API) {
	tags := []string{"board"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "get-board", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/board", Tags: tags,
		Summary: "The kanban: columns with their tasks in order, and the client requests column", Errors: []int{401, 404}, Security: sec,
		Description: "Answers with an ETag: a request whose If-None-Match names the current one gets 304 Not Modified.",
		// The body is encoded once per board version (cache.go) and sent
		// as bytes; its schema is declared here as huma would.
		Responses: map[string]*huma.Response{"200": {Description: "OK", Content: map[string]*huma.MediaType{
			"application/json": {Schema: api.OpenAPI().Components.Schemas.Schema(reflect.TypeOf(Board{}), true, "Board")}}}},
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Origin string `query:"origin" enum:"all,project,request" default:"all" doc:"filter: all tasks, core tasks (Projet) or tasks from requests (Demande client)"`
	}) (*struct{ Body func(huma.Context) }, error) {
		origin := in.Origin
		if origin == "" {
			origin = "all"
		}
		var (
			e   *encodedBoard
			k   cacheKey
			ver string
			b   Board
		)
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			var err error
			if ver, err = t.Q.BoardVersion(ctx, p.ID); err != nil {
				return err
			}
			k = cacheKey{project: p.ID, admin: t.IsAdmin(), origin: origin}
			if e = h.cache.get(k, ver); e != nil {
				return nil
			}
			b, err = h.board(ctx, t, p, origin)
			return err
		})
		if err != nil {
			return nil, err
		}
		if e == nil {
			if e, err = encodeBoard(k, ver, &b); err != nil {
				return nil, err
			}
			h.cache.put(k, e)
		}
		return &struct{ Body func(huma.Context) }{Body: e.write}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-task", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}", Tags: tags,
		Summary: "One task with its full description (a card opened, a link to a task)", Errors: []int{401, 404, 410}, Security: sec,
	}, func(ctx context.Context, in *TaskPath) (*struct{ Body TaskDetail }, error) {
		out := TaskDetail{Attachments: []RequestFile{}}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			task, err := t.Q.GetTask(ctx, dbq.GetTaskParams{ProjectID: p.ID, ID: in.Task})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			if task.DeletedAt != nil {
				return httpapi.Err(httpapi.CodeTaskDeleted, "this task was deleted")
			}
			out.Task = toTask(task)
			if task.TicketID == nil {
				return nil
			}
			files, err := t.Q.ListTicketAttachments(ctx, *task.TicketID)
			if err != nil {
				return err
			}
			for _, f := range files {
				if f.CommentID == nil {
					out.Attachments = append(out.Attachments, RequestFile{FileID: f.FileID.String(), Name: f.Name, Type: f.Type,
						ContentType: f.ContentType, Size: f.Size, HasThumb: f.HasThumb})
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body TaskDetail }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-task", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks", Tags: tags, DefaultStatus: 201,
		Summary: "Create a core task at the end of a column (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			TaskInput
			Title  string `json:"title" minLength:"1" maxLength:"200"`
			Column string `json:"column,omitempty" enum:"backlog,in_progress,waiting_client,done" default:"backlog"`
		}
	}) (*taskOutput, error) {
		var out Task
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			input := in.Body.TaskInput
			input.Title = &in.Body.Title
			task, err := h.CreateTask(ctx, t, p, NewTask{TaskInput: input, Column: in.Body.Column, Origin: "project"})
			out = toTask(task)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &taskOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-task", Metadata: httpapi.AdminOnly, Method: http.MethodPatch,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}", Tags: tags,
		Summary: "Edit a task, or mark it blocked by the client with a reason (admin)", Errors: []int{401, 403, 404, 410, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		TaskPath
		Body TaskInput
	}) (*taskOutput, error) {
		var out Task
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			// Every field not sent keeps its committed value: the row is
			// locked, so no concurrent write lands between read and write.
			task, err := h.lockTask(ctx, t, p.ID, in.Task)
			if err != nil {
				return err
			}
			u := dbq.UpdateTaskParams{Title: task.Title, Description: task.Description, PhaseID: task.PhaseID, DueDate: task.DueDate,
				AssigneeLabel: task.AssigneeLabel, BlockedByClient: task.BlockedByClient, BlockedReason: task.BlockedReason,
				BlockedSince: task.BlockedSince, Now: h.d.Now(), ProjectID: p.ID, ID: task.ID}
			if err := h.apply(ctx, t, p.ID, in.Body, &u); err != nil {
				return err
			}
			if task.BoardColumn == "waiting_client" && !u.BlockedByClient {
				return httpapi.FieldErr(httpapi.CodeTaskWaitingClient, "body.blockedByClient", "a task in waiting_client waits on the client: move it to another column to lift the block", false)
			}
			nt, err := t.Q.UpdateTask(ctx, u)
			if err != nil {
				return err
			}
			out = toTask(nt)
			if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: u.Now, WorkspaceID: t.WorkspaceID, ID: p.ID}); err != nil {
				return err
			}
			if recorded, err := recordBlockChange(t, p.ID, task, nt); recorded || err != nil {
				return err
			}
			return t.Record(&p.ID, event.TaskUpdated, "task", nt.ID.String(), map[string]any{"title": nt.Title})
		})
		if err != nil {
			return nil, err
		}
		return &taskOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "move-task", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}/move", Tags: tags,
		Summary: "Move a task within or across columns, right after another task (or to the top) (admin)",
		Description: "Into « En attente client » the task becomes blocked by the client: a task not blocked yet needs " +
			"blockedReason (what the client must do). Out of that column, or into « Terminé », the block is lifted.",
		Errors: []int{401, 403, 404, 409, 410, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		TaskPath
		Body struct {
			Column        string  `json:"column" enum:"backlog,in_progress,waiting_client,done"`
			AfterTaskID   *string `json:"afterTaskId,omitempty" format:"uuid" doc:"place right after this task of the target column; omit for the top"`
			BlockedReason *string `json:"blockedReason,omitempty" maxLength:"500" doc:"into waiting_client: what the client must do (required unless the task is already blocked)"`
		}
	}) (*taskOutput, error) {
		var out Task
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			// Moves take no board lock, only the moved task's row lock
			// (two writes of one task run one after the other). The rank
			// is computed from the neighbours as committed; a concurrent
			// move or create that took the same rank makes the unique
			// index refuse this one, and withRank computes it again from
			// the winner's result. So no two live tasks share a rank, each
			// move lands right after the task it names as committed when
			// it wrote, and movers in one project never queue on a lock.
			task, err := h.lockTaskRow(ctx, t, p.ID, in.Task)
			if err != nil {
				return err
			}
			var aid uuid.UUID
			if in.Body.AfterTaskID != nil {
				aid, _ = uuid.Parse(*in.Body.AfterTaskID)
				if aid == task.ID {
					return httpapi.FieldErr(httpapi.CodeInvalidInput, "body.afterTaskId", "a task cannot follow itself", *in.Body.AfterTaskID)
				}
			}
			now := h.d.Now()
			completed := task.CompletedAt
			if in.Body.Column == "done" && task.BoardColumn != "done" {
				completed = &now
			} else if in.Body.Column != "done" {
				completed = nil
			}
			mv := dbq.MoveTaskParams{BoardColumn: in.Body.Column, CompletedAt: completed, Now: now, ProjectID: p.ID, ID: task.ID,
				BlockedByClient: task.BlockedByClient, BlockedReason: task.BlockedReason, BlockedSince: task.BlockedSince}
			if err := blockOnMove(&mv, task.BoardColumn, in.Body.BlockedReason, now); err != nil {
				return err
			}
			var nt dbq.Task
			if err := touchSoon(ctx, t, p.ID, now); err != nil {
				return err
			}
			err = withRank(ctx, t, func(q *dbq.Queries) error {
				after := ""
				if aid != uuid.Nil {
					at, err := q.GetTask(ctx, dbq.GetTaskParams{ProjectID: p.ID, ID: aid})
					if db.IsNotFound(err) || (err == nil && (at.DeletedAt != nil || at.BoardColumn != in.Body.Column)) {
						return httpapi.Err(httpapi.CodeStaleOrder, "the board changed: reload it and try again")
					}
					if err != nil {
						return err
					}
					after = at.Rank
				}
				next, err := q.ColumnNeighbour(ctx, dbq.ColumnNeighbourParams{ProjectID: p.ID, BoardColumn: in.Body.Column, Exclude: task.ID, AfterRank: after})
				if db.IsNotFound(err) {
					next, err = "", nil
				}
				if err != nil {
					return err
				}
				if mv.Rank, err = Between(after, next); err != nil {
					return err
				}
				// Two random digits more, as for creates: movers aiming at
				// one spot (the top of a column, after one task) then pick
				// different ranks, all between the same neighbours, instead
				// of waiting on each other's commit to find the unique index
				// taken. Between never returns a prefix of next, so the
				// digits keep the rank below it. Not at a column's end: there
				// the rank is exactly the one a deleted last task had, which
				// is how its restore sees that a move took its place
				// (freeRank).
				if next != "" {
					mv.Rank += randomDigits()
				}
				nt, err = q.MoveTask(ctx, mv)
				return err
			})
			if err != nil {
				return err
			}
			out = toTask(nt)
			if err := t.Record(&p.ID, event.TaskMoved, "task", nt.ID.String(), map[string]any{
				"title": nt.Title, "from": task.BoardColumn, "to": nt.BoardColumn, "toLabel": columnLabels[nt.BoardColumn]}); err != nil {
				return err
			}
			_, err = recordBlockChange(t, p.ID, task, nt)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &taskOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "delete-task", Metadata: httpapi.AdminOnly, Method: http.MethodDelete,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}", Tags: tags,
		Summary: "Delete a task (restorable: see restore) (admin)", Errors: []int{401, 403, 404, 410}, Security: sec,
	}, func(ctx context.Context, in *TaskPath) (*taskOutput, error) {
		var out Task
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			if _, err := h.lockTask(ctx, t, p.ID, in.Task); err != nil {
				return err
			}
			nt, err := t.Q.SoftDeleteTask(ctx, dbq.SoftDeleteTaskParams{Now: ptr(h.d.Now()), ProjectID: p.ID, ID: in.Task})
			if err != nil {
				return err
			}
			out = toTask(nt)
			return t.Record(&p.ID, event.TaskDeleted, "task", nt.ID.String(), map[string]any{"title": nt.Title})
		})
		if err != nil {
			return nil, err
		}
		return &taskOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "restore-task", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}/restore", Tags: tags,
		Summary: "Undo a task deletion (admin)", Errors: []int{401, 403, 404, 409}, Security: sec,
	}, func(ctx context.Context, in *TaskPath) (*taskOutput, error) {
		var out Task
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			// Same locks as the other task writes: a restore racing a
			// delete sees its outcome; a move that takes the old rank at
			// the same instant makes withRank pick the next free one.
			if err := t.Q.LockProject(ctx, p.ID.String()); err != nil {
				return err
			}
			task, err := t.Q.GetTaskForUpdate(ctx, dbq.GetTaskForUpdateParams{ProjectID: p.ID, ID: in.Task})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			if task.DeletedAt == nil {
				return httpapi.Err(httpapi.CodeNotDeleted, "this task is not deleted")
			}
			var nt dbq.Task
			err = withRank(ctx, t, func(q *dbq.Queries) error {
				rank, err := h.freeRank(ctx, q, task)
				if err != nil {
					return err
				}
				nt, err = q.RestoreTask(ctx, dbq.RestoreTaskParams{Rank: rank, Now: h.d.Now(), ProjectID: p.ID, ID: in.Task})
				return err
			})
			if err != nil {
				return err
			}
			out = toTask(nt)
			return t.Record(&p.ID, event.TaskRestored, "task", nt.ID.String(), map[string]any{"title": nt.Title})
		})
		if err != nil {
			return nil, err
		}
		return &taskOutput{Body: out}, nil
	})
}

// freeRank is where a deleted task comes back: at its old rank, unless a
// move made while it was deleted placed another task there (deleted tasks
// are no neighbours), in which case right after that task.
func (h *Handler) freeRank(ctx context.Context, q *dbq.Queries, task dbq.Task) (string, error) {
	taken, err := q.RankTaken(ctx, dbq.RankTakenParams{ProjectID: task.ProjectID, BoardColumn: task.BoardColumn, Rank: task.Rank, ID: task.ID})
	if err != nil || !taken {
		return task.Rank, err
	}
	next, err := q.ColumnNeighbour(ctx, dbq.ColumnNeighbourParams{ProjectID: task.ProjectID, BoardColumn: task.BoardColumn, Exclude: task.ID, AfterRank: task.Rank})
	if db.IsNotFound(err) {
		next, err = "", nil
	}
	if err != nil {
		return "", err
	}
	return Between(task.Rank, next)
}

func ptr[T any](v T) *T { return &v }

// touchSoon touches the project (at most once a second), deferred: it
// rides with the write's first statement (db.DeferTx).
func touchSoon(ctx context.Context, t *httpapi.Tenant, project uuid.UUID, now time.Time) error {
	return t.Later().TouchProjectSoon(ctx, dbq.TouchProjectSoonParams{Now: now, WorkspaceID: t.WorkspaceID, ID: project})
}
