// Package apitest runs the whole Parvis API against a fresh test database,
// with a controllable clock, real River workers and a mailbox, and offers
// a small HTTP client that behaves like the browser (same-origin fetches,
// the session cookie).
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/dbtest"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/mail"
)

// Clock is a settable clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the current fake time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Env is one running API.
type Env struct {
	T       testing.TB
	DB      *dbtest.DB
	Portal  *app.Portal
	Server  *httptest.Server
	Clock   *Clock
	Mailbox *mail.DevMailbox
	Config  *config.Config
	// Workers says River's workers run (Options.NoWorkers unset).
	Workers bool
}

// Options tune New.
type Options struct {
	// Sender replaces the dev mailbox (e.g. SMTP to Mailpit).
	Sender mail.Sender
	// Env adds configuration variables.
	Env map[string]string
	// WrapStore, when set, wraps the blob store the portal uses.
	WrapStore func(blob.Store) blob.Store
	// NoWorkers leaves River's workers stopped: jobs are inserted, never
	// worked. For tests that run a worker by hand after moving the fake
	// clock: River schedules by the real clock, so a job scheduled "in 30
	// days" of fake time is already due and would race the test's own call.
	NoWorkers bool
}

// New starts the API on a fresh database.
func New(t testing.TB, opts ...Options) *Env {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	d := dbtest.New(t)
	e := &Env{T: t, DB: d, Clock: &Clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, Mailbox: &mail.DevMailbox{Dir: t.TempDir()}}
	vars := map[string]string{"DATABASE_URL": "postgres://unused@localhost/unused", "PARVIS_PUBLIC_URL": "http://portal.test",
		"PARVIS_STORAGE_DIR": t.TempDir() + "/blobs",
		// Live streams end after a second, so that a test reading a whole
		// response (the cross-tenant matrix) gets one; live tests set more.
		"PARVIS_LIVE_MAX_AGE": "1s"}
	for k, v := range o.Env {
		vars[k] = v
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	e.Config = cfg
	var sender mail.Sender = e.Mailbox
	if o.Sender != nil {
		sender = o.Sender
	}
	level := slog.LevelWarn
	if os.Getenv("PARVIS_TEST_LOG") != "" {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
	var buildOpts []app.Option
	if o.WrapStore != nil {
		buildOpts = append(buildOpts, app.WrapStore(o.WrapStore))
	}
	p, err := app.Build(cfg, d.App, log, sender, e.Clock.Now, buildOpts...)
	if err != nil {
		t.Fatal(err)
	}
	e.Portal = p
	ctx, cancel := context.WithCancel(context.Background())
	if !o.NoWorkers {
		if err := p.StartWorkers(ctx); err != nil {
			t.Fatal(err)
		}
		e.Workers = true
	}
	e.Server = httptest.NewServer(p.Server.Handler())
	t.Cleanup(func() {
		e.Server.Close()
		sctx, c2 := context.WithTimeout(context.Background(), 5*time.Second)
		defer c2()
		_ = p.River.Stop(sctx)
		cancel()
	})
	return e
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// Settle waits until River's workers have nothing left to do now: no job
// available or running, and none scheduled or retryable within the next
// second. A test comparing the database before and after a refused call
// settles first, so that the side effects of earlier, accepted calls (an
// email, a bell item) are not taken for the refused call's. Jobs scheduled
// later (the 5-minute coalescing of messages) do not count. Without
// workers it returns at once.
func (e *Env) Settle(t testing.TB) {
	t.Helper()
	if !e.Workers {
		return
	}
	const q = `SELECT coalesce(string_agg(kind || ' ' || state::text, ', '), '') FROM river_job
		WHERE state IN ('available', 'running')
		   OR (state IN ('scheduled', 'retryable') AND scheduled_at < now() + interval '1 second')`
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		var busy string
		if err := e.DB.Super.QueryRow(context.Background(), q).Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if busy == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("River's workers still busy after 30 s: %s", busy)
		}
		<-tick.C
	}
}

// Response is a finished request.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem is an error body as a client reads it (the code as a plain
// string, so tests compare it with literals).
type Problem struct {
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail"`
	Code      string              `json:"code"`
	RequestID string              `json:"requestId"`
	Errors    []*huma.ErrorDetail `json:"errors"`
}

// Problem decodes an error body.
func (r *Response) Problem(t testing.TB) Problem {
	var p Problem
	r.JSON(t, &p)
	return p
}

// Client is one browser: it keeps the session cookie.
type Client struct {
	e       *Env
	Session string
	// Headers are added to every request (e.g. a different Sec-Fetch-Site).
	Headers map[string]string
}

// Client returns a new anonymous browser.
func (e *Env) Client() *Client { return &Client{e: e, Headers: map[string]string{}} }

// Do sends a request. body may be nil, []byte (sent raw) or a value (JSON).
func (c *Client) Do(method, path string, body any) *Response {
	c.e.T.Helper()
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.e.T.Fatal(err)
		}
		rd = bytes.NewReader(raw)
		ctype = "application/json"
	}
	req, err := http.NewRequest(method, c.e.Server.URL+path, rd)
	if err != nil {
		c.e.T.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range c.Headers {
		req.Header.Set(k, v)
	}
	if c.Session != "" {
		req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: c.Session})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.e.T.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, ck := range res.Cookies() {
		if ck.Name == httpapi.SessionCookie {
			if ck.MaxAge < 0 || ck.Value == "" {
				c.Session = ""
			} else {
				c.Session = ck.Value
			}
		}
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Login logs the client in or fails the test.
func (c *Client) Login(email, password string) {
	c.e.T.Helper()
	r := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password})
	if r.Status != 200 {
		c.e.T.Fatalf("login %s: %d %s", email, r.Status, r.Body)
	}
}

