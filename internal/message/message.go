// Package message serves project messaging (spec module D): one
// conversation per project between the workspace's admins and the
// project's clients, replacing WhatsApp and email threads.
//
// Messages are light markdown (rendered without raw HTML by the web) with
// attachments that went through the one upload pipeline into the
// project's « Pièces jointes » folder (file.Attach links them, as for
// requests). Authors edit or delete their own message within 15 minutes;
// admins hide any. Edits, deletions and hiding go to the activity journal;
// a new message does not (the journal would drown in it) but is announced
// (Tenant.Announce, "message.created") so that the live stream and the
// notifications hear it in its transaction.
//
// Each user has a read mark per conversation (the highest seq read): it
// gives the unread counts, the « nouveaux messages » divider and, for
// admins, « Vu par le client ».
package message

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/file"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/notify"
	"github.com/parvis/parvis/internal/ticket"
)

// Actions of messages. Created is announced only; the others are in the
// activity journal.
const (
	ActionCreated  = event.MessageCreated
	ActionEdited   = event.MessageEdited
	ActionDeleted  = event.MessageDeleted
	ActionHidden   = event.MessageHidden
	ActionUnhidden = event.MessageUnhidden
	// ActionRead is a read mark moving forward (announced only).
	ActionRead = event.MessageRead
)

// EditWindow is how long an author may edit or delete a message.
const EditWindow = 15 * time.Minute

// MaxBody is the longest message, in characters.
const MaxBody = 10000

// PageSize is the default and MaxPage the largest page of the list.
const (
	PageSize = 30
	MaxPage  = 100
)

// Handler serves messages.
type Handler struct{ d *httpapi.Deps }

// New returns the messages handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

// Attachment is a file attached to a message: the same shape as a
// request's, served by the Files routes (download, thumbnail).
type Attachment = ticket.Attachment

// Message is one message of a project's conversation.
type Message struct {
	ID            string       `json:"id" format:"uuid"`
	Seq           int64        `json:"seq" doc:"order of the conversation; the read mark and the list cursor are seqs"`
	AuthorName    string       `json:"authorName"`
	AuthorIsAdmin bool         `json:"authorIsAdmin"`
	Mine          bool         `json:"mine"`
	Body          string       `json:"body" doc:"Markdown, rendered without raw HTML; empty when deleted, or hidden for a client"`
	CreatedAt     time.Time    `json:"createdAt"`
	EditedAt      *time.Time   `json:"editedAt" doc:"« modifié »"`
	Deleted       bool         `json:"deleted" doc:"« supprimé » by its author"`
	Hidden        bool         `json:"hidden" doc:"hidden by an admin (clients see that a message was hidden, not its text)"`
	EditableUntil *time.Time   `json:"editableUntil" doc:"until when the caller may edit or delete it (his own, within 15 minutes)"`
	Attachments   []Attachment `json:"attachments"`
}

// MessagePage is one page of the conversation.
type MessagePage struct {
	Messages []Message `json:"messages" doc:"oldest first within the page; the first page holds the newest messages"`
	// NextCursor is the `before` of the previous (older) page, null at the
	// beginning of the conversation.
	NextCursor *string `json:"nextCursor" doc:"pass as before to load older messages; null when there are none"`
	// LastReadSeq is the caller's read mark, for the « nouveaux messages »
	// divider (messages of others with a higher seq are new).
	LastReadSeq int64 `json:"lastReadSeq"`
	// ClientsReadSeq is, for admins, the furthest a client of the project
	// has read (« Vu par le client »); 0 for clients.
	ClientsReadSeq      int64  `json:"clientsReadSeq"`
	AttachmentsFolderID string `json:"attachmentsFolderId" format:"uuid" doc:"where to upload attachments (Files upload routes) before posting"`
	MaxBytes            int64  `json:"maxBytes" doc:"largest attachment accepted"`
}

// ListInput names a page.
type ListInput struct {
	Before string `query:"before" maxLength:"20" pattern:"^[0-9]+$" doc:"the nextCursor of the previous page"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" doc:"messages per page (default 30)"`
	httpapi.ViewAs
}

