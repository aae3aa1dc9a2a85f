package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"golang.org/x/sync/singleflight"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Stream limits.
const (
	// Grace is how long an id may stay invisible before a stream's
	// position moves past it: longer than any transaction may last.
	Grace = 2 * time.Minute
	// Heartbeat keeps proxies from closing an idle stream.
	Heartbeat = 25 * time.Second
	// MaxPerUser streams per user (a tab each), over every process: each
	// stream holds a lease in live_streams (see Hub.lease).
	MaxPerUser = 8
	// recheck re-reads the table without a notification: the safety net
	// of a lost NOTIFY, and what moves the position past old gaps.
	recheck = 5 * time.Second
	batch   = 500
)

// Handler serves the stream.
type Handler struct {
	d   *httpapi.Deps
	hub *Hub
	// MaxAge ends a stream after this long (the browser reconnects with
	// Last-Event-ID, and the session is checked again).
	MaxAge time.Duration
	// reads shares one read among the streams of one session at one
	// position (a person's tabs, woken by the same event): what a stream
	// may see depends only on its session's user and workspace.
	reads singleflight.Group
}

// New returns the stream handler on hub.
func New(d *httpapi.Deps, hub *Hub, maxAge time.Duration) *Handler {
	return &Handler{d: d, hub: hub, MaxAge: maxAge}
}

// Event is what one SSE message carries: what changed, never its content;
// pages fetch what they show through the ordinary routes.
type Event struct {
	Event      int64  `json:"event" doc:"the event's id (a replay may repeat one: dedupe on it)"`
	Kind       string `json:"kind" doc:"the action: message.created, task.moved, request.accepted…"`
	ProjectID  string `json:"projectId,omitempty"`
	ObjectType string `json:"objectType,omitempty"`
	ObjectID   string `json:"objectId,omitempty"`
}

// cursor is a stream's position: everything at or below floor was
// delivered or given up on (see the package comment).
type cursor struct {
	floor   int64
	sent    map[int64]bool
	missing map[int64]time.Time
}

// settle moves the floor over delivered ids and ids missing for Grace,
// up to top, the highest id known to exist.
func (c *cursor) settle(now time.Time, top int64) {
	stuck := false
	for id := c.floor + 1; id <= top; id++ {
		switch {
		case c.sent[id]:
		case !c.missing[id].IsZero() && now.Sub(c.missing[id]) >= Grace:
		default:
			if c.missing[id].IsZero() {
				c.missing[id] = now
			}
			stuck = true
		}
		if !stuck {
			delete(c.sent, id)
			delete(c.missing, id)
			c.floor = id
		}
	}
}

// Register wires the stream route; it stays in the OpenAPI document so
// the cross-tenant matrix covers it.
func (h *Handler) Register(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "live-events", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/events", Tags: []string{"live"},
		Summary: "The workspace's live events (Server-Sent Events)",
		Description: "One stream per browser tab: each message names a change the caller may see (never admin-only ones for a client, " +
			"nothing of projects he does not belong to) and carries the stream position as its SSE id. After a reconnect, Last-Event-ID " +
			"replays what was missed (events are kept a day; an unknown or forged position is clamped, nothing else is sent). A comment " +
			"line every 25 s keeps the connection open. At most 8 streams per user over all servers: 429 too_many_streams beyond. " +
			"The stream ends when its session does (logout, revocation, expiry).",
		Errors: []int{401, 404, 429}, Security: []map[string][]string{{"session": {}}},
		Responses: map[string]*huma.Response{"200": {Description: "text/event-stream", Content: map[string]*huma.MediaType{
			"text/event-stream": {Schema: &huma.Schema{Type: "string", Description: "SSE: id: position, data: an Event as JSON"}},
		}}},
	}, func(ctx context.Context, in *struct {
		Workspace   string `path:"workspace" maxLength:"48"`
		LastEventID string `header:"Last-Event-ID" maxLength:"40"`
	}) (*huma.StreamResponse, error) {
		var (
			ws, user, lease uuid.UUID
			start           int64
		)
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			ws, user = t.WorkspaceID, t.UserID
			last, err := t.Q.LastLiveEventID(ctx, t.WorkspaceID)
			if err != nil {
				return err
			}
			start = last
			// A forged or stale position is clamped into what exists;
			// RLS decides what is replayed from it.
			if n, perr := strconv.ParseInt(in.LastEventID, 10, 64); perr == nil && n >= 0 && n < last {
				start = n
			}
			id, ok, err := h.hub.lease(ctx, t.Q, user, MaxPerUser)
			if err != nil {
				return err
			}
			if !ok {
				return httpapi.Err(httpapi.CodeTooManyStreams, fmt.Sprintf("at most %d live streams per user: close a tab", MaxPerUser))
			}
			lease = id
			return nil
		})
		if err != nil {
			return nil, err
		}
		p := httpapi.PrincipalFrom(ctx)
		if p == nil {
			return nil, httpapi.Err(httpapi.CodeUnauthenticated, "log in")
		}
		session := p.SessionHash
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			// Subscribed here only: a lease whose body never ran is never
			// renewed and expires.
			s := h.hub.subscribe(ws, user, lease)
			defer h.hub.unsubscribe(ws, s)
			r, w := humago.Unwrap(hctx)
			h.serve(r.Context(), w, in.Workspace, session, start, s)
		}}, nil
	})
}

