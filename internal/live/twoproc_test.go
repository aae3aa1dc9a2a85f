package live_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
	"github.com/parvis/parvis/internal/live"
	"github.com/parvis/parvis/internal/mail"
)

// countingSender counts the mails one process sends.
type countingSender struct {
	mail.Sender
	mu   sync.Mutex
	sent map[string]int
}

func (c *countingSender) Send(ctx context.Context, m mail.Message) error {
	c.mu.Lock()
	c.sent[m.To]++
	c.mu.Unlock()
	return c.Sender.Send(ctx, m)
}

func (c *countingSender) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.sent {
		out[k] = v
	}
	return out
}

// process is a second `parvis serve` on the fixture's database: its own
// connection pool (hence its own LISTEN connection), its own River client
// with running workers, its own HTTP server. Only the database is shared.
type process struct {
	portal *app.Portal
	srv    *httptest.Server
	env    *apitest.Env // the fixture's, pointed at this process
}

func secondProcess(t *testing.T, f *fixture, sender mail.Sender) *process {
	t.Helper()
	cfg, err := db.ParseConfig(dbtest.WithDatabase(dbtest.AdminURL(), f.e.DB.Name, db.AppRole))
	require.NoError(t, err)
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(t, err)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if sender == nil {
		sender = f.e.Mailbox
	}
	p2, err := app.Build(f.e.Config, pool, log, sender, f.e.Clock.Now)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, p2.StartWorkers(ctx))
	srv := httptest.NewServer(p2.Server.Handler())
	t.Cleanup(func() {
		srv.Close()
		sctx, c2 := context.WithTimeout(context.Background(), 5*time.Second)
		defer c2()
		_ = p2.River.Stop(sctx)
		cancel()
		pool.Close()
	})
	e2 := *f.e
	e2.Server = srv
	return &process{portal: p2, srv: srv, env: &e2}
}

// TestTwoProcesses: two portals on one database (as two `parvis serve`
// behind a load balancer): a session opened on one is accepted by the
// other; a message posted on one reaches a stream held by the other within
// a second, through LISTEN/NOTIFY; the login throttle counts failures on
// both; a River job enqueued by one runs exactly once while both work.
func TestTwoProcesses(t *testing.T) {
	t.Parallel()
	box := &mail.DevMailbox{Dir: t.TempDir()}
	s1 := &countingSender{Sender: box, sent: map[string]int{}}
	s2 := &countingSender{Sender: box, sent: map[string]int{}}
	f := setupWith(t, apitest.Options{Sender: s1})
	p2 := secondProcess(t, f, s2)

	// The client logged in on process 1; his cookie works on process 2.
	x2 := p2.env.Client()
	x2.Session = f.xc.Session
	require.Equal(t, 200, x2.Do("GET", "/api/v1/me", nil).Status)

	t.Run("a message reaches the other process's stream within a second", func(t *testing.T) {
		s, res := openStream(t, p2.srv.URL, f.xc, "ws-a", "")
		require.Equal(t, 200, res.StatusCode)
		require.Eventually(t, func() bool { return p2.portal.Live.Streams() == 1 }, time.Second, 5*time.Millisecond)
		for i := range 3 {
			start := time.Now()
			id := post(t, f.ac, "ws-a", f.projX, "de l'autre processus")
			s.waitFor(t, "message.created", id, time.Second)
			t.Logf("message %d: posted on process 1, on process 2's stream after %s", i, time.Since(start).Round(time.Millisecond))
		}
		s.close()
	})

	t.Run("the login throttle counts across both", func(t *testing.T) {
		c1, c2 := f.e.Client(), p2.env.Client()
		login := func(c *apitest.Client, email string) int {
			return c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": "wrong password"}).Status
		}
		// Per account: 10 failures, 5 on each process; the 11th is
		// refused by both.
		for i := range auth10 {
			require.Equal(t, 401, login([]*apitest.Client{c1, c2}[i%2], f.clientX.Email), "failure %d", i+1)
		}
		for _, c := range []*apitest.Client{c1, c2} {
			r := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": f.clientX.Email, "password": f.clientX.Password})
			require.Equal(t, 429, r.Status, "the right password is refused too, on either process: %s", r.Body)
			require.NotEmpty(t, r.Header.Get("Retry-After"))
		}
		// Per IP: 50 failures in all (the 10 above plus 40 on other
		// accounts, alternating); the 51st is refused by both, whatever
		// the account.
		for i := range 40 {
			require.Equal(t, 401, login([]*apitest.Client{c1, c2}[i%2], fmt.Sprintf("nobody-%d@example.com", i)), "failure %d", 11+i)
		}
		for _, c := range []*apitest.Client{c1, c2} {
			require.Equal(t, 429, login(c, "someone-else@example.com"))
		}
	})

	t.Run("a River job enqueued by one runs exactly once", func(t *testing.T) {
		// Password reset mails, requested on process 1 only, while both
		// processes' workers poll the same queue.
		const n = 12
		var emails []string
		for i := range n {
			u := f.e.CreateUser(fmt.Sprintf("reset-%d@example.com", i))
			f.e.AddClient(f.wsA, f.projX, u) // account mails go out under a workspace
			emails = append(emails, u.Email)
			r := f.e.Client().Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": u.Email})
			require.Equal(t, 202, r.Status, "%s", r.Body)
		}
		count := func(q string) int {
			var c int
			require.NoError(t, f.e.DB.Super.QueryRow(context.Background(), q).Scan(&c))
			return c
		}
		ok := assert.Eventually(t, func() bool {
			return count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send' AND state = 'completed'`) == n
		}, 15*time.Second, 20*time.Millisecond)
		if !ok {
			rows, _ := f.e.DB.Super.Query(context.Background(), `SELECT kind, state, attempt, coalesce(errors::text, ''), scheduled_at::text FROM river_job`)
			for rows.Next() {
				var k, st, e, sc string
				var a int
				_ = rows.Scan(&k, &st, &a, &e, &sc)
				t.Log(k, st, a, e, sc)
			}
			t.FailNow()
		}
		require.Equal(t, 0, count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send' AND (attempt <> 1 OR state <> 'completed')`),
			"every job ran once and succeeded the first time")
		c1, c2 := s1.counts(), s2.counts()
		for _, e := range emails {
			require.Equal(t, 1, c1[e]+c2[e], "%s: sent %d times by process 1, %d by process 2", e, c1[e], c2[e])
		}
		n1, n2 := 0, 0
		for _, e := range emails {
			n1, n2 = n1+c1[e], n2+c2[e]
		}
		t.Logf("%d mails: %d sent by process 1, %d by process 2", n, n1, n2)
	})
}