// List reads one page of p's conversation as the caller sees it (as a
// client when admin is false).
func (h *Handler) List(ctx context.Context, t *httpapi.Tenant, p dbq.Project, in ListInput, admin bool) (MessagePage, error) {
	out := MessagePage{Messages: []Message{}, MaxBytes: h.d.Config.Storage.MaxFileBytes}
	limit := in.Limit
	if limit <= 0 {
		limit = PageSize
	}
	var before *int64
	if in.Before != "" {
		n, err := strconv.ParseInt(in.Before, 10, 64)
		if err != nil || n < 1 {
			return out, httpapi.FieldErr(httpapi.CodeInvalidInput, "query.before", "not a cursor of this list", in.Before)
		}
		before = &n
	}
	// One more than the page tells whether older messages remain.
	rows, err := t.Q.ListMessages(ctx, dbq.ListMessagesParams{IsAdmin: admin, ProjectID: p.ID, Before: before, Max: int32(limit + 1)})
	if err != nil {
		return out, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		c := strconv.FormatInt(rows[len(rows)-1].Seq, 10)
		out.NextCursor = &c
	}
	msgs, err := h.toMessages(ctx, t, rows, admin)
	if err != nil {
		return out, err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		out.Messages = append(out.Messages, msgs[i])
	}
	// The read marks and the attachments folder in one statement rather
	// than three round trips (issue 10).
	meta, err := t.Q.MessagePageMeta(ctx, dbq.MessagePageMetaParams{ProjectID: p.ID, UserID: t.UserID, IsAdmin: admin})
	if err != nil {
		return out, err
	}
	out.LastReadSeq, out.ClientsReadSeq = meta.MyReadSeq, meta.ClientsReadSeq
	out.AttachmentsFolderID = meta.AttachmentsFolderID.String()
	return out, nil
}

