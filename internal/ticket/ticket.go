// Package ticket serves client requests (spec module C): a client opens a
// request (bug, modif, amélioration, question) with a markdown description
// and attachments, both sides discuss it in a thread, and the admin
// decides: À clarifier, Refusé, Accepté (→ a task in the backlog, exactly
// once), Payant (a price the client accepts and pays, or refuses), Doublon.
// Requests are numbered per workspace, with no gap and no duplicate.
//
// The decisions are one state machine (machine.go); every path that makes
// a task from a request (accept, MarkPaid) goes through board.CreateTask
// in the same transaction as the status change.
package ticket

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/board"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/file"
	"github.com/parvis/parvis/internal/httpapi"
)

// Activity actions of requests; the web describes each (describeActivity).
const (
	ActionCreated       = event.RequestCreated
	ActionCommented     = event.RequestCommented
	ActionNoted         = event.RequestNoted // internal comment, admin-only
	ActionClarify       = event.RequestClarify
	ActionAnswered      = event.RequestAnswered
	ActionRefused       = event.RequestRefused
	ActionAccepted      = event.RequestAccepted
	ActionPriced        = event.RequestPriced
	ActionDuplicate     = event.RequestDuplicate
	ActionReopened      = event.RequestReopened
	ActionPriceAccepted = event.RequestPriceOK
	ActionPriceRefused  = event.RequestPriceRefuse
	ActionPaid          = event.RequestPaid
	// ActionPaymentClosed: the payment request was cancelled or expired;
	// the request is « Payant » again.
	ActionPaymentClosed = event.RequestPaymentClosed
)

// Handler serves requests.
type Handler struct {
	d        *httpapi.Deps
	board    *board.Handler
	payments Payments
}

// Payments makes the « demande payante » of a request whose price the
// client accepted (the billing module), in the caller's transaction. Without
// it the request waits « En attente de paiement » until MarkPaid.
type Payments interface {
	RequestForTicket(ctx context.Context, t *httpapi.Tenant, projectID, ticketID uuid.UUID, title string, amountCents int64) (uuid.UUID, error)
}

// WithPayments returns h making a payment request when a price is accepted.
func (h *Handler) WithPayments(p Payments) *Handler { h.payments = p; return h }

// New returns the requests handler; tasks are made through b.
func New(d *httpapi.Deps, b *board.Handler) *Handler { return &Handler{d: d, board: b} }

// Price is what a « Payant » request costs.
type Price struct {
	Cents       int64  `json:"cents" doc:"EUR, in cents"`
	Description string `json:"description"`
	DelayDays   *int   `json:"delayDays" doc:"optional delay in days"`
}

// Ref names another request.
type Ref struct {
	ID     string `json:"id" format:"uuid"`
	Number int    `json:"number"`
}

// Attachment is a file attached to a request or a comment, served by the
// Files routes (download, thumbnail) of the same project.
type Attachment struct {
	FileID      string `json:"fileId" format:"uuid"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	HasThumb    bool   `json:"hasThumb"`
}

// Ticket is a client request.
type Ticket struct {
	ID              string    `json:"id" format:"uuid"`
	ProjectID       string    `json:"projectId" format:"uuid"`
	Number          int       `json:"number" doc:"« Demande #12 »: per workspace, no gap"`
	Type            string    `json:"type" enum:"bug,modif,amelioration,question"`
	Title           string    `json:"title"`
	Description     string    `json:"description" doc:"Markdown; rendered without raw HTML"`
	Status          string    `json:"status" enum:"new,clarify,refused,accepted,priced,payment_pending,paid,duplicate"`
	AuthorName      string    `json:"authorName"`
	Mine            bool      `json:"mine" doc:"the caller opened it"`
	Price           *Price    `json:"price" doc:"set once the admin proposed a price"`
	RefusalReason   string    `json:"refusalReason"`
	RefusedByClient bool      `json:"refusedByClient"`
	DuplicateOf     *Ref      `json:"duplicateOf"`
	TaskID          *string   `json:"taskId" format:"uuid" doc:"the task made from the request, once accepted or paid"`
	PaymentID       *string   `json:"paymentId,omitempty" format:"uuid" doc:"the payment request made when the client accepted the price (pay it with the payments routes)"`
	CommentCount    int       `json:"commentCount"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
	StatusChangedAt time.Time `json:"statusChangedAt"`
	// Actions are the transitions the caller may make now.
	Actions []string `json:"actions" doc:"clarify, refuse, accept, price, duplicate, reopen (admin); accept_price, refuse_price (client)"`
}

