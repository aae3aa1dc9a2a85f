package main

// Issue 13's rows: a page of 50 messages with attachments (p50/p99 under
// load), and the live stream's fan-out: 200 connected streams while
// messages are posted at 20 per second, with the delay from « post » to
// « on every stream » (p50/p99) and the memory each stream costs.

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/live"
)

// Fan-out shape (the figures).
const (
	fanStreams = 200
	fanRate    = 20 // messages per second
)

// messageData: 500 messages in « Bench calme », every other one with two
// image attachments (files in the project's « Pièces jointes » folder).
var messageData = []string{
	`INSERT INTO messages (workspace_id, project_id, author_id, body, created_at)
	 SELECT p.workspace_id, p.id, u.id, 'Message ' || g || ' : ' || repeat('un point sur l’avancement, avec **du gras** et un [lien](https://example.com). ', 2),
	        now() - make_interval(mins => 500 - g)
	 FROM projects p, users u, generate_series(1, 500) g WHERE p.name = 'Bench calme' AND u.email = 'admin@parvis.test'`,
	`WITH m AS (SELECT id, workspace_id, project_id, row_number() OVER (ORDER BY seq) n FROM messages
	            WHERE project_id = (SELECT id FROM projects WHERE name = 'Bench calme')),
	      f AS (INSERT INTO files (workspace_id, project_id, folder_id, name, created_at, updated_at)
	            SELECT m.workspace_id, m.project_id, fo.id, 'capture-' || m.n || '-' || k || '.png', now(), now()
	            FROM m JOIN folders fo ON fo.project_id = m.project_id AND fo.kind = 'attachments', generate_series(1, 2) k
	            WHERE m.n % 2 = 0 RETURNING id, workspace_id, project_id, name),
	      v AS (INSERT INTO file_versions (workspace_id, file_id, number, blob_key, name, type, content_type, size, sha256, final, width, height, created_at)
	            SELECT f.workspace_id, f.id, 1, 'bench/' || f.id, f.name, 'image', 'image/png', 48213, sha256(f.id::text::bytea), true, 1280, 800, now()
	            FROM f RETURNING file_id)
	 INSERT INTO message_attachments (workspace_id, project_id, message_id, file_id, created_at)
	 SELECT f.workspace_id, f.project_id, m.id, f.id, now()
	 FROM f JOIN m ON f.name LIKE 'capture-' || m.n || '-%'`,
	// As autovacuum would soon after such an insert: the planner's
	// statistics must know the rows (without them, 500 messages were read
	// with the plans of an empty table).
	`ANALYZE messages, message_attachments, message_reads, files, file_versions, folders`,
}

