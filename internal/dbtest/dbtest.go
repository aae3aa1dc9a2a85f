// Package dbtest gives each test its own PostgreSQL database, cloned in a
// few milliseconds from a template that holds the migrated schema. The
// template is built once per migration set, shared by every test process.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/httpapi"
)

// AdminURL is the server's superuser (or CREATEDB+CREATEROLE) URL:
// TEST_DATABASE_URL, by default the local server with trust auth.
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// WithDatabase returns u pointing at database name (and user, if set).
func WithDatabase(u, name, user string) string {
	p, err := url.Parse(u)
	if err != nil {
		panic(err)
	}
	p.Path = "/" + name
	if user != "" {
		p.User = url.User(user)
	}
	return p.String()
}

var (
	tplOnce sync.Once
	tplName string
	tplErr  error
)

func templateName() string {
	h := sha256.New()
	_ = fs.WalkDir(db.MigrationsFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			f, _ := db.MigrationsFS().Open(path)
			io.WriteString(h, path)
			io.Copy(h, f)
			f.Close()
		}
		return nil
	})
	return "parvis_tpl_" + hex.EncodeToString(h.Sum(nil))[:12]
}

func buildTemplate(ctx context.Context) (string, error) {
	name := templateName()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		return "", fmt.Errorf("connect to TEST_DATABASE_URL (%s): %w", AdminURL(), err)
	}
	defer conn.Close(ctx)
	// Several test binaries run at once: one builds, the others wait.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(727275)"); err != nil {
		return "", err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(727275)") //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	build := name + "_build"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+build+" WITH (FORCE)")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+build); err != nil {
		return "", err
	}
	if err := db.Migrate(ctx, WithDatabase(AdminURL(), build, ""), "", slog.New(slog.DiscardHandler)); err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	for _, s := range []string{
		"ALTER DATABASE " + build + " RENAME TO " + name,
		"ALTER DATABASE " + name + " IS_TEMPLATE true",
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			return "", err
		}
	}
	// Stamp the template so that a later migration set can tell an old,
	// abandoned template from one another checkout is using right now.
	if _, err := conn.Exec(ctx, fmt.Sprintf("COMMENT ON DATABASE %s IS 'parvis test template, built %d'", name, time.Now().Unix())); err != nil {
		return "", err
	}
	dropStaleTemplates(ctx, conn, name)
	return name, nil
}

// staleTemplateAge is how long a template of another migration set is kept:
// another checkout (a branch with one more migration) may be running its
// tests against it on the same server, so only long-unused ones go.
const staleTemplateAge = 24 * time.Hour

// dropStaleTemplates removes templates of other migration sets built more
// than staleTemplateAge ago, never with FORCE: a template someone is
// cloning this instant refuses the DROP and stays.
func dropStaleTemplates(ctx context.Context, conn *pgx.Conn, keep string) {
	rows, err := conn.Query(ctx, `SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '')
		FROM pg_database WHERE datname LIKE 'parvis\_tpl\_%' AND datname <> $1 AND datname NOT LIKE '%\_build'`, keep)
	if err != nil {
		return
	}
	var old []string
	for rows.Next() {
		var n, comment string
		if rows.Scan(&n, &comment) != nil {
			continue
		}
		var built int64
		if _, err := fmt.Sscanf(comment, "parvis test template, built %d", &built); err == nil &&
			time.Since(time.Unix(built, 0)) < staleTemplateAge {
			continue
		}
		old = append(old, n)
	}
	rows.Close()
	for _, n := range old {
		if _, err := conn.Exec(ctx, "ALTER DATABASE "+n+" IS_TEMPLATE false"); err != nil {
			continue
		}
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+n); err != nil {
			// In use: make it a template again and leave it for next time.
			_, _ = conn.Exec(ctx, "ALTER DATABASE "+n+" IS_TEMPLATE true")
		}
	}
}

// DB is one test's database.
type DB struct {
	Name string
	// App is a pool connected as parvis_app: what the server uses.
	App *pgxpool.Pool
	// Super is a pool connected as the test superuser: bypasses RLS, for
	// fixtures and for checking what changed.
	Super *pgxpool.Pool
	// Queries counts the statements the App pool ran (to check that an
	// endpoint runs a bounded number of queries).
	Queries *atomic.Int64
}

type countingTracer struct{ n *atomic.Int64 }

// TraceQueryStart counts statements run for an HTTP request (River's own
// polling runs outside any request and is not counted).
func (c countingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	if httpapi.RequestID(ctx) != "" {
		c.n.Add(1)
	}
	return ctx
}

func (countingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// New creates a fresh migrated database for t, dropped when t ends.
func New(t testing.TB) *DB {
	t.Helper()
	ctx := context.Background()
	tplOnce.Do(func() { tplName, tplErr = buildTemplate(ctx) })
	if tplErr != nil {
		t.Fatalf("test database template: %v", tplErr)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "parvis_t_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	for attempt := 0; ; attempt++ {
		_, err = conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tplName)
		// Another process may be cloning the same template this instant.
		if err == nil || attempt > 50 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	d := &DB{Name: name, Queries: &atomic.Int64{}}
	cfg, err := db.ParseConfig(WithDatabase(AdminURL(), name, db.AppRole))
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.Tracer = countingTracer{d.Queries}
	if d.App, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		t.Fatalf("app pool: %v", err)
	}
	if d.Super, err = db.Open(ctx, WithDatabase(AdminURL(), name, "")); err != nil {
		t.Fatalf("super pool: %v", err)
	}
	t.Cleanup(func() {
		d.App.Close()
		d.Super.Close()
		c, err := pgx.Connect(context.Background(), AdminURL())
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	return d
}