func toTicket(tk dbq.Ticket, author string, taskID *uuid.UUID, dupNumber *int32, comments int, t *httpapi.Tenant) Ticket {
	out := Ticket{ID: tk.ID.String(), ProjectID: tk.ProjectID.String(), Number: int(tk.Number), Type: tk.Type, Title: tk.Title,
		Description: tk.Description, Status: tk.Status, AuthorName: author, Mine: tk.AuthorID != nil && *tk.AuthorID == t.UserID,
		RefusalReason: tk.RefusalReason, RefusedByClient: tk.RefusedByClient, CommentCount: comments,
		CreatedAt: tk.CreatedAt, UpdatedAt: tk.UpdatedAt, StatusChangedAt: tk.StatusChangedAt, Actions: Actions(tk.Status, t.Role)}
	if tk.PriceCents != nil {
		out.Price = &Price{Cents: *tk.PriceCents, Description: tk.PriceDescription}
		if tk.PriceDelayDays != nil {
			d := int(*tk.PriceDelayDays)
			out.Price.DelayDays = &d
		}
	}
	if tk.DuplicateOf != nil && dupNumber != nil {
		out.DuplicateOf = &Ref{ID: tk.DuplicateOf.String(), Number: int(*dupNumber)}
	}
	if taskID != nil {
		s := taskID.String()
		out.TaskID = &s
	}
	return out
}

// Comment is a message of a request's thread. A decision's message is a
// comment whose decision is the status the decision set.
type Comment struct {
	ID            string       `json:"id" format:"uuid"`
	AuthorName    string       `json:"authorName"`
	AuthorIsAdmin bool         `json:"authorIsAdmin"`
	Mine          bool         `json:"mine"`
	Body          string       `json:"body" doc:"Markdown; rendered without raw HTML"`
	Internal      bool         `json:"internal" doc:"« note interne »: admins only, never sent to a client"`
	Decision      *string      `json:"decision" enum:"new,clarify,refused,accepted,priced,payment_pending,paid,duplicate" doc:"the status this message came with, if any"`
	CreatedAt     time.Time    `json:"createdAt"`
	EditedAt      *time.Time   `json:"editedAt" doc:"set when the author edited it (« modifié »)"`
	Attachments   []Attachment `json:"attachments"`
}

// Thread is a request with its comments.
type Thread struct {
	Ticket      Ticket       `json:"ticket"`
	Attachments []Attachment `json:"attachments" doc:"the request's own attachments"`
	Comments    []Comment    `json:"comments" doc:"oldest first"`
	// AttachmentsFolderID is where the caller uploads attachments (the
	// Files upload routes) before naming them in a comment.
	AttachmentsFolderID string `json:"attachmentsFolderId" format:"uuid"`
	MaxBytes            int64  `json:"maxBytes" doc:"largest attachment accepted"`
}

