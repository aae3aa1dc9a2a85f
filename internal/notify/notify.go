// Package notify emails people about what happened in their portal (module
// G, issue 14). A hook hears every announced event (httpapi.Event) in its
// transaction and, for the actions the catalogue (internal/event) says are
// worth an email, stores the event and enqueues a River job with its id.
// The job decides who hears of it (never the actor; admin-only events never
// reach a client; a client removed from the project hears nothing more),
// applies each person's preferences, and creates the emails with
// mail.EnqueueID — one delivery row per event × recipient, written in the
// same transaction, so a retried job never sends twice.
//
// Chatty events (messages, request comments) wait Delay before an email:
// read in the portal meanwhile (ReadState), nothing is sent; several in the
// window make one email.
package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // digests in the recipient's time zone, whatever the host has

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
	outbox "github.com/parvis/parvis/internal/mail"
)

// DefaultDelay is how long a chatty event waits for its email.
const DefaultDelay = 5 * time.Minute

// Modes of a family's preference.
const (
	ModeImmediate = "immediate"
	ModeDigest    = "digest"
	ModeNever     = "never"
)

// Defaults: money and sign-offs matter at once; files wait for the digest.
var defaultModes = map[event.Family]string{
	event.FamilyRequests: ModeImmediate, event.FamilyMessages: ModeImmediate, event.FamilyPayments: ModeImmediate,
	event.FamilyApprovals: ModeImmediate, event.FamilyFiles: ModeDigest, event.FamilyTasks: ModeImmediate,
}

// Default digest schedule of someone who never chose one.
const (
	DefaultDigestHour = 8
	DefaultTimeZone   = "Europe/Paris"
)

// ReadState tells when a person last read a thread in the portal. The
// requests module's threads use the notification_reads table (the request
// page marks it); a messaging module can answer from its own read markers.
type ReadState interface {
	ReadAt(ctx context.Context, q *dbq.Queries, workspaceID, userID uuid.UUID, thread string) (time.Time, error)
}

// tableReads is the ReadState of notification_reads.
type tableReads struct{}

func (tableReads) ReadAt(ctx context.Context, q *dbq.Queries, ws, user uuid.UUID, thread string) (time.Time, error) {
	t, err := q.GetThreadRead(ctx, dbq.GetThreadReadParams{WorkspaceID: ws, UserID: user, Thread: thread})
	if db.IsNotFound(err) {
		return time.Time{}, nil
	}
	return t, err
}

// Notifier is the module.
type Notifier struct {
	d     *httpapi.Deps
	key   []byte
	Delay time.Duration
	// reads answers per thread kind ("request", "messages").
	reads map[string]ReadState
}

// New returns the notifier; secret signs the unsubscribe links.
func New(d *httpapi.Deps, secret []byte) *Notifier {
	return &Notifier{d: d, key: deriveKey(secret), Delay: DefaultDelay, reads: map[string]ReadState{"request": tableReads{}, "messages": tableReads{}}}
}

// UseReadState lets another module (messages) answer for its threads.
func (n *Notifier) UseReadState(kind string, r ReadState) { n.reads[kind] = r }

// Thread names the conversation an event belongs to: a request's thread,
// or the project (its messages, payments, files…).
func Thread(e httpapi.Event) string {
	switch {
	case e.ObjectType == "request" && e.ObjectID != "":
		return "request:" + e.ObjectID
	case e.Action == event.MessageCreated && e.ProjectID != nil:
		return "messages:" + e.ProjectID.String()
	case e.ProjectID != nil:
		return "project:" + e.ProjectID.String()
	}
	return "workspace"
}

func threadKind(thread string) string {
	k, _, _ := strings.Cut(thread, ":")
	return k
}

// Args is the notify job: ids only (river_job has no row-level security).
type Args struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	EventID     uuid.UUID `json:"event_id"`
}

// Kind implements river.JobArgs.
func (Args) Kind() string { return "notify" }

