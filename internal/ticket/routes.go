package ticket

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// ProjectPath is the path of project routes.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48"`
	Project   uuid.UUID `path:"project"`
}

// TicketPath is the path of one request.
type TicketPath struct {
	ProjectPath
	Ticket uuid.UUID `path:"ticket"`
}

// CommentPath is the path of one comment.
type CommentPath struct {
	TicketPath
	Comment uuid.UUID `path:"comment"`
}

// TriageItem is a request awaiting a decision, in the triage view.
type TriageItem struct {
	ID          string    `json:"id" format:"uuid"`
	ProjectID   string    `json:"projectId" format:"uuid"`
	ProjectName string    `json:"projectName"`
	Number      int       `json:"number"`
	Type        string    `json:"type" enum:"bug,modif,amelioration,question"`
	Title       string    `json:"title"`
	Status      string    `json:"status" enum:"new,clarify"`
	AuthorName  string    `json:"authorName"`
	CreatedAt   time.Time `json:"createdAt"`
	Since       time.Time `json:"since" doc:"when it reached its status"`
}

type ticketOut struct{ Body Ticket }

// Register wires the operations; each calls a named function that a test
// or another module can call without HTTP.
func (h *Handler) Register(api huma.API) {
	tags := []string{"requests"}
	sec := []map[string][]string{{"session": {}}}
	base := "/api/v1/w/{workspace}/projects/{project}/tickets"

	type listOut struct {
		Body struct {
			Tickets             []Ticket `json:"tickets" doc:"newest first"`
			AttachmentsFolderID string   `json:"attachmentsFolderId" format:"uuid" doc:"where to upload attachments (Files upload routes) before creating a request"`
			MaxBytes            int64    `json:"maxBytes" doc:"largest attachment accepted"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "list-tickets", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base, Tags: tags,
		Summary: "The project's client requests, newest first", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*listOut, error) {
		out := &listOut{}
		out.Body.Tickets = []Ticket{}
		out.Body.MaxBytes = h.d.Config.Storage.MaxFileBytes
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			rows, err := t.Q.ListProjectTickets(ctx, p.ID)
			if err != nil {
				return err
			}
			for _, r := range rows {
				tk := dbq.Ticket{ID: r.ID, WorkspaceID: r.WorkspaceID, ProjectID: r.ProjectID, Number: r.Number, Type: r.Type, Title: r.Title,
					Description: r.Description, Status: r.Status, AuthorID: r.AuthorID, PriceCents: r.PriceCents, PriceDescription: r.PriceDescription,
					PriceDelayDays: r.PriceDelayDays, RefusalReason: r.RefusalReason, RefusedByClient: r.RefusedByClient, DuplicateOf: r.DuplicateOf,
					CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, StatusChangedAt: r.StatusChangedAt}
				out.Body.Tickets = append(out.Body.Tickets, toTicket(tk, r.AuthorName, r.TaskID, r.DuplicateNumber, int(r.CommentCount), t))
			}
			folder, err := t.Q.AttachmentsFolder(ctx, p.ID)
			out.Body.AttachmentsFolderID = folder.String()
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-ticket", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base, Tags: tags, DefaultStatus: 201,
		Summary:     "Open a client request (numbered per workspace), with attachments uploaded beforehand",
		Description: "Attachments are files the caller uploaded into the project's attachments folder (attachmentsFolderId) through the Files upload routes: the same checks of type, size, content and quota.",
		Errors:      []int{401, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body NewTicket
	}) (*ticketOut, error) {
		var out Ticket
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Create(ctx, t, p, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &ticketOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-ticket", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/{ticket}", Tags: tags,
		Summary: "One request with its thread (a client never receives internal notes)", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *TicketPath) (*struct{ Body Thread }, error) {
		var out Thread
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = thread(ctx, t, p.ID, in.Ticket)
			out.MaxBytes = h.d.Config.Storage.MaxFileBytes
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Thread }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "comment-ticket", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/{ticket}/comments", Tags: tags, DefaultStatus: 201,
		Summary:     "Add a message to the thread, with attachments; internal notes are admin-only",
		Description: "A client's message on a request « À clarifier » answers the question: the request goes back to the admin (new).",
		Errors:      []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		TicketPath
		Body NewComment
	}) (*struct{ Body Comment }, error) {
		var out Comment
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.AddComment(ctx, t, p, in.Ticket, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Comment }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "edit-ticket-comment", Metadata: httpapi.AnyMember, Method: http.MethodPatch, Path: base + "/{ticket}/comments/{comment}", Tags: tags,
		Summary: "Edit one's own message (shown as « modifié »)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		CommentPath
		Body struct {
			Body string `json:"body" minLength:"1" maxLength:"20000"`
		}
	}) (*struct{ Body Comment }, error) {
		var out Comment
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.EditComment(ctx, t, p, in.Ticket, in.Comment, in.Body.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Comment }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "decide-ticket", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: base + "/{ticket}/decision", Tags: tags,
		Summary: "Decide on a request (admin): À clarifier, Refusé, Accepté (→ task), Payant, Doublon, or reopen",
		Description: "From new or clarify: clarify (message = the question), refuse (message = the reason), accept (the request becomes a backlog task, once), " +
			"price (priceCents, priceDescription, optional priceDelayDays), duplicate (duplicateOf). From priced: price again or refuse. " +
			"From refused or duplicate: reopen. Any other transition is 409 request_transition and changes nothing.",
		Errors: []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		TicketPath
		Body Decision
	}) (*ticketOut, error) {
		var out Ticket
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Decide(ctx, t, p, in.Ticket, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &ticketOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "answer-ticket-price", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/{ticket}/price-answer", Tags: tags,
		Summary:     "The client accepts a priced request (then it waits for payment) or refuses it, with an optional reason",
		Description: "Client only (403 client_only for admins); 409 request_transition unless the request is priced.",
		Errors:      []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		TicketPath
		Body struct {
			Accept bool   `json:"accept" doc:"true: « Accepter & payer »; false: « Refuser »"`
			Reason string `json:"reason,omitempty" maxLength:"2000" doc:"optional reason of a refusal"`
		}
	}) (*ticketOut, error) {
		var out Ticket
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Answer(ctx, t, p, in.Ticket, in.Body.Accept, in.Body.Reason)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &ticketOut{Body: out}, nil
	})

	type triageOut struct {
		Body struct {
			Items []TriageItem `json:"items" doc:"oldest first"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "triage-tickets", Metadata: httpapi.AdminOnly, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/tickets/triage", Tags: tags,
		Summary: "Requests awaiting a decision across projects, oldest first (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		Workspace string `path:"workspace" maxLength:"48"`
	}) (*triageOut, error) {
		out := &triageOut{}
		out.Body.Items = []TriageItem{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			rows, err := t.Q.ListUndecidedTickets(ctx, dbq.ListUndecidedTicketsParams{WorkspaceID: t.WorkspaceID})
			for _, r := range rows {
				out.Body.Items = append(out.Body.Items, TriageItem{ID: r.ID.String(), ProjectID: r.ProjectID.String(), ProjectName: r.ProjectName,
					Number: int(r.Number), Type: r.Type, Title: r.Title, Status: r.Status, AuthorName: r.AuthorName, CreatedAt: r.CreatedAt, Since: r.StatusChangedAt})
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}