const auth10 = 10

// streamsOf counts the user's leases in the database.
func streamsOf(t *testing.T, f *fixture, email string) int {
	t.Helper()
	var n int
	require.NoError(t, f.e.DB.Super.QueryRow(context.Background(),
		`SELECT count(*) FROM live_streams s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, email).Scan(&n))
	return n
}

// TestStreamCap: MaxPerUser streams per user over both processes; 1 000
// more attempts all get a clear 429 and leave nothing behind; a closed
// stream frees its place; leases are renewed while their stream lives, and
// a killed process's leases stop counting after LeaseTTL.
func TestStreamCap(t *testing.T) {
	t.Parallel()
	f := setup(t)
	p2 := secondProcess(t, f, nil)
	servers := []string{f.e.Server.URL, p2.srv.URL}
	var open []*sse
	for i := range live.MaxPerUser {
		s, res := openStream(t, servers[i%2], f.xc, "ws-a", "")
		require.Equal(t, 200, res.StatusCode)
		open = append(open, s)
	}
	require.Eventually(t, func() bool {
		return f.e.Portal.Live.Streams() == live.MaxPerUser/2 && p2.portal.Live.Streams() == live.MaxPerUser/2
	}, 2*time.Second, 5*time.Millisecond)

	// 1 000 attempts, 16 at a time, on both processes.
	var refused, other atomic.Int64
	var firstOther atomic.Value
	work := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				req, _ := http.NewRequest("GET", servers[i%2]+"/api/v1/w/ws-a/events", nil)
				req.AddCookie(&http.Cookie{Name: "__Host-parvis_session", Value: f.xc.Session})
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					other.Add(1)
					firstOther.CompareAndSwap(nil, err.Error())
					continue
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode == 429 && strings.Contains(string(b), "too_many_streams") {
					refused.Add(1)
				} else {
					other.Add(1)
					firstOther.CompareAndSwap(nil, fmt.Sprintf("%d %s", res.StatusCode, b))
				}
			}
		}()
	}
	for i := range 1000 {
		work <- i
	}
	close(work)
	wg.Wait()
	require.Equal(t, int64(1000), refused.Load(), "every attempt refused with too_many_streams; other: %v", firstOther.Load())
	require.Equal(t, live.MaxPerUser, streamsOf(t, f, f.clientX.Email), "no lease leaked by refused attempts")
	require.Equal(t, live.MaxPerUser, f.e.Portal.Live.Streams()+p2.portal.Live.Streams())

	// Another user is not affected.
	a, res := openStream(t, p2.srv.URL, f.ac, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	a.close()

	// Renewed leases outlive LeaseTTL as long as their streams live.
	f.e.Clock.Advance(live.LeaseTTL / 2)
	require.NoError(t, f.e.Portal.Live.Renew(context.Background()))
	require.NoError(t, p2.portal.Live.Renew(context.Background()))
	f.e.Clock.Advance(live.LeaseTTL/2 + time.Second)
	_, res = openStream(t, servers[0], f.xc, "ws-a", "")
	require.Equal(t, 429, res.StatusCode, "renewed leases still count")

	// A closed stream frees its place (on the other process too).
	open[0].close()
	require.Eventually(t, func() bool { return streamsOf(t, f, f.clientX.Email) == live.MaxPerUser-1 }, 2*time.Second, 5*time.Millisecond)
	s, res := openStream(t, servers[1], f.xc, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	open[0] = s

	// Every stream closed: no lease left.
	for _, s := range open {
		s.close()
	}
	require.Eventually(t, func() bool {
		return streamsOf(t, f, f.clientX.Email) == 0 && f.e.Portal.Live.Streams()+p2.portal.Live.Streams() == 0
	}, 2*time.Second, 5*time.Millisecond)

	// A killed process leaves leases nobody renews: they count until
	// LeaseTTL, then no more.
	_, err := f.e.DB.Super.Exec(context.Background(), `INSERT INTO live_streams (id, user_id, expires_at)
		SELECT gen_random_uuid(), $1, $2 FROM generate_series(1, $3)`, f.clientX.ID, f.e.Clock.Now().Add(live.LeaseTTL), live.MaxPerUser)
	require.NoError(t, err)
	_, res = openStream(t, servers[0], f.xc, "ws-a", "")
	require.Equal(t, 429, res.StatusCode)
	f.e.Clock.Advance(live.LeaseTTL)
	s, res = openStream(t, servers[1], f.xc, "ws-a", "")
	require.Equal(t, 200, res.StatusCode, "expired leases do not count")
	s.close()
}

// ended waits until the server ended the stream.
func (s *sse) ended(t *testing.T, within time.Duration) {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(within):
		t.Fatalf("the stream is still open after %s", within)
	}
}

func (s *sse) isOpen() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// TestSessionEndEndsStreams: a stream lives no longer than its session:
// logging out (on another process), revoking other sessions, an expired
// session: the stream ends promptly, its lease is released, and the
// user's other sessions' streams go on.
func TestSessionEndEndsStreams(t *testing.T) {
	t.Parallel()
	f := setup(t)
	p2 := secondProcess(t, f, nil)
	other := f.e.Client()
	other.Login(f.clientX.Email, f.clientX.Password)
	third := p2.env.Client()
	third.Login(f.clientX.Email, f.clientX.Password)

	gone, res := openStream(t, p2.srv.URL, f.xc, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	stays, res := openStream(t, f.e.Server.URL, other, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	revoked, res := openStream(t, p2.srv.URL, third, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	require.Eventually(t, func() bool { return streamsOf(t, f, f.clientX.Email) == 3 }, time.Second, 5*time.Millisecond)

	// Logout on process 1 ends the stream held by process 2 at once (the
	// session deletion NOTIFYs), without waiting for any event.
	require.Equal(t, 204, f.xc.Do("POST", "/api/v1/auth/logout", nil).Status)
	gone.ended(t, time.Second)
	require.True(t, stays.isOpen())
	require.True(t, revoked.isOpen())

	// « Log out other sessions » from the second session ends the third's.
	require.Equal(t, 204, other.Do("POST", "/api/v1/me/sessions/revoke-others", nil).Status)
	revoked.ended(t, time.Second)
	require.True(t, stays.isOpen())
	id := post(t, f.ac, "ws-a", f.projX, "toujours là")
	stays.waitFor(t, "message.created", id, 2*time.Second)
	require.Eventually(t, func() bool { return streamsOf(t, f, f.clientX.Email) == 1 }, time.Second, 5*time.Millisecond)

	// An expired session (idle past its timeout): the next event ends
	// the stream instead of delivering it.
	f.e.Clock.Advance(13 * time.Hour)
	admin := f.e.Client()
	admin.Login(f.adminA.Email, f.adminA.Password)
	late := post(t, admin, "ws-a", f.projX, "trop tard")
	stays.ended(t, 2*time.Second)
	for _, e := range stays.events() {
		require.NotEqual(t, late, e.ObjectID, "not delivered to an expired session")
	}
	require.Eventually(t, func() bool { return streamsOf(t, f, f.clientX.Email) == 0 }, time.Second, 5*time.Millisecond)
}

// TestDisabledUserStreamsEnd: disabling a user (his sessions stay until
// their next check) ends his streams at once, through the users trigger's
// NOTIFY.
func TestDisabledUserStreamsEnd(t *testing.T) {
	t.Parallel()
	f := setup(t)
	s, res := openStream(t, f.e.Server.URL, f.xc, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	a, res := openStream(t, f.e.Server.URL, f.ac, "ws-a", "")
	require.Equal(t, 200, res.StatusCode)
	_, err := f.e.DB.Super.Exec(context.Background(), `UPDATE users SET disabled_at = $1 WHERE id = $2`, f.e.Clock.Now(), f.clientX.ID)
	require.NoError(t, err)
	s.ended(t, time.Second)
	require.True(t, a.isOpen(), "another user's stream goes on")
	require.Eventually(t, func() bool { return streamsOf(t, f, f.clientX.Email) == 0 }, time.Second, 5*time.Millisecond)
}