// InsertOpts: one job per event, whatever inserts it twice.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Hook is the httpapi.EventHook app.go registers.
func (n *Notifier) Hook(t *httpapi.Tenant, e httpapi.Event) error {
	info, ok := event.Lookup(e.Action)
	if !ok || !info.Notifies() {
		return nil
	}
	if e.AdminOnly && !t.IsAdmin() {
		// A client's own action that only admins may read is a file he
		// uploads for a request or a message: the request or the message
		// is what is told, not the upload.
		return nil
	}
	ctx := t.Context()
	data := []byte("{}")
	if len(e.Data) > 0 {
		var err error
		if data, err = json.Marshal(e.Data); err != nil {
			return fmt.Errorf("notify data: %w", err)
		}
	}
	now := n.d.Now()
	id, err := t.Q.InsertNotificationEvent(ctx, dbq.InsertNotificationEventParams{WorkspaceID: t.WorkspaceID, ProjectID: e.ProjectID,
		ActorID: e.ActorID, Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID, Thread: Thread(e), Data: data,
		AdminOnly: e.AdminOnly, CreatedAt: now})
	if err != nil {
		return fmt.Errorf("notify event: %w", err)
	}
	var opts *river.InsertOpts
	if info.Chatty {
		opts = &river.InsertOpts{ScheduledAt: now.Add(n.Delay)}
	}
	if _, err := n.d.River.InsertTx(ctx, t.Tx, Args{WorkspaceID: t.WorkspaceID, EventID: id}, opts); err != nil {
		return fmt.Errorf("notify job: %w", err)
	}
	// The bell hears of it at once (inbox.go).
	return n.enqueueInbox(t, id)
}

// Worker runs the notify job.
type Worker struct {
	river.WorkerDefaults[Args]
	N *Notifier
}

// Work decides and creates the emails of one event.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	wait, err := w.N.Process(ctx, job.Args.WorkspaceID, job.Args.EventID)
	if err != nil {
		return err
	}
	if wait > 0 {
		// River schedules by the wall clock; the portal's clock decides.
		return river.JobSnooze(wait)
	}
	return nil
}

type recipient struct {
	ID     uuid.UUID
	Email  string
	Name   string
	Locale string
	Admin  bool
}

// Process handles one event in one transaction. It returns how long to
// wait when a chatty event's window is still open.
func (n *Notifier) Process(ctx context.Context, ws, eventID uuid.UUID) (time.Duration, error) {
	var wait time.Duration
	err := db.Tx(ctx, n.d.Pool, db.SystemScope(ws, db.PurposeNotifications), func(tx pgx.Tx, q *dbq.Queries) error {
		ev, err := q.GetNotificationEvent(ctx, dbq.GetNotificationEventParams{WorkspaceID: ws, ID: eventID})
		if db.IsNotFound(err) {
			return nil // the project or workspace went away
		}
		if err != nil {
			return err
		}
		info, ok := event.Lookup(ev.Action)
		if !ok || !info.Notifies() {
			return nil
		}
		now := n.d.Now()
		if info.Chatty {
			if due := ev.CreatedAt.Add(n.Delay); now.Before(due) {
				wait = due.Sub(now)
				return nil
			}
		}
		rs, err := n.recipients(ctx, q, ev, info)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if err := n.deliver(ctx, tx, q, ev, info, r, now); err != nil {
				return fmt.Errorf("notify %s: %w", r.ID, err)
			}
		}
		return nil
	})
	return wait, err
}

// recipients applies the catalogue's audience and the rules that hold for
// every event: never the actor, admin-only never to clients, clients only
// while they are members of the project.
func (n *Notifier) recipients(ctx context.Context, q *dbq.Queries, ev dbq.NotificationEvent, info event.Info) ([]recipient, error) {
	var admins, clients []recipient
	rows, err := q.ListWorkspaceAdmins(ctx, ev.WorkspaceID)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		admins = append(admins, recipient{ID: r.ID, Email: r.Email, Name: r.Name, Locale: r.Locale, Admin: true})
	}
	if ev.ProjectID != nil && !ev.AdminOnly {
		rows, err := q.ListProjectClients(ctx, dbq.ListProjectClientsParams{WorkspaceID: ev.WorkspaceID, ProjectID: *ev.ProjectID})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			clients = append(clients, recipient{ID: r.ID, Email: r.Email, Name: r.Name, Locale: r.Locale})
		}
	}
	var out []recipient
	switch info.Audience {
	case event.Admins:
		out = admins
	case event.Clients:
		out = clients
	case event.Everyone:
		out = append(admins, clients...)
	case event.OtherSide:
		actorIsClient := false
		if ev.ActorID != nil {
			m, err := q.GetMemberForNotify(ctx, dbq.GetMemberForNotifyParams{WorkspaceID: ev.WorkspaceID, UserID: *ev.ActorID})
			if err != nil && !db.IsNotFound(err) {
				return nil, err
			}
			actorIsClient = err == nil && m.Role == httpapi.RoleClient
		}
		if actorIsClient {
			out = admins
		} else {
			out = clients
		}
	}
	return slices.DeleteFunc(out, func(r recipient) bool {
		return ev.ActorID != nil && r.ID == *ev.ActorID || ev.AdminOnly && !r.Admin
	}), nil
}

