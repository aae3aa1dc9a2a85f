package notify

// The in-app inbox behind the notification bell (issue 14, « in-app »).
//
// Every event the notifier stores (Hook) also enqueues an inbox job, at
// once — the chatty delay is the email's, not the bell's. The job, under
// the system scope, asks the same recipients() as the emails (never the
// actor, admin-only events never to a client, a client only while a
// member of the project), leaves out whoever muted the project, and
// writes one notification_inbox row per person with the sentence in
// their language, then a live event addressed to that person alone so
// that their open tabs update the badge.
//
// Preferences are the email's: « jamais » stops the emails of a family,
// not its line in the bell (the bell is where one catches up without
// email). A muted project is silent everywhere.
//
// Read: opening the bell's item (mark one), « Tout marquer comme lu »,
// viewing a request (MarkRead of its thread), reading the conversation
// (MarkInboxMessagesRead, from the read marks), viewing a payment, an
// approval, a file or a task (MarkInboxObjectRead).

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/live"
)

// InboxArgs is the inbox job of one stored event.
type InboxArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	EventID     uuid.UUID `json:"event_id"`
}

// Kind implements river.JobArgs.
func (InboxArgs) Kind() string { return "notify.inbox" }

// InsertOpts: one job per event.
func (InboxArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// InboxWorker runs the inbox job.
type InboxWorker struct {
	river.WorkerDefaults[InboxArgs]
	N *Notifier
}

// Work fills the inboxes of one event.
func (w *InboxWorker) Work(ctx context.Context, job *river.Job[InboxArgs]) error {
	return w.N.ProcessInbox(ctx, job.Args.WorkspaceID, job.Args.EventID)
}

// enqueueInbox is called by Hook in the change's transaction.
func (n *Notifier) enqueueInbox(t *httpapi.Tenant, id uuid.UUID) error {
	if _, err := n.d.River.InsertTx(t.Context(), t.Tx, InboxArgs{WorkspaceID: t.WorkspaceID, EventID: id}, nil); err != nil {
		return fmt.Errorf("inbox job: %w", err)
	}
	return nil
}

// ProcessInbox writes the inbox rows of one event (idempotent: a retried
// job adds nothing twice and announces only what it added).
func (n *Notifier) ProcessInbox(ctx context.Context, ws, eventID uuid.UUID) error {
	return db.Tx(ctx, n.d.Pool, db.SystemScope(ws, db.PurposeNotifications), func(tx pgx.Tx, q *dbq.Queries) error {
		ev, err := q.GetNotificationEvent(ctx, dbq.GetNotificationEventParams{WorkspaceID: ws, ID: eventID})
		if db.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		info, ok := event.Lookup(ev.Action)
		if !ok || !info.Notifies() {
			return nil
		}
		rs, err := n.recipients(ctx, q, ev, info)
		if err != nil {
			return err
		}
		var v *view
		now := n.d.Now()
		for _, r := range rs {
			if ev.ProjectID != nil {
				muted, err := q.IsProjectMuted(ctx, dbq.IsProjectMutedParams{WorkspaceID: ws, UserID: r.ID, ProjectID: *ev.ProjectID})
				if err != nil {
					return err
				}
				if muted {
					continue
				}
			}
			if v == nil {
				if v, err = n.newView(ctx, q, ws); err != nil {
					return err
				}
			}
			// Read in the portal before this job ran (the conversation
			// open when the message came): born read.
			var readAt *time.Time
			if rs, ok := n.reads[threadKind(ev.Thread)]; ok {
				if err := q.LockInboxThread(ctx, inboxLockKey(ws, r.ID, ev.Thread)); err != nil {
					return err
				}
				at, err := rs.ReadAt(ctx, q, ws, r.ID, ev.Thread)
				if err != nil {
					return err
				}
				if at.After(ev.CreatedAt) {
					readAt = &at
				}
			}
			k, err := q.InsertInboxItem(ctx, dbq.InsertInboxItemParams{WorkspaceID: ws, UserID: r.ID, EventID: ev.ID,
				Sentence: n.inboxSentence(ctx, q, v, ev, r), CreatedAt: ev.CreatedAt, ReadAt: readAt})
			if err != nil {
				return fmt.Errorf("inbox %s: %w", r.ID, err)
			}
			if k > 0 && readAt == nil {
				if err := announceInbox(ctx, tx, ws, ev.ProjectID, r.ID, event.InboxAdded, ev.ID.String(), now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// announceInbox tells user's open tabs that their inbox changed.
func announceInbox(ctx context.Context, tx pgx.Tx, ws uuid.UUID, project *uuid.UUID, user uuid.UUID, kind, object string, now time.Time) error {
	return live.InsertUserEvent(ctx, tx, dbq.InsertUserLiveEventParams{WorkspaceID: ws, ProjectID: project, UserID: &user, Kind: kind, ObjectID: object, Now: now})
}

// inboxTexts are the bell's sentences: shorter than an email's, without
// the project (the bell shows it beside). Keys as in texts.
var inboxTexts = map[string]map[string]string{
	"fr": {
		event.RequestCreated:       "{actor} a ouvert la demande « {title} »",
		event.RequestCommented:     "{actor} a répondu sur la demande « {title} »",
		event.RequestNoted:         "{actor} a ajouté une note interne sur la demande « {title} »",
		event.RequestClarify:       "Une précision vous est demandée sur « {title} »",
		event.RequestRefused:       "Votre demande « {title} » a été refusée",
		event.RequestAccepted:      "Votre demande « {title} » a été acceptée",
		event.RequestPriced:        "Un devis de {amount} vous attend pour « {title} »",
		event.RequestDuplicate:     "Votre demande « {title} » a été regroupée",
		event.RequestReopened:      "Votre demande « {title} » a été rouverte",
		event.RequestPriceOK:       "{actor} a accepté le devis de « {title} »",
		event.RequestPriceRefuse:   "{actor} a refusé le devis de « {title} »",
		event.RequestPaymentClosed: "Le paiement de « {title} » est clos : le devis est à accepter de nouveau",
		event.PaymentRequested:     "Un paiement de {amount} vous est demandé : « {title} »",
		event.PaymentReceived:      "Paiement reçu : {amount} pour « {title} »",
		"payment.received/client":  "Votre paiement de {amount} pour « {title} » est bien reçu",
		event.PaymentFailed:        "Le paiement de {amount} pour « {title} » a échoué",
		event.FileUploaded:         "{actor} a déposé « {name} »",
		event.FileVersionAdded:     "{actor} a déposé une nouvelle version de « {name} »",
		event.ApprovalRequested:    "Votre validation est attendue : « {title} »",
		event.ApprovalApproved:     "{actor} a validé « {title} »",
		event.ApprovalChanges:      "{actor} demande des modifications sur « {title} »",
		event.TaskBlocked:          "La tâche « {title} » attend votre retour",
		event.MessageCreated:       "{actor} vous a écrit",
	},
	"en": {
		event.RequestCreated:       "{actor} opened the request “{title}”",
		event.RequestCommented:     "{actor} replied on the request “{title}”",
		event.RequestNoted:         "{actor} added an internal note on the request “{title}”",
		event.RequestClarify:       "More detail is needed on “{title}”",
		event.RequestRefused:       "Your request “{title}” was declined",
		event.RequestAccepted:      "Your request “{title}” was accepted",
		event.RequestPriced:        "A quote of {amount} is waiting for “{title}”",
		event.RequestDuplicate:     "Your request “{title}” was merged",
		event.RequestReopened:      "Your request “{title}” was reopened",
		event.RequestPriceOK:       "{actor} accepted the quote of “{title}”",
		event.RequestPriceRefuse:   "{actor} declined the quote of “{title}”",
		event.RequestPaymentClosed: "The payment of “{title}” closed: the quote is to accept again",
		event.PaymentRequested:     "A payment of {amount} is requested: “{title}”",
		event.PaymentReceived:      "Payment received: {amount} for “{title}”",
		"payment.received/client":  "Your payment of {amount} for “{title}” arrived",
		event.PaymentFailed:        "The payment of {amount} for “{title}” failed",
		event.FileUploaded:         "{actor} uploaded “{name}”",
		event.FileVersionAdded:     "{actor} uploaded a new version of “{name}”",
		event.ApprovalRequested:    "Your approval is needed: “{title}”",
		event.ApprovalApproved:     "{actor} approved “{title}”",
		event.ApprovalChanges:      "{actor} requests changes on “{title}”",
		event.TaskBlocked:          "The task “{title}” is waiting for your answer",
		event.MessageCreated:       "{actor} wrote to you",
	},
}

// inboxSentence is r's line for ev, in r's language; an action without a
// bell text borrows its email's heading.
func (n *Notifier) inboxSentence(ctx context.Context, q *dbq.Queries, v *view, ev dbq.NotificationEvent, r recipient) string {
	l := lang(r.Locale)
	key := ev.Action
	if key == event.PaymentReceived && !r.Admin {
		key += "/client"
	}
	vars := n.vars(ctx, q, v, ev, r)
	s, ok := inboxTexts[l][key]
	if !ok {
		s = texts[l][key].Heading
	}
	if s == "" {
		s = ev.Action
	}
	s = fill(s, vars)
	// An empty title (an old event) leaves empty quotes: drop them.
	s = strings.NewReplacer(" « »", "", " “”", "").Replace(s)
	if x := excerpt(ev); x != "" {
		if l == "fr" {
			s += " : « " + x + " »"
		} else {
			s += ": “" + x + "”"
		}
	}
	if l == "fr" {
		// French typography: non-breaking spaces inside « » and before : ; ! ?
		s = frenchSpaces.Replace(s)
	}
	return truncate(s, 500)
}

var frenchSpaces = strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»", " :", "\u00a0:", " ;", "\u00a0;", " !", "\u00a0!", " ?", "\u00a0?")

func truncate(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// inboxLink is the path of the page showing ev's object (the email's
// button without the site's address).
func inboxLink(slug string, ev dbq.NotificationEvent) string {
	v := &view{slug: slug}
	return v.link(ev)
}

// InboxItem is one line of the bell.
type InboxItem struct {
	ID          string    `json:"id" format:"uuid" doc:"the notification (its event)"`
	Action      string    `json:"action" doc:"EventAction"`
	Sentence    string    `json:"sentence" doc:"what happened, in the caller's language"`
	ActorName   string    `json:"actorName" doc:"who did it (empty: the portal itself)"`
	ProjectID   string    `json:"projectId,omitempty" format:"uuid"`
	ProjectName string    `json:"projectName"`
	Link        string    `json:"link" doc:"path of the page showing the object, e.g. /studio/projets/…/demandes/…"`
	CreatedAt   time.Time `json:"createdAt"`
	Read        bool      `json:"read"`
}

// InboxPage is one page of the caller's inbox.
type InboxPage struct {
	Items      []InboxItem `json:"items"`
	Unread     int         `json:"unread" doc:"unread notifications in all (the badge)"`
	NextCursor string      `json:"nextCursor,omitempty" doc:"pass as cursor for the next (older) page; absent on the last"`
}

// Inbox paging.
const (
	DefaultInboxLimit = 20
	MaxInboxLimit     = 100
)

// ListInbox reads one page of t's inbox, newest first.
func ListInbox(ctx context.Context, t *httpapi.Tenant, cursor string, limit int, unreadOnly bool) (InboxPage, error) {
	out := InboxPage{Items: []InboxItem{}}
	p := dbq.ListInboxParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, UnreadOnly: unreadOnly, Max: int32(limit + 1)}
	if cursor != "" {
		at, id, ok := httpapi.DecodeCursor(cursor)
		if !ok {
			return out, httpapi.BadCursor(cursor)
		}
		p.Paged, p.BeforeAt, p.BeforeID = true, at, id
	}
	rows, err := t.Q.ListInbox(ctx, p)
	if err != nil {
		return out, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextCursor = httpapi.EncodeCursor(last.CreatedAt, last.EventID)
	}
	for _, r := range rows {
		it := InboxItem{ID: r.EventID.String(), Action: r.Action, Sentence: r.Sentence, ActorName: r.ActorName, ProjectName: r.ProjectName,
			Link:      inboxLink(t.Slug, dbq.NotificationEvent{ProjectID: r.ProjectID, ObjectType: r.ObjectType, ObjectID: r.ObjectID}),
			CreatedAt: r.CreatedAt, Read: r.ReadAt != nil}
		if r.ProjectID != nil {
			it.ProjectID = r.ProjectID.String()
		}
		out.Items = append(out.Items, it)
	}
	n, err := t.Q.CountInboxUnread(ctx, dbq.CountInboxUnreadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID})
	out.Unread = int(n)
	return out, err
}

// markedInbox announces to t's other tabs that k items were read.
func markedInbox(ctx context.Context, t *httpapi.Tenant, k int64) error {
	if k == 0 {
		return nil
	}
	return announceInbox(ctx, t.Tx, t.WorkspaceID, nil, t.UserID, event.InboxRead, "", t.Deps().Now())
}

// inboxLockKey names the lock of one person's thread: the inbox job
// (checking whether the thread was read) and a reading of the thread
// (marking its items) take it, so that an item written while the thread
// is being read is either born read or marked by the reading.
func inboxLockKey(ws, user uuid.UUID, thread string) string {
	return "inbox:" + ws.String() + ":" + user.String() + ":" + thread
}

// markInboxThread reads the inbox items of a thread (a request viewed).
func markInboxThread(ctx context.Context, t *httpapi.Tenant, thread string) error {
	if err := t.Q.LockInboxThread(ctx, inboxLockKey(t.WorkspaceID, t.UserID, thread)); err != nil {
		return err
	}
	k, err := t.Q.MarkInboxThreadRead(ctx, dbq.MarkInboxThreadReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, Thread: thread, Now: t.Deps().Now()})
	if err != nil {
		return err
	}
	return markedInbox(ctx, t, k)
}

// MarkInboxMessagesRead reads the new-message items of project up to seq
// (the conversation's read mark moved).
func MarkInboxMessagesRead(ctx context.Context, t *httpapi.Tenant, project uuid.UUID, seq int64) error {
	if err := t.Q.LockInboxThread(ctx, inboxLockKey(t.WorkspaceID, t.UserID, "messages:"+project.String())); err != nil {
		return err
	}
	k, err := t.Q.MarkInboxMessagesRead(ctx, dbq.MarkInboxMessagesReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID,
		ProjectID: &project, Seq: seq, Now: t.Deps().Now()})
	if err != nil {
		return err
	}
	return markedInbox(ctx, t, k)
}

// MarkInboxObjectRead reads the items about one object of project (a
// payment, an approval, a file, a task the caller opened).
func MarkInboxObjectRead(ctx context.Context, t *httpapi.Tenant, project uuid.UUID, objectType, objectID string) error {
	k, err := t.Q.MarkInboxObjectRead(ctx, dbq.MarkInboxObjectReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID,
		ProjectID: &project, ObjectType: objectType, ObjectID: objectID, Now: t.Deps().Now()})
	if err != nil {
		return err
	}
	return markedInbox(ctx, t, k)
}

type inboxOutput struct{ Body InboxPage }

type unreadOutput struct {
	Body struct {
		Unread int `json:"unread"`
	}
}

// RegisterInbox adds the bell's operations.
func (n *Notifier) RegisterInbox(api huma.API) {
	tags := []string{"notifications"}
	sec := []map[string][]string{{"session": {}}}
	errs := []int{401, 404, 422}
	base := "/api/v1/w/{workspace}/notifications"

	huma.Register(api, huma.Operation{
		OperationID: "list-notifications", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base, Tags: tags, Errors: errs, Security: sec,
		Summary: "The caller's notifications (the bell), newest first",
		Description: "The events the caller is told of (the same people as the emails: never one's own actions, nothing admin-only to a client, " +
			"nothing of a muted project or of a project one left). Keyset-paged: pass nextCursor as cursor for older ones.",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Cursor string `query:"cursor" maxLength:"200" doc:"nextCursor of the previous page"`
		Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
		Unread bool   `query:"unread" doc:"only the unread ones"`
	}) (*inboxOutput, error) {
		out := &inboxOutput{}
		limit := in.Limit
		if limit <= 0 {
			limit = DefaultInboxLimit
		}
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) (err error) {
			out.Body, err = ListInbox(ctx, t, in.Cursor, min(limit, MaxInboxLimit), in.Unread)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "count-unread-notifications", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/unread-count",
		Tags: tags, Errors: errs, Security: sec, Summary: "How many of the caller's notifications are unread (the bell's badge)",
	}, func(ctx context.Context, in *struct{ WorkspacePath }) (*unreadOutput, error) {
		out := &unreadOutput{}
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			k, err := t.Q.CountInboxUnread(ctx, dbq.CountInboxUnreadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID})
			out.Body.Unread = int(k)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-notification-read", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/{notification}/read",
		Tags: tags, Errors: errs, Security: sec, DefaultStatus: http.StatusNoContent,
		Summary: "Mark one of the caller's notifications read (opened from the bell)",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Notification uuid.UUID `path:"notification"`
	}) (*struct{}, error) {
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			ok, err := t.Q.InboxItemExists(ctx, dbq.InboxItemExistsParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, EventID: in.Notification})
			if err != nil {
				return err
			}
			if !ok {
				return httpapi.NotFound()
			}
			k, err := t.Q.MarkInboxItemRead(ctx, dbq.MarkInboxItemReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, EventID: in.Notification, Now: n.d.Now()})
			if err != nil {
				return err
			}
			return markedInbox(ctx, t, k)
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-project-notifications-read", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/notifications/read", Tags: tags, Errors: errs, Security: sec, DefaultStatus: http.StatusNoContent,
		Summary: "The caller viewed a payment or an approval (or the project's list of them): its notifications are read",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		Body    struct {
			ObjectType string     `json:"objectType" enum:"payment,approval"`
			ObjectID   *uuid.UUID `json:"objectId,omitempty" doc:"the object viewed; absent: the project's list of them"`
		}
	}) (*struct{}, error) {
		err := n.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			if in.Body.ObjectID == nil {
				k, err := t.Q.MarkInboxTypeRead(ctx, dbq.MarkInboxTypeReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, ProjectID: &p.ID,
					ObjectType: in.Body.ObjectType, Now: n.d.Now()})
				if err != nil {
					return err
				}
				return markedInbox(ctx, t, k)
			}
			ok, err := t.Q.ProjectObjectExists(ctx, dbq.ProjectObjectExistsParams{ObjectType: in.Body.ObjectType, ProjectID: p.ID, ObjectID: *in.Body.ObjectID})
			if err != nil {
				return err
			}
			if !ok {
				return httpapi.NotFound()
			}
			return MarkInboxObjectRead(ctx, t, p.ID, in.Body.ObjectType, in.Body.ObjectID.String())
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-all-notifications-read", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/read",
		Tags: tags, Errors: errs, Security: sec, DefaultStatus: http.StatusNoContent,
		Summary: "Mark all the caller's notifications read (« Tout marquer comme lu »)",
	}, func(ctx context.Context, in *struct{ WorkspacePath }) (*struct{}, error) {
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			k, err := t.Q.MarkInboxAllRead(ctx, dbq.MarkInboxAllReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, Now: n.d.Now()})
			if err != nil {
				return err
			}
			return markedInbox(ctx, t, k)
		})
		return nil, err
	})
}
