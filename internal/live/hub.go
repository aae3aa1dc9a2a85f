package live

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Hub fans the process's one LISTEN connection out to its streams.
type Hub struct {
	pool *pgxpool.Pool
	log  *slog.Logger

	mu      sync.Mutex
	subs    map[uuid.UUID]map[*sub]struct{}
	perUser map[uuid.UUID]int
	closed  chan struct{}
	once    sync.Once
}

// sub is one stream: woken (coalesced) with the highest id notified.
type sub struct {
	wake chan struct{}
	mu   sync.Mutex
	max  int64
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

// NewHub returns a hub listening on pool (Run starts it).
func NewHub(pool *pgxpool.Pool, log *slog.Logger) *Hub {
	return &Hub{pool: pool, log: log, subs: map[uuid.UUID]map[*sub]struct{}{}, perUser: map[uuid.UUID]int{}, closed: make(chan struct{})}
}

// Run holds the LISTEN connection until ctx ends, reconnecting with a
// backoff; after each (re)connection every stream re-reads the table, since
// notifications sent while it was down are lost.
func (h *Hub) Run(ctx context.Context) {
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

// subscribe registers a stream of user in workspace, or reports false when
// the user already holds max streams in this process.
func (h *Hub) subscribe(workspace, user uuid.UUID, max int) (*sub, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.perUser[user] >= max {
		return nil, false
	}
	h.perUser[user]++
	s := &sub{wake: make(chan struct{}, 1)}
	if h.subs[workspace] == nil {
		h.subs[workspace] = map[*sub]struct{}{}
	}
	h.subs[workspace][s] = struct{}{}
	return s, true
}

func (h *Hub) unsubscribe(workspace, user uuid.UUID, s *sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[workspace], s)
	if len(h.subs[workspace]) == 0 {
		delete(h.subs, workspace)
	}
	if h.perUser[user]--; h.perUser[user] <= 0 {
		delete(h.perUser, user)
	}
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