// skip records that r was not emailed about ev, and why.
func skip(ctx context.Context, q *dbq.Queries, ev dbq.NotificationEvent, r recipient, reason string, now time.Time) error {
	_, err := q.InsertNotificationDelivery(ctx, dbq.InsertNotificationDeliveryParams{WorkspaceID: ev.WorkspaceID, EventID: ev.ID,
		UserID: r.ID, Channel: "skipped", Reason: reason, Now: now})
	return err
}

func (n *Notifier) mode(ctx context.Context, q *dbq.Queries, ws, user uuid.UUID, f event.Family) (string, error) {
	prefs, err := q.ListNotificationPreferences(ctx, dbq.ListNotificationPreferencesParams{WorkspaceID: ws, UserID: user})
	if err != nil {
		return "", err
	}
	for _, p := range prefs {
		if p.Family == string(f) {
			return p.Mode, nil
		}
	}
	return defaultModes[f], nil
}

// deliver decides what r gets of ev and writes it.
func (n *Notifier) deliver(ctx context.Context, tx pgx.Tx, q *dbq.Queries, ev dbq.NotificationEvent, info event.Info, r recipient, now time.Time) error {
	if ev.ProjectID != nil {
		muted, err := q.IsProjectMuted(ctx, dbq.IsProjectMutedParams{WorkspaceID: ev.WorkspaceID, UserID: r.ID, ProjectID: *ev.ProjectID})
		if err != nil {
			return err
		}
		if muted {
			return skip(ctx, q, ev, r, "muted", now)
		}
	}
	if _, err := mail.ParseAddress(r.Email); err != nil {
		n.d.Log.WarnContext(ctx, "notification skipped: invalid address", "user_id", r.ID, "event_id", ev.ID)
		return skip(ctx, q, ev, r, "invalid_address", now)
	}
	suppressed, err := q.IsAddressSuppressed(ctx, dbq.IsAddressSuppressedParams{WorkspaceID: ev.WorkspaceID, Address: r.Email})
	if err != nil {
		return err
	}
	if suppressed {
		n.d.Log.InfoContext(ctx, "notification skipped: suppressed address", "user_id", r.ID, "event_id", ev.ID)
		return skip(ctx, q, ev, r, "suppressed", now)
	}
	mode, err := n.mode(ctx, q, ev.WorkspaceID, r.ID, info.Family)
	if err != nil {
		return err
	}
	switch mode {
	case ModeNever:
		return skip(ctx, q, ev, r, "never", now)
	case ModeDigest:
		_, err := q.InsertNotificationDelivery(ctx, dbq.InsertNotificationDeliveryParams{WorkspaceID: ev.WorkspaceID, EventID: ev.ID,
			UserID: r.ID, Channel: ModeDigest, Now: now})
		return err
	}
	events := []dbq.NotificationEvent{ev}
	if info.Chatty {
		if events, err = n.window(ctx, q, ev, r, now); err != nil || len(events) == 0 {
			return err
		}
	}
	// The delivery rows first: a retried job finds them and sends nothing.
	for _, e := range events {
		k, err := q.InsertNotificationDelivery(ctx, dbq.InsertNotificationDeliveryParams{WorkspaceID: ev.WorkspaceID, EventID: e.ID,
			UserID: r.ID, Channel: ModeImmediate, Now: now})
		if err != nil {
			return err
		}
		if k == 0 && e.ID == ev.ID {
			return nil
		}
	}
	c, err := n.compose(ctx, q, r, info.Family, events)
	if err != nil {
		return err
	}
	_, err = outbox.EnqueueID(ctx, tx, n.d.River, now, c)
	return err
}

// window gathers what r has not been told of on ev's thread, unless a later
// event of the thread will (its own job comes later) or r read it all.
func (n *Notifier) window(ctx context.Context, q *dbq.Queries, ev dbq.NotificationEvent, r recipient, now time.Time) ([]dbq.NotificationEvent, error) {
	chatty := chattyActions()
	newer, err := q.NewerThreadEventExists(ctx, dbq.NewerThreadEventExistsParams{WorkspaceID: ev.WorkspaceID, Thread: ev.Thread,
		Actions: chatty, CreatedAt: ev.CreatedAt, ID: ev.ID, UserID: r.ID})
	if err != nil || newer {
		return nil, err
	}
	all, err := q.ListUncoveredThreadEvents(ctx, dbq.ListUncoveredThreadEventsParams{WorkspaceID: ev.WorkspaceID, Thread: ev.Thread,
		Actions: chatty, CreatedAt: ev.CreatedAt, ID: ev.ID, UserID: r.ID})
	if err != nil {
		return nil, err
	}
	readAt := time.Time{}
	if rs, ok := n.reads[threadKind(ev.Thread)]; ok {
		if readAt, err = rs.ReadAt(ctx, q, ev.WorkspaceID, r.ID, ev.Thread); err != nil {
			return nil, err
		}
	}
	// Writing on the thread is reading it.
	own, err := q.LastOwnThreadEvent(ctx, dbq.LastOwnThreadEventParams{WorkspaceID: ev.WorkspaceID, Thread: ev.Thread, UserID: r.ID})
	if err != nil {
		return nil, err
	}
	if own.After(readAt) {
		readAt = own
	}
	var unread []dbq.NotificationEvent
	for _, e := range all {
		if e.AdminOnly && !r.Admin {
			continue
		}
		if !e.CreatedAt.After(readAt) {
			if err := skip(ctx, q, e, r, "read", now); err != nil {
				return nil, err
			}
			continue
		}
		unread = append(unread, e)
	}
	return unread, nil
}

