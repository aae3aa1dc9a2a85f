package live

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// Leases: the per-user cap holds across processes (migration 00022).
const (
	// LeaseTTL is how long a stream's lease counts without renewal: a
	// killed process's streams stop counting after it.
	LeaseTTL = 90 * time.Second
	// LeaseRenew is how often a process renews its streams' leases.
	LeaseRenew = 30 * time.Second
)

// Hub fans the process's one LISTEN connection out to its streams.
type Hub struct {
	pool *pgxpool.Pool
	log  *slog.Logger

	now func() time.Time

	mu     sync.Mutex
	subs   map[uuid.UUID]map[*sub]struct{}
	byUser map[uuid.UUID]map[*sub]struct{}
	closed chan struct{}
	once   sync.Once
}

// sub is one stream: woken (coalesced) with the highest id notified.
type sub struct {
	lease uuid.UUID
	user  uuid.UUID
	wake  chan struct{}
	mu    sync.Mutex
	max   int64
}

func (s *sub) notify(id int64) {
	s.mu.Lock()
	if id > s.max {
		s.max = id
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *sub) known() int64 { s.mu.Lock(); defer s.mu.Unlock(); return s.max }

// NewHub returns a hub listening on pool (Run starts it); now dates the
// leases.
func NewHub(pool *pgxpool.Pool, log *slog.Logger, now func() time.Time) *Hub {
	return &Hub{pool: pool, log: log, now: now, subs: map[uuid.UUID]map[*sub]struct{}{}, byUser: map[uuid.UUID]map[*sub]struct{}{},
		closed: make(chan struct{})}
}

// Run holds the LISTEN connection until ctx ends, reconnecting with a
// backoff; after each (re)connection every stream re-reads the table, since
// notifications sent while it was down are lost. It also renews the
// process's leases every LeaseRenew.
func (h *Hub) Run(ctx context.Context) {
	go func() {
		t := time.NewTicker(LeaseRenew)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := h.Renew(ctx); err != nil && ctx.Err() == nil {
					h.log.Warn("live: renewing stream leases", "err", err)
				}
			}
		}
	}()
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := h.listen(ctx)
		if ctx.Err() != nil {
			return
		}
		h.log.Warn("live: LISTEN connection lost, reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (h *Hub) listen(ctx context.Context) error {
	c, err := h.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// Out of the pool for good: a LISTEN connection is no query connection.
	conn := c.Hijack()
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	h.wakeAll()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		ws, id, ok := strings.Cut(n.Payload, ":")
		if ws == "user" {
			// A session of the user ended (or the user was disabled):
			// his streams check theirs again.
			if u, err := uuid.Parse(id); err == nil {
				h.wakeUser(u)
			}
			continue
		}
		wsID, err := uuid.Parse(ws)
		if !ok || err != nil {
			continue
		}
		eid, _ := strconv.ParseInt(id, 10, 64)
		h.mu.Lock()
		for s := range h.subs[wsID] {
			s.notify(eid)
		}
		h.mu.Unlock()
	}
}

func (h *Hub) wakeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.subs {
		for s := range m {
			s.notify(0)
		}
	}
}

func (h *Hub) wakeUser(u uuid.UUID) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.byUser[u] {
		s.notify(0)
	}
}

// lease takes one of the user's max stream slots, counted over every
// process through the live_streams table (in tx, which holds the user's
// lock until it ends), or reports false when all are taken.
func (h *Hub) lease(ctx context.Context, q *dbq.Queries, user uuid.UUID, max int) (uuid.UUID, bool, error) {
	if err := q.LockLiveStreams(ctx, user); err != nil {
		return uuid.Nil, false, err
	}
	now := h.now()
	n, err := q.CountLiveStreams(ctx, dbq.CountLiveStreamsParams{UserID: user, Now: now})
	if err != nil || n >= int64(max) {
		return uuid.Nil, false, err
	}
	id := uuid.New()
	return id, true, q.InsertLiveStream(ctx, dbq.InsertLiveStreamParams{ID: id, UserID: user, ExpiresAt: now.Add(LeaseTTL)})
}

// subscribe registers the stream holding lease in workspace.
func (h *Hub) subscribe(workspace, user, lease uuid.UUID) *sub {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := &sub{lease: lease, user: user, wake: make(chan struct{}, 1)}
	for _, m := range []struct {
		k   uuid.UUID
		set map[uuid.UUID]map[*sub]struct{}
	}{{workspace, h.subs}, {user, h.byUser}} {
		if m.set[m.k] == nil {
			m.set[m.k] = map[*sub]struct{}{}
		}
		m.set[m.k][s] = struct{}{}
	}
	return s
}

// unsubscribe forgets s and gives its lease back (were that to fail, the
// lease would expire after LeaseTTL).
func (h *Hub) unsubscribe(workspace uuid.UUID, s *sub) {
	h.mu.Lock()
	for _, m := range []struct {
		k   uuid.UUID
		set map[uuid.UUID]map[*sub]struct{}
	}{{workspace, h.subs}, {s.user, h.byUser}} {
		delete(m.set[m.k], s)
		if len(m.set[m.k]) == 0 {
			delete(m.set, m.k)
		}
	}
	h.mu.Unlock()
	h.release(s.lease)
}

func (h *Hub) release(lease uuid.UUID) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := db.Tx(ctx, h.pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error { return q.DeleteLiveStream(ctx, lease) })
	if err != nil {
		h.log.Warn("live: releasing a stream lease", "err", err)
	}
}

// Renew extends the leases of every stream of this process (Run calls it
// every LeaseRenew).
func (h *Hub) Renew(ctx context.Context) error {
	h.mu.Lock()
	var ids, users []uuid.UUID
	for u, m := range h.byUser {
		for s := range m {
			ids, users = append(ids, s.lease), append(users, u)
		}
	}
	h.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	return db.Tx(ctx, h.pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		return q.RenewLiveStreams(ctx, dbq.RenewLiveStreamsParams{Ids: ids, UserIds: users, ExpiresAt: h.now().Add(LeaseTTL)})
	})
}

// Streams is the number of open streams (tests, metrics).
func (h *Hub) Streams() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, m := range h.subs {
		n += len(m)
	}
	return n
}

// Shutdown ends every stream (the server is stopping: browsers reconnect
// to another process with Last-Event-ID).
func (h *Hub) Shutdown() { h.once.Do(func() { close(h.closed) }) }