// lockTicket reads a request of the project under its row lock (404 when
// the caller cannot see it).
func lockTicket(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (dbq.Ticket, error) {
	tk, err := t.Q.GetTicketForUpdate(ctx, dbq.GetTicketForUpdateParams{ProjectID: projectID, ID: id})
	if db.IsNotFound(err) {
		return tk, httpapi.NotFound()
	}
	return tk, err
}

// load reads one request as the caller sees it.
func load(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (Ticket, error) {
	r, err := t.Q.GetTicket(ctx, dbq.GetTicketParams{ProjectID: projectID, ID: id})
	if db.IsNotFound(err) {
		return Ticket{}, httpapi.NotFound()
	}
	if err != nil {
		return Ticket{}, err
	}
	tk := dbq.Ticket{ID: r.ID, WorkspaceID: r.WorkspaceID, ProjectID: r.ProjectID, Number: r.Number, Type: r.Type, Title: r.Title,
		Description: r.Description, Status: r.Status, AuthorID: r.AuthorID, PriceCents: r.PriceCents, PriceDescription: r.PriceDescription,
		PriceDelayDays: r.PriceDelayDays, RefusalReason: r.RefusalReason, RefusedByClient: r.RefusedByClient, DuplicateOf: r.DuplicateOf,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, StatusChangedAt: r.StatusChangedAt}
	return toTicket(tk, r.AuthorName, r.TaskID, r.DuplicateNumber, 0, t), nil
}

// thread reads a request, its attachments and the comments the caller may
// see (the database hides internal comments from clients).
func thread(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (Thread, error) {
	tk, err := load(ctx, t, projectID, id)
	if err != nil {
		return Thread{}, err
	}
	out := Thread{Ticket: tk, Attachments: []Attachment{}, Comments: []Comment{}}
	if pay, err := t.Q.TicketPayment(ctx, dbq.TicketPaymentParams{WorkspaceID: t.WorkspaceID, TicketID: &id}); err == nil {
		s := pay.ID.String()
		out.Ticket.PaymentID = &s
	} else if !db.IsNotFound(err) {
		return out, fmt.Errorf("payment of the request: %w", err)
	}
	folder, err := t.Q.AttachmentsFolder(ctx, projectID)
	if err != nil {
		return out, fmt.Errorf("attachments folder: %w", err)
	}
	out.AttachmentsFolderID = folder.String()
	atts, err := t.Q.ListTicketAttachments(ctx, id)
	if err != nil {
		return out, err
	}
	byComment := map[uuid.UUID][]Attachment{}
	for _, a := range atts {
		at := Attachment{FileID: a.FileID.String(), Name: a.Name, Type: a.Type, ContentType: a.ContentType, Size: a.Size, HasThumb: a.HasThumb}
		if a.CommentID == nil {
			out.Attachments = append(out.Attachments, at)
		} else {
			byComment[*a.CommentID] = append(byComment[*a.CommentID], at)
		}
	}
	rows, err := t.Q.ListTicketComments(ctx, id)
	if err != nil {
		return out, err
	}
	for _, c := range rows {
		cm := Comment{ID: c.ID.String(), AuthorName: c.AuthorName, AuthorIsAdmin: c.AuthorIsAdmin, Mine: c.AuthorID != nil && *c.AuthorID == t.UserID,
			Body: c.Body, Internal: c.Internal, Decision: c.Decision, CreatedAt: c.CreatedAt, EditedAt: c.EditedAt, Attachments: byComment[c.ID]}
		if cm.Attachments == nil {
			cm.Attachments = []Attachment{}
		}
		out.Comments = append(out.Comments, cm)
	}
	out.Ticket.CommentCount = len(out.Comments)
	return out, nil
}

// attach links files the caller uploaded into the project's « Pièces
// jointes » folder to a request (comment nil) or to one of its comments.
func attach(ctx context.Context, t *httpapi.Tenant, projectID, ticketID uuid.UUID, comment *uuid.UUID, files []uuid.UUID, now time.Time) error {
	return file.Attach(ctx, t, projectID, files, "body.attachments", "ticket_attachments_file_id_key", func(id uuid.UUID) error {
		return t.Q.AttachFile(ctx, dbq.AttachFileParams{WorkspaceID: t.WorkspaceID, ProjectID: projectID, TicketID: ticketID, CommentID: comment, FileID: id, Now: now})
	})
}

// NewTicket is what a request is opened with.
type NewTicket struct {
	Type        string      `json:"type" enum:"bug,modif,amelioration,question"`
	Title       string      `json:"title" minLength:"1" maxLength:"200"`
	Description string      `json:"description,omitempty" maxLength:"20000" doc:"Markdown"`
	Attachments []uuid.UUID `json:"attachments,omitempty" maxItems:"20" doc:"files uploaded into the attachments folder (see attachmentsFolderId)"`
}

// Create opens a request on the project, numbered in the workspace.
func (h *Handler) Create(ctx context.Context, t *httpapi.Tenant, p dbq.Project, in NewTicket) (Ticket, error) {
	title := strings.TrimSpace(in.Title)
	if title == "" {
		return Ticket{}, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.title", "expected length >= 1", in.Title)
	}
	now := h.d.Now()
	n, err := t.Q.NextTicketNumber(ctx, t.WorkspaceID)
	if err != nil {
		return Ticket{}, err
	}
	tk, err := t.Q.CreateTicket(ctx, dbq.CreateTicketParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Number: n, Type: in.Type,
		Title: title, Description: strings.TrimSpace(in.Description), AuthorID: &t.UserID, Now: now})
	if err != nil {
		return Ticket{}, err
	}
	if err := attach(ctx, t, p.ID, tk.ID, nil, in.Attachments, now); err != nil {
		return Ticket{}, err
	}
	if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: now, WorkspaceID: t.WorkspaceID, ID: p.ID}); err != nil {
		return Ticket{}, err
	}
	if err := t.Record(&p.ID, ActionCreated, "request", tk.ID.String(), map[string]any{"number": tk.Number, "title": tk.Title, "type": tk.Type}); err != nil {
		return Ticket{}, err
	}
	return load(ctx, t, p.ID, tk.ID)
}

