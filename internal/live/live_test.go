package live_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/live"
)

type received struct {
	live.Event
	pos string
}

// sse is a test browser's event stream.
type sse struct {
	mu     sync.Mutex
	got    []received
	pos    string
	cancel context.CancelFunc
	done   chan struct{}
}

func openStream(t *testing.T, base string, c *apitest.Client, slug, lastID string) (*sse, *http.Response) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/w/"+slug+"/events", nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: c.Session})
	req.Header.Set("Accept-Encoding", "gzip")
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	s := &sse{cancel: cancel, done: make(chan struct{})}
	t.Cleanup(s.close)
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		res.Body = io.NopCloser(strings.NewReader(string(b)))
		close(s.done)
		return s, res
	}
	go func() {
		defer close(s.done)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				s.mu.Lock()
				s.pos = strings.TrimPrefix(line, "id: ")
				s.mu.Unlock()
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && data != "":
				var e live.Event
				if json.Unmarshal([]byte(data), &e) == nil {
					s.mu.Lock()
					s.got = append(s.got, received{Event: e, pos: s.pos})
					s.mu.Unlock()
				}
				data = ""
			}
		}
	}()
	return s, res
}

func (s *sse) close() { s.cancel(); <-s.done }

func (s *sse) events() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *sse) position() string { s.mu.Lock(); defer s.mu.Unlock(); return s.pos }

// waitFor waits until an event with that kind and object arrived.
func (s *sse) waitFor(t *testing.T, kind, object string, within time.Duration) {
	t.Helper()
	require.Eventually(t, func() bool {
		for _, e := range s.events() {
			if e.Kind == kind && e.ObjectID == object {
				return true
			}
		}
		return false
	}, within, 10*time.Millisecond, "no %s %s on the stream; got %+v", kind, object, s.events())
}

type fixture struct {
	e                       *apitest.Env
	wsA, wsB                apitest.Workspace
	adminA, clientX, adminB apitest.User
	ac, xc, bc              *apitest.Client
	projX, projY, projB     uuid.UUID
}

func setup(t *testing.T) *fixture { t.Helper(); return setupWith(t, apitest.Options{}) }

func setupWith(t *testing.T, o apitest.Options) *fixture {
	t.Helper()
	o.Env = map[string]string{"PARVIS_LIVE_MAX_AGE": "2m"}
	e := apitest.New(t, o)
	f := &fixture{e: e}
	f.adminA, f.clientX, f.adminB = e.CreateUser("admin-a@example.com"), e.CreateUser("x@example.com"), e.CreateUser("admin-b@example.com")
	clientY := e.CreateUser("y@example.com")
	f.wsA, f.wsB = e.CreateWorkspace("ws-a", f.adminA), e.CreateWorkspace("ws-b", f.adminB)
	f.projX, f.projY = e.CreateProject(f.wsA, "X", f.clientX), e.CreateProject(f.wsA, "Y", clientY)
	f.projB = e.CreateProject(f.wsB, "B")
	f.ac, f.xc, f.bc = e.Client(), e.Client(), e.Client()
	f.ac.Login(f.adminA.Email, f.adminA.Password)
	f.xc.Login(f.clientX.Email, f.clientX.Password)
	f.bc.Login(f.adminB.Email, f.adminB.Password)
	return f
}

func post(t *testing.T, c *apitest.Client, ws string, project uuid.UUID, body string) string {
	t.Helper()
	r := c.Do("POST", "/api/v1/w/"+ws+"/projects/"+project.String()+"/messages", map[string]any{"body": body})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var m struct{ ID string }
	r.JSON(t, &m)
	return m.ID
}

func note(t *testing.T, c *apitest.Client, ws string, project uuid.UUID) string {
	t.Helper()
	r := c.Do("POST", "/api/v1/w/"+ws+"/projects/"+project.String()+"/notes", map[string]any{"body": "privé"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var m struct{ ID string }
	r.JSON(t, &m)
	return m.ID
}

// TestStreamAuthorisation: every event is re-read under the stream user's
// scope: a client gets his project's events only, never an admin-only one,
// nothing of another workspace; the admin gets his workspace's, notes
// included. Then Last-Event-ID replays, under the same rules.
func TestStreamAuthorisation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	srv := f.e.Server.URL
	x, res := openStream(t, srv, f.xc, "ws-a", "")
	require.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	require.Contains(t, res.Header.Get("Cache-Control"), "no-transform")
	require.Empty(t, res.Header.Get("Content-Encoding"), "never gzipped")
	a, _ := openStream(t, srv, f.ac, "ws-a", "")
	b, _ := openStream(t, srv, f.bc, "ws-b", "")
	_, res = openStream(t, srv, f.xc, "ws-b", "")
	require.Equal(t, 404, res.StatusCode, "not a member of B")

	inY := post(t, f.ac, "ws-a", f.projY, "pour Y")
	secret := note(t, f.ac, "ws-a", f.projX)
	inB := post(t, f.bc, "ws-b", f.projB, "pour B")
	inX := post(t, f.ac, "ws-a", f.projX, "pour X")

	x.waitFor(t, "message.created", inX, 2*time.Second)
	a.waitFor(t, "message.created", inX, 2*time.Second)
	a.waitFor(t, "note.created", secret, 2*time.Second)
	a.waitFor(t, "message.created", inY, 2*time.Second)
	b.waitFor(t, "message.created", inB, 2*time.Second)
	// Earlier events have lower ids: had the client been sent them, they
	// would have come first.
	for _, e := range x.events() {
		require.Equal(t, f.projX.String(), e.ProjectID, "client X got %+v", e)
		require.NotEqual(t, "note.created", e.Kind)
		require.NotEqual(t, secret, e.ObjectID)
	}
	for _, e := range a.events() {
		require.NotEqual(t, inB, e.ObjectID, "nothing of another workspace")
	}
	require.Len(t, b.events(), 1)

	// Replay: the client goes away, things happen, he comes back.
	pos := x.position()
	require.NotEmpty(t, pos)
	x.close()
	missed1 := post(t, f.ac, "ws-a", f.projX, "pendant l'absence 1")
	note(t, f.ac, "ws-a", f.projX)
	missed2 := post(t, f.ac, "ws-a", f.projX, "pendant l'absence 2")
	post(t, f.ac, "ws-a", f.projY, "pas pour X")
	back, _ := openStream(t, srv, f.xc, "ws-a", pos)
	back.waitFor(t, "message.created", missed1, 2*time.Second)
	back.waitFor(t, "message.created", missed2, 2*time.Second)
	for _, e := range back.events() {
		require.Equal(t, f.projX.String(), e.ProjectID)
		require.NotEqual(t, "note.created", e.Kind)
	}
	// From the beginning of time (a forged 0): still only X's.
	all, _ := openStream(t, srv, f.xc, "ws-a", "0")
	all.waitFor(t, "message.created", missed2, 2*time.Second)
	for _, e := range all.events() {
		require.Equal(t, f.projX.String(), e.ProjectID)
		require.NotEqual(t, "note.created", e.Kind)
	}
	// Forged positions: junk, negative, far in the future → from now on.
	for _, forged := range []string{"abc", "-5", "99999999999", "1e9", strings.Repeat("9", 40)} {
		s, res := openStream(t, srv, f.xc, "ws-a", forged)
		require.Equal(t, 200, res.StatusCode, forged)
		fresh := post(t, f.ac, "ws-a", f.projX, "après "+forged)
		s.waitFor(t, "message.created", fresh, 2*time.Second)
		for _, e := range s.events() {
			require.Equal(t, f.projX.String(), e.ProjectID)
		}
		s.close()
	}
}