// User is a fixture account.
type User struct {
	ID       uuid.UUID
	Email    string
	Password string
}

// Workspace is a fixture workspace.
type Workspace struct {
	ID   uuid.UUID
	Slug string
}

// Fixture passwords are fixed; hashing is the slow part of fixtures.
const Password = "correct horse battery staple"

var (
	hashOnce sync.Once
	hashed   string
)

// CreateUser adds an account directly in the database.
func (e *Env) CreateUser(email string) User {
	e.T.Helper()
	hashOnce.Do(func() {
		var err error
		if hashed, err = auth.HashPassword(Password); err != nil {
			panic(err)
		}
	})
	var u dbq.User
	e.tx(db.Scope{}, func(q *dbq.Queries) (err error) {
		u, err = q.CreateUser(context.Background(), dbq.CreateUserParams{Email: strings.ToLower(email), Name: strings.Split(email, "@")[0], PasswordHash: hashed, Locale: "fr", CreatedAt: e.Clock.Now()})
		return err
	})
	return User{ID: u.ID, Email: u.Email, Password: Password}
}

// CreateWorkspace adds a workspace whose admin is admin.
func (e *Env) CreateWorkspace(slug string, admin User) Workspace {
	e.T.Helper()
	id := uuid.New()
	e.tx(db.Scope{WorkspaceID: id, UserID: admin.ID, Role: "admin"}, func(q *dbq.Queries) error {
		ctx := context.Background()
		if _, err := q.CreateWorkspace(ctx, dbq.CreateWorkspaceParams{ID: id, Slug: slug, Name: "WS " + slug, AccentColor: "#4f46e5", SenderName: "WS " + slug, CreatedAt: e.Clock.Now()}); err != nil {
			return err
		}
		return q.CreateMembership(ctx, dbq.CreateMembershipParams{WorkspaceID: id, UserID: admin.ID, Role: "admin", CreatedAt: e.Clock.Now()})
	})
	return Workspace{ID: id, Slug: slug}
}

// CreateProject adds a project and gives each client access to it.
func (e *Env) CreateProject(ws Workspace, name string, clients ...User) uuid.UUID {
	e.T.Helper()
	var p dbq.Project
	e.tx(db.Scope{WorkspaceID: ws.ID, Role: "admin"}, func(q *dbq.Queries) (err error) {
		ctx := context.Background()
		if p, err = q.CreateProject(ctx, dbq.CreateProjectParams{WorkspaceID: ws.ID, Name: name, ClientName: "Client " + name, Now: e.Clock.Now()}); err != nil {
			return err
		}
		for _, c := range clients {
			if err := q.CreateMembership(ctx, dbq.CreateMembershipParams{WorkspaceID: ws.ID, UserID: c.ID, Role: "client", CreatedAt: e.Clock.Now()}); err != nil {
				return err
			}
			if err := q.AddProjectMember(ctx, dbq.AddProjectMemberParams{WorkspaceID: ws.ID, ProjectID: p.ID, UserID: c.ID, CreatedAt: e.Clock.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	return p.ID
}

// AddClient makes u a client of ws with access to project (an existing
// project), as an accepted invitation would.
func (e *Env) AddClient(ws Workspace, project uuid.UUID, u User) {
	e.T.Helper()
	e.tx(db.Scope{WorkspaceID: ws.ID, Role: "admin"}, func(q *dbq.Queries) error {
		ctx := context.Background()
		if err := q.CreateMembership(ctx, dbq.CreateMembershipParams{WorkspaceID: ws.ID, UserID: u.ID, Role: "client", CreatedAt: e.Clock.Now()}); err != nil {
			return err
		}
		return q.AddProjectMember(ctx, dbq.AddProjectMemberParams{WorkspaceID: ws.ID, ProjectID: project, UserID: u.ID, CreatedAt: e.Clock.Now()})
	})
}

func (e *Env) tx(scope db.Scope, fn func(q *dbq.Queries) error) {
	e.T.Helper()
	if err := db.Tx(context.Background(), e.DB.App, scope, func(_ pgx.Tx, q *dbq.Queries) error { return fn(q) }); err != nil {
		e.T.Fatal(err)
	}
}

var linkRe = regexp.MustCompile(`https?://[^\s"<]+`)

// WaitMail waits for the dev mailbox to hold a message to `to` whose
// subject contains subject, and returns it with the links of its text.
func (e *Env) WaitMail(to, subject string) (mail.StoredMessage, []string) {
	e.T.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msgs, _ := e.Mailbox.List()
		for _, m := range msgs {
			if m.To == to && strings.Contains(m.Subject, subject) {
				return m, linkRe.FindAllString(m.Text, -1)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	e.T.Fatalf("no email to %s with subject %q", to, subject)
	return mail.StoredMessage{}, nil
}

// TokenFrom extracts the token at the end of a link (…/invitation/TOKEN or ?token=TOKEN).
func TokenFrom(link string) string {
	if i := strings.Index(link, "token="); i >= 0 {
		return link[i+len("token="):]
	}
	return link[strings.LastIndex(link, "/")+1:]
}