// NewComment is a message added to a thread.
type NewComment struct {
	Body        string      `json:"body" minLength:"1" maxLength:"20000" doc:"Markdown"`
	Internal    bool        `json:"internal,omitempty" doc:"« note interne »: admins only"`
	Attachments []uuid.UUID `json:"attachments,omitempty" maxItems:"20"`
}

// AddComment adds a message to a request's thread. A client answering a
// request « À clarifier » hands it back to the admin (Nouveau).
func (h *Handler) AddComment(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, in NewComment) (Comment, error) {
	body := strings.TrimSpace(in.Body)
	if body == "" {
		return Comment{}, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.body", "expected length >= 1", in.Body)
	}
	if in.Internal && !t.IsAdmin() {
		return Comment{}, httpapi.Forbidden()
	}
	tk, err := lockTicket(ctx, t, p.ID, id)
	if err != nil {
		return Comment{}, err
	}
	now := h.d.Now()
	c, err := t.Q.CreateTicketComment(ctx, dbq.CreateTicketCommentParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, TicketID: tk.ID,
		AuthorID: &t.UserID, Body: body, Internal: in.Internal, Now: now})
	if err != nil {
		return Comment{}, err
	}
	if err := attach(ctx, t, p.ID, tk.ID, &c.ID, in.Attachments, now); err != nil {
		return Comment{}, err
	}
	data := map[string]any{"number": tk.Number, "title": tk.Title}
	if in.Internal {
		err = t.RecordAdminOnly(&p.ID, ActionNoted, "request", tk.ID.String(), data)
	} else {
		err = t.Record(&p.ID, ActionCommented, "request", tk.ID.String(), data)
	}
	if err != nil {
		return Comment{}, err
	}
	if tk.Status == StatusClarify && !t.IsAdmin() {
		if _, err := h.transition(ctx, t, p, tk, ActAnswer, state(tk), ""); err != nil {
			return Comment{}, err
		}
	}
	th, err := thread(ctx, t, p.ID, tk.ID)
	if err != nil {
		return Comment{}, err
	}
	for _, cm := range th.Comments {
		if cm.ID == c.ID.String() {
			return cm, nil
		}
	}
	return Comment{}, errors.New("comment not found after insert")
}

