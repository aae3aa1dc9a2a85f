// Command bench measures the API's latency on a large workspace:
// 1 000 projects × 1 000 tasks and 100 activity entries each, then p50/p99
// of the dashboard and board endpoints. `make bench` runs it against
// TEST_DATABASE_URL's server in a throwaway database.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/dbtest"
	"github.com/parvis/parvis/internal/mail"
	"github.com/parvis/parvis/internal/seed"
)

func main() {
	projects := flag.Int("projects", 1000, "projects in the workspace")
	tasks := flag.Int("tasks", 1000, "tasks per project")
	acts := flag.Int("activity", 100, "activity entries per project")
	requests := flag.Int("requests", 300, "requests per endpoint")
	flag.Parse()
	if err := run(*projects, *tasks, *acts, *requests); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(nProjects, nTasks, nActs, nReq int) error {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	name := fmt.Sprintf("parvis_bench_%d", os.Getpid())
	admin, err := pgx.Connect(ctx, dbtest.AdminURL())
	if err != nil {
		return err
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return err
	}
	defer admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") //nolint:errcheck
	superURL := dbtest.WithDatabase(dbtest.AdminURL(), name, "")
	if err := db.Migrate(ctx, superURL, "", log); err != nil {
		return err
	}
	appPool, err := db.Open(ctx, dbtest.WithDatabase(dbtest.AdminURL(), name, db.AppRole))
	if err != nil {
		return err
	}
	defer appPool.Close()
	if err := seed.Demo(ctx, appPool, log, time.Now); err != nil {
		return err
	}
	super, err := pgx.Connect(ctx, superURL)
	if err != nil {
		return err
	}
	defer super.Close(ctx)
	start := time.Now()
	fmt.Printf("loading %d projects × %d tasks, %d activity entries each…\n", nProjects, nTasks, nActs)
	for _, q := range []string{
		`INSERT INTO projects (workspace_id, name, client_name, created_at, updated_at)
		 SELECT w.id, 'Projet ' || g, 'Client ' || g, now(), now() FROM workspaces w, generate_series(1, $1::int) g WHERE w.slug = 'studio-demo'`,
		`INSERT INTO project_phases (workspace_id, project_id, name, position, created_at)
		 SELECT p.workspace_id, p.id, ph.name, ph.pos, now() FROM projects p
		 CROSS JOIN (VALUES ('Design', 0), ('Dev', 1), ('Recette', 2), ('Livraison', 3)) ph(name, pos)
		 WHERE p.name LIKE 'Projet %'`,
		`INSERT INTO tasks (workspace_id, project_id, title, board_column, rank, created_at, updated_at, blocked_by_client, blocked_reason, blocked_since)
		 SELECT p.workspace_id, p.id, 'Tâche ' || g, (ARRAY['backlog','in_progress','waiting_client','done'])[1 + g % 4],
		        'V' || lpad(to_hex(g), 6, '0'), now(), now(), g % 97 = 0, CASE WHEN g % 97 = 0 THEN 'Attente' ELSE '' END,
		        CASE WHEN g % 97 = 0 THEN now() END
		 FROM projects p, generate_series(1, $2::int) g WHERE p.name LIKE 'Projet %'`,
		`INSERT INTO activity (workspace_id, project_id, action, created_at)
		 SELECT p.workspace_id, p.id, 'task.moved', now() - make_interval(mins => g) FROM projects p, generate_series(1, $3::int) g WHERE p.name LIKE 'Projet %'`,
		`ANALYZE`,
	} {
		args := []any{}
		switch {
		case strings.Contains(q, "$3"):
			q = strings.ReplaceAll(q, "$3", "$1")
			args = []any{nActs}
		case strings.Contains(q, "$2"):
			q = strings.ReplaceAll(q, "$2", "$1")
			args = []any{nTasks}
		case strings.Contains(q, "$1"):
			args = []any{nProjects}
		}
		if _, err := super.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	fmt.Printf("loaded in %s\n", time.Since(start).Round(time.Second))

	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": "postgres://unused@x/y"}[k]
	})
	if err != nil {
		return err
	}
	p, err := app.Build(cfg, appPool, log, &mail.DevMailbox{Dir: os.TempDir() + "/parvis-bench-mail"}, time.Now)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(p.Server.Handler())
	defer srv.Close()

	cookie, err := login(srv.URL)
	if err != nil {
		return err
	}
	rows, err := super.Query(ctx, "SELECT id::text FROM projects WHERE name LIKE 'Projet %'")
	if err != nil {
		return err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(7, 7))
	for _, ep := range []string{"dashboard", "board", "activity"} {
		var lat []time.Duration
		for i := 0; i < nReq+10; i++ {
			url := srv.URL + "/api/v1/w/studio-demo/projects/" + ids[r.IntN(len(ids))] + "/" + ep
			t0 := time.Now()
			if err := get(url, cookie); err != nil {
				return err
			}
			if i >= 10 { // warm-up excluded
				lat = append(lat, time.Since(t0))
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Printf("%-10s n=%d  p50=%-8s p99=%-8s max=%s\n", ep, len(lat), lat[len(lat)/2].Round(10*time.Microsecond),
			lat[len(lat)*99/100].Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	}
	return nil
}

func login(base string) (string, error) {
	body := strings.NewReader(fmt.Sprintf(`{"email":%q,"password":%q}`, seed.AdminEmail, seed.AdminPassword))
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", body)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "parvis_session") {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("login: %s", res.Status)
}

func get(url, cookie string) error {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}