func (h *Handler) toMessages(ctx context.Context, t *httpapi.Tenant, rows []dbq.ListMessagesRow, admin bool) ([]Message, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	byMsg := map[uuid.UUID][]Attachment{}
	if len(ids) > 0 {
		atts, err := t.Q.ListMessageAttachments(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, a := range atts {
			byMsg[a.MessageID] = append(byMsg[a.MessageID], Attachment{FileID: a.FileID.String(), Name: a.Name, Type: a.Type, ContentType: a.ContentType, Size: a.Size, HasThumb: a.HasThumb})
		}
	}
	now := h.d.Now()
	out := make([]Message, 0, len(rows))
	for _, r := range rows {
		m := Message{ID: r.ID.String(), Seq: r.Seq, AuthorName: r.AuthorName, AuthorIsAdmin: r.AuthorIsAdmin,
			Mine: r.AuthorID != nil && *r.AuthorID == t.UserID, Body: r.Body, CreatedAt: r.CreatedAt, EditedAt: r.EditedAt,
			Deleted: r.DeletedAt != nil, Hidden: r.HiddenAt != nil, Attachments: byMsg[r.ID]}
		if m.Attachments == nil || m.Deleted || (m.Hidden && !admin) {
			m.Attachments = []Attachment{}
		}
		if until := r.CreatedAt.Add(EditWindow); m.Mine && !m.Deleted && now.Before(until) {
			m.EditableUntil = &until
		}
		out = append(out, m)
	}
	return out, nil
}

// Get reads one message as the caller sees it.
func (h *Handler) Get(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID, admin bool) (Message, error) {
	rows, err := t.Q.ListMessages(ctx, dbq.ListMessagesParams{IsAdmin: admin, ProjectID: projectID, ID: &id, Max: 1})
	if err != nil {
		return Message{}, err
	}
	if len(rows) == 0 {
		return Message{}, httpapi.NotFound()
	}
	msgs, err := h.toMessages(ctx, t, rows, admin)
	if err != nil {
		return Message{}, err
	}
	return msgs[0], nil
}

// NewMessage is what a message is posted with.
type NewMessage struct {
	Body        string      `json:"body" minLength:"1" maxLength:"10000" doc:"Markdown"`
	Attachments []uuid.UUID `json:"attachments,omitempty" maxItems:"10" doc:"files uploaded into the attachments folder (see attachmentsFolderId)"`
}

func cleanBody(body string) (string, error) {
	b := strings.TrimSpace(body)
	if b == "" {
		return "", httpapi.FieldErr(httpapi.CodeInvalidInput, "body.body", "expected length >= 1", body)
	}
	return b, nil
}

// Post adds the caller's message to p's conversation, with attachments,
// and moves the caller's read mark past it (one's own message is read).
func (h *Handler) Post(ctx context.Context, t *httpapi.Tenant, p dbq.Project, in NewMessage) (Message, error) {
	body, err := cleanBody(in.Body)
	if err != nil {
		return Message{}, err
	}
	now := h.d.Now()
	m, err := t.Q.CreateMessage(ctx, dbq.CreateMessageParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, AuthorID: &t.UserID, Body: body, Now: now})
	if err != nil {
		return Message{}, err
	}
	err = file.Attach(ctx, t, p.ID, in.Attachments, "body.attachments", "message_attachments_file_id_key", func(id uuid.UUID) error {
		return t.Q.AttachMessageFile(ctx, dbq.AttachMessageFileParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, MessageID: m.ID, FileID: id, Now: now})
	})
	if err != nil {
		return Message{}, err
	}
	if _, err := t.Q.MarkMessagesRead(ctx, dbq.MarkMessagesReadParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, UserID: t.UserID, Seq: m.Seq, Now: now}); err != nil {
		return Message{}, err
	}
	// Not journaled: announced, so notifications and the live stream hear
	// it exactly when it commits.
	if err := t.Announce(httpapi.Event{ProjectID: &p.ID, Action: ActionCreated, ObjectType: "message", ObjectID: m.ID.String(),
		Data: map[string]any{"seq": m.Seq, "excerpt": Excerpt(m.Body, 200)}}); err != nil {
		return Message{}, err
	}
	return h.Get(ctx, t, p.ID, m.ID, t.IsAdmin())
}

// own locks the caller's own message, still within its edit window.
func (h *Handler) own(ctx context.Context, t *httpapi.Tenant, projectID, id uuid.UUID) (dbq.Message, error) {
	m, err := t.Q.GetMessageForUpdate(ctx, dbq.GetMessageForUpdateParams{ProjectID: projectID, ID: id})
	if db.IsNotFound(err) {
		return m, httpapi.NotFound()
	}
	if err != nil {
		return m, err
	}
	if m.AuthorID == nil || *m.AuthorID != t.UserID {
		return m, httpapi.Err(httpapi.CodeNotAuthor, "only the author edits or deletes a message")
	}
	if m.DeletedAt != nil {
		return m, httpapi.NotFound()
	}
	if !h.d.Now().Before(m.CreatedAt.Add(EditWindow)) {
		return m, httpapi.Err(httpapi.CodeEditWindowClosed, "a message can be edited or deleted only within 15 minutes of sending it")
	}
	return m, nil
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

// Edit changes the text of the caller's own message (« modifié »).
func (h *Handler) Edit(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, body string) (Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return Message{}, err
	}
	m, err := h.own(ctx, t, p.ID, id)
	if err != nil {
		return Message{}, err
	}
	if err := t.Q.EditMessage(ctx, dbq.EditMessageParams{Body: body, Now: h.d.Now(), ProjectID: p.ID, ID: m.ID, AuthorID: &t.UserID}); err != nil {
		return Message{}, err
	}
	if err := t.Record(&p.ID, ActionEdited, "message", m.ID.String(), map[string]any{"excerpt": excerpt(body)}); err != nil {
		return Message{}, err
	}
	return h.Get(ctx, t, p.ID, m.ID, t.IsAdmin())
}