// EditComment changes the body of the caller's own comment (marked
// « modifié »).
func (h *Handler) EditComment(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id, commentID uuid.UUID, body string) (Comment, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return Comment{}, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.body", "expected length >= 1", body)
	}
	if _, err := lockTicket(ctx, t, p.ID, id); err != nil {
		return Comment{}, err
	}
	c, err := t.Q.GetTicketComment(ctx, dbq.GetTicketCommentParams{TicketID: id, ID: commentID})
	if db.IsNotFound(err) {
		return Comment{}, httpapi.NotFound()
	}
	if err != nil {
		return Comment{}, err
	}
	if c.AuthorID == nil || *c.AuthorID != t.UserID || c.Decision != nil {
		return Comment{}, httpapi.Err(httpapi.CodeNotAuthor, "only the author edits a comment; a decision's message stays as sent")
	}
	if _, err := t.Q.EditTicketComment(ctx, dbq.EditTicketCommentParams{Body: body, Now: h.d.Now(), TicketID: id, ID: commentID, AuthorID: &t.UserID}); err != nil {
		return Comment{}, err
	}
	th, err := thread(ctx, t, p.ID, id)
	if err != nil {
		return Comment{}, err
	}
	for _, cm := range th.Comments {
		if cm.ID == commentID.String() {
			return cm, nil
		}
	}
	return Comment{}, httpapi.NotFound()
}

// Decision is an admin's decision on a request, or a client's answer to a
// price.
type Decision struct {
	Action           string     `json:"action" enum:"clarify,refuse,accept,price,duplicate,reopen"`
	Message          string     `json:"message,omitempty" maxLength:"5000" doc:"joins the thread; required to refuse (the reason) and to ask a question"`
	PriceCents       *int64     `json:"priceCents,omitempty" minimum:"50" maximum:"100000000" doc:"price: EUR in cents, 0.50 € (the least a card payment may be) to 1 000 000 €"`
	PriceDescription *string    `json:"priceDescription,omitempty" maxLength:"2000" doc:"price: what the price covers"`
	PriceDelayDays   *int       `json:"priceDelayDays,omitempty" minimum:"1" maximum:"365" doc:"price: optional delay in days"`
	DuplicateOf      *uuid.UUID `json:"duplicateOf,omitempty" doc:"duplicate: the other request of the same project"`
}

// st is the part of a request a transition rewrites.
type st struct {
	price       *int64
	priceDesc   string
	delay       *int32
	reason      string
	byClient    bool
	duplicateOf *uuid.UUID
}

func state(tk dbq.Ticket) st {
	return st{price: tk.PriceCents, priceDesc: tk.PriceDescription, delay: tk.PriceDelayDays, reason: tk.RefusalReason,
		byClient: tk.RefusedByClient, duplicateOf: tk.DuplicateOf}
}

// Decide applies an admin decision to a request: checks the transition,
// writes the new state, adds the message to the thread, records the
// activity and, for « Accepté », makes the task.
func (h *Handler) Decide(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, in Decision) (Ticket, error) {
	if err := t.RequireAdmin(); err != nil {
		return Ticket{}, err
	}
	a := Action(in.Action)
	msg := strings.TrimSpace(in.Message)
	tk, err := lockTicket(ctx, t, p.ID, id)
	if err != nil {
		return Ticket{}, err
	}
	if _, err := Next(tk.Status, a, t.Role); err != nil {
		return Ticket{}, err
	}
	s := state(tk)
	switch a {
	case ActRefuse:
		if msg == "" {
			return Ticket{}, httpapi.FieldErr(httpapi.CodeMessageRequired, "body.message", "say why the request is refused", "")
		}
		s.reason, s.byClient = msg, false
	case ActClarify:
		if msg == "" {
			return Ticket{}, httpapi.FieldErr(httpapi.CodeMessageRequired, "body.message", "ask the question the client must answer", "")
		}
	case ActPrice:
		if in.PriceCents == nil {
			return Ticket{}, httpapi.FieldErr(httpapi.CodePriceRequired, "body.priceCents", "a price in cents is required", nil)
		}
		desc := ""
		if in.PriceDescription != nil {
			desc = strings.TrimSpace(*in.PriceDescription)
		}
		if desc == "" {
			return Ticket{}, httpapi.FieldErr(httpapi.CodePriceRequired, "body.priceDescription", "say what the price covers", "")
		}
		s.price, s.priceDesc, s.delay = in.PriceCents, desc, nil
		if in.PriceDelayDays != nil {
			d := int32(*in.PriceDelayDays)
			s.delay = &d
		}
	case ActDuplicate:
		if in.DuplicateOf == nil || *in.DuplicateOf == tk.ID {
			return Ticket{}, httpapi.FieldErr(httpapi.CodeDuplicateInvalid, "body.duplicateOf", "name another request of this project", nil)
		}
		if _, err := t.Q.GetTicket(ctx, dbq.GetTicketParams{ProjectID: p.ID, ID: *in.DuplicateOf}); err != nil {
			if db.IsNotFound(err) {
				return Ticket{}, httpapi.FieldErr(httpapi.CodeDuplicateInvalid, "body.duplicateOf", "name another request of this project", in.DuplicateOf.String())
			}
			return Ticket{}, err
		}
		s.duplicateOf = in.DuplicateOf
	case ActReopen:
		s.reason, s.byClient, s.duplicateOf = "", false, nil
	}
	return h.transition(ctx, t, p, tk, a, s, msg)
}