func chattyActions() []string {
	var out []string
	for _, a := range event.All() {
		if i, _ := event.Lookup(a); i.Chatty {
			out = append(out, a)
		}
	}
	return out
}

// MarkRead records that t's user read thread now (the request page, the
// messages page): chatty emails still waiting for it are not sent.
func MarkRead(ctx context.Context, t *httpapi.Tenant, thread string) error {
	if err := t.Q.MarkThreadRead(ctx, dbq.MarkThreadReadParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, Thread: thread, Now: t.Deps().Now()}); err != nil {
		return err
	}
	// And the bell's items about it (inbox.go).
	return markInboxThread(ctx, t, thread)
}

// DigestArgs is the periodic sweep that sends the daily digests due.
type DigestArgs struct{}

// Kind implements river.JobArgs.
func (DigestArgs) Kind() string { return "notify.digest" }

// DigestWorker runs the sweep.
type DigestWorker struct {
	river.WorkerDefaults[DigestArgs]
	N *Notifier
}

// Work sends every digest that is due.
func (w *DigestWorker) Work(ctx context.Context, _ *river.Job[DigestArgs]) error {
	return w.N.SendDigests(ctx)
}

// SendDigests sends, in each workspace with something waiting, one email
// per person whose chosen hour has come today in their time zone and who
// had none today; nothing is sent to whom nothing waits.
func (n *Notifier) SendDigests(ctx context.Context) error {
	var wss []uuid.UUID
	err := db.Tx(ctx, n.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		var err error
		wss, err = q.DigestWorkspaces(ctx)
		return err
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, ws := range wss {
		errs = append(errs, n.digestWorkspace(ctx, ws))
	}
	return errors.Join(errs...)
}

func (n *Notifier) digestWorkspace(ctx context.Context, ws uuid.UUID) error {
	return db.Tx(ctx, n.d.Pool, db.SystemScope(ws, db.PurposeNotifications), func(tx pgx.Tx, q *dbq.Queries) error {
		users, err := q.ListDigestUsers(ctx, ws)
		if err != nil {
			return err
		}
		now := n.d.Now()
		for _, u := range users {
			loc, err := time.LoadLocation(u.TimeZone)
			if err != nil {
				n.d.Log.WarnContext(ctx, "digest: unknown time zone, using the default", "user_id", u.UserID, "tz", u.TimeZone)
				loc, _ = time.LoadLocation(DefaultTimeZone)
			}
			local := now.In(loc)
			today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
			if local.Hour() < int(u.DigestHour) || u.LastDigestOn != nil && !u.LastDigestOn.Before(today) {
				continue
			}
			if err := n.sendDigest(ctx, tx, q, ws, u.UserID, today, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func (n *Notifier) sendDigest(ctx context.Context, tx pgx.Tx, q *dbq.Queries, ws, user uuid.UUID, today, now time.Time) error {
	m, err := q.GetMemberForNotify(ctx, dbq.GetMemberForNotifyParams{WorkspaceID: ws, UserID: user})
	if db.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	items, err := q.ListDigestItems(ctx, dbq.ListDigestItemsParams{WorkspaceID: ws, UserID: user})
	if err != nil {
		return err
	}
	r := recipient{ID: m.ID, Email: m.Email, Name: m.Name, Locale: m.Locale, Admin: m.Role == httpapi.RoleAdmin}
	var emailID *uuid.UUID
	if len(items) > 0 {
		c, err := n.composeDigest(ctx, q, r, items)
		if err != nil {
			return err
		}
		id, err := outbox.EnqueueID(ctx, tx, n.d.River, now, c)
		if err != nil {
			return err
		}
		emailID = &id
	}
	if err := q.MarkDigested(ctx, dbq.MarkDigestedParams{WorkspaceID: ws, UserID: user, Now: &now, EmailID: emailID}); err != nil {
		return err
	}
	return q.SetLastDigest(ctx, dbq.SetLastDigestParams{WorkspaceID: ws, UserID: user, Day: &today, Now: now})
}