func (h *Handler) serve(ctx context.Context, w http.ResponseWriter, slug string, session []byte, start int64, s *sub) {
	rc := http.NewResponseController(w)
	// The server's write timeout would cut the stream: this request has none.
	_ = rc.SetWriteDeadline(time.Time{})
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-cache, no-transform")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 3000\n\n"); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	cur := &cursor{floor: start, sent: map[int64]bool{}, missing: map[int64]time.Time{}}
	heartbeat := time.NewTicker(Heartbeat)
	defer heartbeat.Stop()
	check := time.NewTicker(recheck)
	defer check.Stop()
	var end <-chan time.Time
	if h.MaxAge > 0 {
		t := time.NewTimer(h.MaxAge)
		defer t.Stop()
		end = t.C
	}
	for {
		if err := h.deliver(ctx, w, rc, slug, session, cur, s.known()); err != nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-h.hub.closed:
			return
		case <-end:
			return
		case <-s.wake:
		case <-check.C:
		case <-heartbeat.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// errSessionGone ends a stream whose session ended.
var errSessionGone = errors.New("live: session ended")

// deliver sends what the stream's user may see after its position, read
// under his RLS scope. Membership and session are checked again each time
// (every wake, every recheck): a removed member's or a logged-out session's
// stream ends here.
func (h *Handler) deliver(ctx context.Context, w http.ResponseWriter, rc *http.ResponseController, slug string, session []byte, cur *cursor, known int64) error {
	for {
		rows, err := h.read(ctx, slug, session, cur.floor)
		if err != nil {
			return err
		}
		top := known
		wrote := false
		for _, r := range rows {
			top = max(top, r.ID)
			if cur.sent[r.ID] {
				continue
			}
			cur.sent[r.ID] = true
			e := Event{Event: r.ID, Kind: r.Kind, ObjectType: r.ObjectType, ObjectID: r.ObjectID}
			if r.ProjectID != nil {
				e.ProjectID = r.ProjectID.String()
			}
			data, _ := json.Marshal(e)
			if _, err := fmt.Fprintf(w, "id: %d\ndata: %s\n\n", cur.floor, data); err != nil {
				return err
			}
			wrote = true
		}
		cur.settle(h.d.Now(), top)
		if wrote {
			// The position after this batch, for Last-Event-ID.
			if _, err := fmt.Fprintf(w, "id: %d\n\n", cur.floor); err != nil {
				return err
			}
			if err := rc.Flush(); err != nil {
				return err
			}
		}
		if len(rows) < batch {
			return nil
		}
	}
}

// read returns the events after floor that the session's user may see,
// checking the session first. Concurrent calls for the same session and
// position share one transaction; the shared read runs detached from the
// first caller's request, so a tab closing does not fail its siblings.
func (h *Handler) read(ctx context.Context, slug string, session []byte, floor int64) ([]dbq.LiveEventsAfterRow, error) {
	key := slug + "\x00" + string(session) + "\x00" + strconv.FormatInt(floor, 10)
	ch := h.reads.DoChan(key, func() (any, error) {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		var rows []dbq.LiveEventsAfterRow
		err := h.d.InWorkspace(rctx, slug, func(t *httpapi.Tenant) (err error) {
			alive, err := t.Q.LiveSessionAlive(rctx, dbq.LiveSessionAliveParams{TokenHash: session, Now: h.d.Now()})
			if err != nil {
				return err
			}
			if !alive {
				return errSessionGone
			}
			rows, err = t.Q.LiveEventsAfter(rctx, dbq.LiveEventsAfterParams{WorkspaceID: t.WorkspaceID, After: floor, Max: batch})
			return err
		})
		return rows, err
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.([]dbq.LiveEventsAfterRow), nil
	}
}

// PruneArgs removes events past Retention.
type PruneArgs struct{}

// Kind names the job.
func (PruneArgs) Kind() string { return "live.prune" }

// PruneWorker runs PruneArgs.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	D *httpapi.Deps
}

// Work deletes the events older than Retention, in every workspace (through
// a definer function that can do nothing else).
func (w *PruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	return db.Tx(ctx, w.D.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		if _, err := q.PruneLiveEvents(ctx, w.D.Now().Add(-Retention)); err != nil {
			return err
		}
		// Leases left by killed processes.
		_, err := q.DeleteExpiredLiveStreams(ctx, w.D.Now())
		return err
	})
}