// Answer is the client's answer to a price: accept (then pay) or refuse.
func (h *Handler) Answer(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, accept bool, reason string) (Ticket, error) {
	a := ActRefusePrice
	if accept {
		a = ActAcceptPrice
	}
	tk, err := lockTicket(ctx, t, p.ID, id)
	if err != nil {
		return Ticket{}, err
	}
	if _, err := Next(tk.Status, a, t.Role); err != nil {
		return Ticket{}, err
	}
	s := state(tk)
	reason = strings.TrimSpace(reason)
	if !accept {
		s.reason, s.byClient = reason, true
	}
	out, err := h.transition(ctx, t, p, tk, a, s, reason)
	if err != nil || !accept || h.payments == nil || tk.PriceCents == nil {
		return out, err
	}
	title := []rune(fmt.Sprintf("Demande #%d · %s", tk.Number, tk.Title))
	if len(title) > 120 {
		title = append(title[:119], '…')
	}
	pay, err := h.payments.RequestForTicket(ctx, t, p.ID, tk.ID, string(title), *tk.PriceCents)
	if err != nil {
		return out, fmt.Errorf("payment request of a priced request: %w", err)
	}
	pid := pay.String()
	out.PaymentID = &pid
	return out, nil
}

// MarkPaid is the end of the priced path: the payment of a request « En
// attente de paiement » was confirmed (by the billing module, from a
// verified webhook). t must be scoped with the admin role (the task is
// written under the tasks' admin-only policy); its UserID may be uuid.Nil
// for the system, then the thread and the activity show no author. The request becomes « Payé » and its task is made, in
// the caller's transaction. Calling it again for the same request (a
// replayed event) changes nothing and returns nil: the task exists once.
func MarkPaid(ctx context.Context, t *httpapi.Tenant, ticketID uuid.UUID) error {
	tk, err := t.Q.GetTicketByIDForUpdate(ctx, dbq.GetTicketByIDForUpdateParams{WorkspaceID: t.WorkspaceID, ID: ticketID})
	if db.IsNotFound(err) {
		return httpapi.NotFound()
	}
	if err != nil {
		return err
	}
	if tk.Status == StatusPaid {
		return nil
	}
	if _, err := Next(tk.Status, ActPaid, ""); err != nil {
		// Refused (or made a duplicate) meanwhile: the payment stays
		// recorded on its own (« Payé » in Paiements, for the admin to
		// refund or to act on); the request is not turned into work
		// behind the admin's back, and the event is not retried forever.
		t.Deps().Log.WarnContext(ctx, "payment received for a request that no longer waits for it", "ticket_id", tk.ID, "status", tk.Status)
		return nil
	}
	p, err := t.Q.GetProject(ctx, dbq.GetProjectParams{WorkspaceID: t.WorkspaceID, ID: tk.ProjectID, IsAdmin: true, UserID: t.UserID})
	if err != nil {
		return fmt.Errorf("project of paid request: %w", err)
	}
	h := New(t.Deps(), board.New(t.Deps()))
	_, err = h.transition(ctx, t, p, tk, ActPaid, state(tk), "")
	return err
}

