package app_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/dbtest"
	"github.com/parvis/parvis/internal/mail"
)

// gateSender holds every delivery until the test opens the gate, and
// records whether the job's context was cancelled while it waited.
type gateSender struct {
	started chan struct{}
	gate    chan struct{}
	result  chan error
}

func (s *gateSender) Send(ctx context.Context, _ mail.Message) error {
	s.started <- struct{}{}
	select {
	case <-s.gate:
		s.result <- nil
		return nil
	case <-ctx.Done():
		s.result <- ctx.Err()
		return ctx.Err()
	}
}

// Issue 8, point 5 (security guide point 25): a job running when SIGTERM
// arrives completes; the signal drains HTTP, then stops River gracefully.
func TestServe_SIGTERMLetsRunningJobFinish(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	vars := map[string]string{"DATABASE_URL": "postgres://unused@localhost/unused", "PARVIS_STORAGE_DIR": t.TempDir() + "/blobs"}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	require.NoError(t, err)
	sender := &gateSender{started: make(chan struct{}, 1), gate: make(chan struct{}), result: make(chan error, 1)}
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	p, err := app.Build(cfg, d.App, log, sender, time.Now)
	require.NoError(t, err)

	ws := uuid.New()
	_, err = d.Super.Exec(ctx, `INSERT INTO workspaces (id, slug, name, sender_name, created_at, updated_at)
		VALUES ($1, 'sigterm', 'Sigterm', 'Sigterm', now(), now())`, ws)
	require.NoError(t, err)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: p.Server.Handler(), ReadHeaderTimeout: 5 * time.Second}
	sigterm, signal := context.WithCancel(ctx)
	defer signal()
	done := make(chan error, 1)
	go func() { done <- p.Serve(sigterm, srv, ln, 20*time.Second, log) }()

	require.NoError(t, db.Tx(ctx, d.App, db.Scope{WorkspaceID: ws, Role: "admin"}, func(tx pgx.Tx, _ *dbq.Queries) error {
		return mail.Enqueue(ctx, tx, p.River, time.Now(), mail.Outgoing{WorkspaceID: ws, Kind: "test", To: "someone@example.test",
			Locale: "fr", Content: mail.Content{Subject: "Bonjour", Heading: "Bonjour"}})
	}))
	select {
	case <-sender.started:
	case <-time.After(15 * time.Second):
		t.Fatal("the mail job never started")
	}

	signal() // SIGTERM while the job is inside Send
	// HTTP goes first: the listener closes while the job still runs.
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 10*time.Second, 10*time.Millisecond, "the API kept accepting after the signal")
	select {
	case err := <-done:
		t.Fatalf("Serve returned (%v) while a job was still running", err)
	default:
	}
	close(sender.gate)

	select {
	case err := <-sender.result:
		require.NoError(t, err, "the running job's context was cancelled by the signal")
	case <-time.After(15 * time.Second):
		t.Fatal("the job never finished")
	}
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(25 * time.Second):
		t.Fatal("Serve did not return after the job finished")
	}
	var state string
	var sent bool
	require.NoError(t, d.Super.QueryRow(ctx, `SELECT j.state::text, e.sent_at IS NOT NULL
		FROM river_job j JOIN emails e ON e.id = (j.args->>'email_id')::uuid WHERE j.kind = 'mail.send'`).Scan(&state, &sent))
	require.Equal(t, "completed", state)
	require.True(t, sent, "the email was delivered but not recorded as sent")
}

type testLog struct{ t testing.TB }

func (w testLog) Write(b []byte) (int, error) { w.t.Log(string(b)); return len(b), nil }