// liveBench runs the issue 13 rows (names: messages, fanout).
func liveBench(ctx context.Context, super *pgx.Conn, p *app.Portal, base, cookie string, calm string, conns int, warm, dur time.Duration, want func(string) bool) ([]row, error) {
	var rows []row
	if want("messages") {
		for _, q := range messageData {
			if _, err := super.Exec(ctx, q); err != nil {
				return nil, fmt.Errorf("message data: %w", err)
			}
		}
		url := base + "/api/v1/w/studio-demo/projects/" + calm + "/messages?limit=50"
		raw, wire, gz, err := sizes(url, cookie)
		if err != nil {
			return nil, err
		}
		profileName = "messages"
		res := load(conns, warm, dur, cookie, func(int, int) (string, string, []byte) { return "GET", url, nil })
		rows = append(rows, row{name: "messages (50, attachments)", res: res, raw: raw, wire: wire, gz: gz,
			budget: budget{maxP99: 20 * time.Millisecond, note: "every other message has 2 images"}})
		printRow(rows[len(rows)-1])
	}
	if want("fanout") {
		if err := fanOut(ctx, super, p, base, cookie, calm, dur); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// fanOut opens fanStreams streams (25 admins × 8, the per-user cap), posts
// fanRate messages a second for dur, and measures when each message
// reached each stream.
func fanOut(ctx context.Context, super *pgx.Conn, p *app.Portal, base, cookie, project string, dur time.Duration) error {
	hubCtx, stop := context.WithCancel(ctx)
	defer stop()
	go p.Live.Run(hubCtx)

	// Sessions made directly: 25 users, each his 8 streams.
	users := (fanStreams + live.MaxPerUser - 1) / live.MaxPerUser
	var tokens []string
	for i := range users {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		tok := hex.EncodeToString(b)
		_, err := super.Exec(ctx, `WITH u AS (INSERT INTO users (email, name, password_hash, created_at, updated_at)
			VALUES ($1, 'Lecteur bench', 'x', now(), now()) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id),
			m AS (INSERT INTO memberships (workspace_id, user_id, role, created_at)
			      SELECT w.id, u.id, 'admin', now() FROM workspaces w, u WHERE w.slug = 'studio-demo' ON CONFLICT DO NOTHING)
			INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, idle_timeout_secs, absolute_expires_at)
			SELECT $2, u.id, now(), now(), 86400, now() + interval '1 day' FROM u`, fmt.Sprintf("bench-reader-%d@example.com", i), auth.HashToken(tok))
		if err != nil {
			return fmt.Errorf("stream users: %w", err)
		}
		tokens = append(tokens, tok)
	}

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	goroutines := runtime.NumGoroutine()

	type arrival struct {
		id string
		at time.Time
	}
	var (
		mu       sync.Mutex
		arrivals []arrival
		wg       sync.WaitGroup
		refused  int
	)
	sctx, closeStreams := context.WithCancel(ctx)
	defer closeStreams()
	for i := range fanStreams {
		req, _ := http.NewRequestWithContext(sctx, "GET", base+"/api/v1/w/studio-demo/events", nil)
		req.Header.Set("Cookie", "__Host-parvis_session="+tokens[i/live.MaxPerUser])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("stream %d: %w", i, err)
		}
		if res.StatusCode != 200 {
			res.Body.Close()
			refused++
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer res.Body.Close()
			sc := bufio.NewScanner(res.Body)
			for sc.Scan() {
				line := sc.Text()
				if !strings.HasPrefix(line, "data: ") {
					continue
				}
				var e live.Event
				if json.Unmarshal([]byte(line[6:]), &e) == nil && e.Kind == "message.created" {
					now := time.Now()
					mu.Lock()
					arrivals = append(arrivals, arrival{e.ObjectID, now})
					mu.Unlock()
				}
			}
		}()
	}
	if refused > 0 {
		return fmt.Errorf("fan-out: %d streams refused", refused)
	}
	for deadline := time.Now().Add(10 * time.Second); p.Live.Streams() < fanStreams; {
		if time.Now().After(deadline) {
			return fmt.Errorf("fan-out: %d streams open of %d", p.Live.Streams(), fanStreams)
		}
		time.Sleep(10 * time.Millisecond)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	perStream := (int64(after.HeapInuse+after.StackInuse) - int64(before.HeapInuse+before.StackInuse)) / fanStreams
	perStreamG := float64(runtime.NumGoroutine()-goroutines) / fanStreams

	// Post at fanRate per second for dur, each on its own goroutine so
	// that a slow answer does not lower the rate.
	sent := map[string]time.Time{}
	var (
		postErrs int
		posts    sync.WaitGroup
	)
	tick := time.NewTicker(time.Second / fanRate)
	end := time.Now().Add(dur)
	url := base + "/api/v1/w/studio-demo/projects/" + project + "/messages"
	for n := 0; time.Now().Before(end); n++ {
		<-tick.C
		posts.Add(1)
		go func() {
			defer posts.Done()
			t0 := time.Now()
			req, _ := http.NewRequest("POST", url, strings.NewReader(fmt.Sprintf(`{"body":"Diffusion %d"}`, n)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			req.Header.Set("Cookie", cookie)
			res, err := http.DefaultClient.Do(req)
			ok := err == nil && res.StatusCode == 201
			var m struct{ ID string }
			if ok {
				ok = json.NewDecoder(res.Body).Decode(&m) == nil
			}
			if res != nil {
				res.Body.Close()
			}
			mu.Lock()
			defer mu.Unlock()
			if !ok {
				postErrs++
				return
			}
			sent[m.ID] = t0
		}()
	}
	posts.Wait()
	tick.Stop()
	// Wait (bounded) for the last messages to reach every stream.
	mu.Lock()
	want := len(sent) * fanStreams
	mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(arrivals)
		mu.Unlock()
		if n >= want {
			break
		}
	}
	closeStreams()
	wg.Wait()

	var delays []time.Duration
	for _, a := range arrivals {
		if t0, ok := sent[a.id]; ok {
			delays = append(delays, a.at.Sub(t0))
		}
	}
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	pct := func(q float64) time.Duration {
		if len(delays) == 0 {
			return 0
		}
		return delays[min(len(delays)-1, int(q*float64(len(delays))))]
	}
	fmt.Printf("%-28s %d streams (%d users × %d), %d msg/s for %s: %d posted (%d errors), %d of %d deliveries; "+
		"delay post → stream p50 %s, p99 %s (≤ 1000 ms)%s, max %s; memory %.1f KB and %.1f goroutines per stream (server and client in this process)\n",
		"live fan-out", fanStreams, users, live.MaxPerUser, fanRate, dur, len(sent), postErrs, len(delays), want,
		ms(pct(0.5)), ms(pct(0.99)), mark(pct(0.99) <= time.Second && len(delays) == want), ms(pct(1)), float64(perStream)/1000, perStreamG)
	return nil
}