// PaymentClosed is the billing module telling that the « demande payante »
// of a request « En attente de paiement » was cancelled or expired
// (status). The request goes back to « Payant » (ActPaymentClosed), in the
// caller's transaction, so that it does not wait for a payment that can no
// longer come. A request in any other status is left alone.
func PaymentClosed(ctx context.Context, t *httpapi.Tenant, ticketID uuid.UUID, status string) error {
	tk, err := t.Q.GetTicketByIDForUpdate(ctx, dbq.GetTicketByIDForUpdateParams{WorkspaceID: t.WorkspaceID, ID: ticketID})
	if db.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if tk.Status != StatusPaymentPending {
		return nil
	}
	p, err := t.Q.GetProject(ctx, dbq.GetProjectParams{WorkspaceID: t.WorkspaceID, ID: tk.ProjectID, IsAdmin: true, UserID: t.UserID})
	if err != nil {
		return fmt.Errorf("project of a request whose payment closed: %w", err)
	}
	h := New(t.Deps(), board.New(t.Deps()))
	_, err = h.transition(ctx, t, p, tk, ActPaymentClosed, state(tk), status)
	return err
}

// transition writes the new status and everything that goes with it; the
// caller checked the transition is allowed and holds the row lock.
func (h *Handler) transition(ctx context.Context, t *httpapi.Tenant, p dbq.Project, tk dbq.Ticket, a Action, s st, msg string) (Ticket, error) {
	to := machine[a].to
	now := h.d.Now()
	nt, err := t.Q.SetTicketState(ctx, dbq.SetTicketStateParams{Status: to, PriceCents: s.price, PriceDescription: s.priceDesc,
		PriceDelayDays: s.delay, RefusalReason: s.reason, RefusedByClient: s.byClient, DuplicateOf: s.duplicateOf, Now: now,
		ProjectID: p.ID, ID: tk.ID})
	if err != nil {
		return Ticket{}, err
	}
	if a != ActAnswer && a != ActPaymentClosed {
		// The decision joins the thread, with its message if any. (Not
		// the system's « payment closed »: no one decided it; the
		// activity tells it, and the thread keeps the admin's price.)
		if _, err := t.Q.CreateTicketComment(ctx, dbq.CreateTicketCommentParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, TicketID: tk.ID,
			AuthorID: t.Actor(), Body: msg, Decision: &to, Now: now}); err != nil {
			return Ticket{}, err
		}
	}
	data := map[string]any{"number": nt.Number, "title": nt.Title}
	action := map[Action]string{ActClarify: ActionClarify, ActRefuse: ActionRefused, ActAccept: ActionAccepted, ActPrice: ActionPriced,
		ActDuplicate: ActionDuplicate, ActReopen: ActionReopened, ActAcceptPrice: ActionPriceAccepted, ActRefusePrice: ActionPriceRefused,
		ActPaid: ActionPaid, ActAnswer: ActionAnswered, ActPaymentClosed: ActionPaymentClosed}[a]
	switch a {
	case ActPrice:
		data["priceCents"] = *s.price
	case ActDuplicate:
		if s.duplicateOf != nil {
			if d, err := t.Q.GetTicket(ctx, dbq.GetTicketParams{ProjectID: p.ID, ID: *s.duplicateOf}); err == nil {
				data["of"] = d.Number
			}
		}
	case ActPaymentClosed:
		data["payment"] = msg // "cancelled" or "expired"
	case ActAccept, ActPaid:
		task, err := h.board.CreateTask(ctx, t, p, board.NewTask{TaskInput: board.TaskInput{Title: &nt.Title, Description: &nt.Description},
			Origin: "request", TicketID: &nt.ID})
		if db.IsUniqueViolation(err, "tasks_ticket_key") {
			return Ticket{}, httpapi.Err(httpapi.CodeRequestTransition, "this request is already a task")
		}
		if err != nil {
			return Ticket{}, err
		}
		data["taskId"] = task.ID.String()
	}
	if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: now, WorkspaceID: t.WorkspaceID, ID: p.ID}); err != nil {
		return Ticket{}, err
	}
	if err := t.Record(&p.ID, action, "request", nt.ID.String(), data); err != nil {
		return Ticket{}, err
	}
	return load(ctx, t, p.ID, nt.ID)
}