// Delete empties the caller's own message (« supprimé »), attachments
// included (they stay in the workspace's storage until the file purge).
func (h *Handler) Delete(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID) error {
	m, err := h.own(ctx, t, p.ID, id)
	if err != nil {
		return err
	}
	if err := t.Q.DeleteMessage(ctx, dbq.DeleteMessageParams{Now: h.d.Now(), ProjectID: p.ID, ID: m.ID, AuthorID: &t.UserID}); err != nil {
		return err
	}
	return t.Record(&p.ID, ActionDeleted, "message", m.ID.String(), nil)
}

// Hide hides (or shows again) a message (admin): clients see that a
// message was hidden, not its text or attachments.
func (h *Handler) Hide(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, hidden bool) (Message, error) {
	m, err := t.Q.GetMessageForUpdate(ctx, dbq.GetMessageForUpdateParams{ProjectID: p.ID, ID: id})
	if db.IsNotFound(err) {
		return Message{}, httpapi.NotFound()
	}
	if err != nil {
		return Message{}, err
	}
	if (m.HiddenAt != nil) != hidden {
		params := dbq.HideMessageParams{ProjectID: p.ID, ID: m.ID}
		action := ActionUnhidden
		if hidden {
			now := h.d.Now()
			params.HiddenAt, params.HiddenBy, action = &now, t.Actor(), ActionHidden
		}
		if err := t.Q.HideMessage(ctx, params); err != nil {
			return Message{}, err
		}
		if err := t.Record(&p.ID, action, "message", m.ID.String(), nil); err != nil {
			return Message{}, err
		}
	}
	return h.Get(ctx, t, p.ID, m.ID, true)
}

// MarkRead moves the caller's read mark to seq (never back, never past
// the conversation's last message) and returns the mark.
func (h *Handler) MarkRead(ctx context.Context, t *httpapi.Tenant, p dbq.Project, seq int64) (int64, error) {
	last, err := t.Q.MaxMessageSeq(ctx, p.ID)
	if err != nil {
		return 0, err
	}
	if seq > last {
		seq = last
	}
	before, err := t.Q.MyReadSeq(ctx, dbq.MyReadSeqParams{ProjectID: p.ID, UserID: t.UserID})
	if err != nil {
		return 0, err
	}
	mark, err := t.Q.MarkMessagesRead(ctx, dbq.MarkMessagesReadParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, UserID: t.UserID, Seq: seq, Now: h.d.Now()})
	if err != nil || mark <= before {
		return mark, err
	}
	// The bell's « new message » items up to the mark are read too.
	if err := notify.MarkInboxMessagesRead(ctx, t, p.ID, mark); err != nil {
		return 0, err
	}
	// « Vu par le client » follows live: announced, not journaled.
	return mark, t.Announce(httpapi.Event{ProjectID: &p.ID, Action: ActionRead, ObjectType: "message", Data: map[string]any{"seq": mark}})
}

// UnreadCount is the count of unread messages of one project.
type UnreadCount struct {
	ProjectID string `json:"projectId" format:"uuid"`
	Unread    int    `json:"unread"`
}

// Unreads counts, per project the caller sees, the messages of others
// after his read mark.
func (h *Handler) Unreads(ctx context.Context, t *httpapi.Tenant) ([]UnreadCount, int, error) {
	rows, err := t.Q.UnreadMessageCounts(ctx, dbq.UnreadMessageCountsParams{UserID: t.UserID, WorkspaceID: t.WorkspaceID, IsAdmin: t.IsAdmin()})
	out := []UnreadCount{}
	total := 0
	for _, r := range rows {
		out = append(out, UnreadCount{ProjectID: r.ProjectID.String(), Unread: int(r.Unread)})
		total += int(r.Unread)
	}
	return out, total, err
}

// Excerpt is the start of a message as one line of plain text, at most
// max runes (an email's preview): whitespace folded, the commonest
// markdown marks dropped.
func Excerpt(body string, max int) string {
	text := strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "`", "", "#", "", "> ", "").Replace(body)), " ")
	if r := []rune(text); len(r) > max {
		return strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return text
}
