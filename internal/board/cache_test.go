package board_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

type cachedView struct {
	Columns []struct {
		Key   string
		Tasks []struct {
			ID, Title string
			PhaseID   *string
			Blocked   *struct{ Reason string }
		}
	}
	Requests     []struct{ Title, Status string }
	RequestCount int
	CanEdit      bool
}

func (v cachedView) task(id string) (col, title string, phase *string, ok bool) {
	for _, c := range v.Columns {
		for _, t := range c.Tasks {
			if t.ID == id {
				return c.Key, t.Title, t.PhaseID, true
			}
		}
	}
	return "", "", nil, false
}

// The board is encoded once per version and kept (cache.go): after every
// kind of committed change — through the API or straight in the
// database — the next read shows it, and the admin's and the client's
// bodies never mix.
func TestBoardCacheNeverStale(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin, client := e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte", client)
	base := "/api/v1/w/studio/projects/" + p.String()
	ac, cc := e.Client(), e.Client()
	ac.Login(admin.Email, admin.Password)
	cc.Login(client.Email, client.Password)
	ctx := context.Background()

	read := func(c *apitest.Client) (cachedView, string) {
		t.Helper()
		r := c.Do("GET", base+"/board", nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var v cachedView
		require.NoError(t, json.Unmarshal(r.Body, &v))
		etag := r.Header.Get("ETag")
		require.NotEmpty(t, etag)
		return v, etag
	}
	create := func(title string) string {
		r := ac.Do("POST", base+"/tasks", map[string]any{"title": title})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var task struct{ ID string }
		r.JSON(t, &task)
		return task.ID
	}

	a := create("A")
	av, aTag := read(ac)
	cv, cTag := read(cc)
	require.True(t, av.CanEdit)
	require.False(t, cv.CanEdit, "the client's body is not the admin's cached one")
	require.NotEqual(t, aTag, cTag)
	// The same version twice: the same ETag; If-None-Match answers 304,
	// another role's ETag does not.
	_, again := read(ac)
	require.Equal(t, aTag, again)
	ac.Headers["If-None-Match"] = aTag
	r := ac.Do("GET", base+"/board", nil)
	require.Equal(t, 304, r.Status)
	require.Empty(t, r.Body)
	cc.Headers["If-None-Match"] = aTag
	r = cc.Do("GET", base+"/board", nil)
	require.Equal(t, 200, r.Status, "an admin's ETag is not the client's")
	delete(cc.Headers, "If-None-Match")
	delete(ac.Headers, "If-None-Match")
	v, _ := read(cc)
	require.False(t, v.CanEdit)

	// Every change shows at once, to both roles, and changes the ETag.
	prev := aTag
	check := func(what string, ok func(v cachedView) bool) {
		t.Helper()
		for _, c := range []*apitest.Client{ac, cc} {
			v, tag := read(c)
			require.True(t, ok(v), "%s: stale board %+v", what, v)
			if c == ac {
				require.NotEqual(t, prev, tag, what)
				prev = tag
				ac.Headers["If-None-Match"] = tag
				require.Equal(t, 304, ac.Do("GET", base+"/board", nil).Status)
				delete(ac.Headers, "If-None-Match")
			}
		}
	}
	b := create("B")
	check("create", func(v cachedView) bool { _, _, _, ok := v.task(b); return ok })
	require.Equal(t, 200, ac.Do("PATCH", base+"/tasks/"+a, map[string]any{"title": "A2"}).Status)
	check("update", func(v cachedView) bool { _, title, _, _ := v.task(a); return title == "A2" })
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "in_progress"}).Status)
	check("move", func(v cachedView) bool { col, _, _, _ := v.task(a); return col == "in_progress" })
	require.Equal(t, 200, ac.Do("DELETE", base+"/tasks/"+b, nil).Status)
	check("delete", func(v cachedView) bool { _, _, _, ok := v.task(b); return !ok })
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+b+"/restore", nil).Status)
	check("restore", func(v cachedView) bool { _, _, _, ok := v.task(b); return ok })
	r = cc.Do("POST", base+"/tickets", map[string]any{"type": "bug", "title": "Le formulaire plante"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	check("client request", func(v cachedView) bool { return v.RequestCount == 1 && v.Requests[0].Title == "Le formulaire plante" })

	// Straight in the database (no API hook): a phase deleted clears the
	// task's phase through the foreign key, a title changed by hand.
	var phase string
	require.NoError(t, e.DB.Super.QueryRow(ctx, `INSERT INTO project_phases (workspace_id, project_id, name, position, created_at)
		SELECT workspace_id, id, 'Design', 0, now() FROM projects WHERE id = $1 RETURNING id::text`, p).Scan(&phase))
	_, err := e.DB.Super.Exec(ctx, "UPDATE tasks SET phase_id = $1 WHERE id = $2", phase, a)
	require.NoError(t, err)
	check("phase set", func(v cachedView) bool { _, _, ph, _ := v.task(a); return ph != nil && *ph == phase })
	_, err = e.DB.Super.Exec(ctx, "DELETE FROM project_phases WHERE id = $1", phase)
	require.NoError(t, err)
	check("phase deleted", func(v cachedView) bool { _, _, ph, _ := v.task(a); return ph == nil })
	_, err = e.DB.Super.Exec(ctx, "UPDATE tickets SET status = 'accepted' WHERE project_id = $1", p)
	require.NoError(t, err)
	check("request decided", func(v cachedView) bool { return v.RequestCount == 0 })
}

// Readers fill the cache while a writer creates tasks: once a create has
// answered, every read started after it shows the task (a reader that read
// the version before the commit never files an older body under a newer
// version).
func TestBoardCacheUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin := e.CreateUser("admin@studio.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte")
	base := "/api/v1/w/studio/projects/" + p.String()
	ac := e.Client()
	ac.Login(admin.Email, admin.Password)

	var done atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		rc := e.Client()
		rc.Login(admin.Email, admin.Password)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				rc.Do("GET", base+"/board", nil)
			}
		}()
	}
	defer func() { done.Store(true); wg.Wait() }()
	for i := 0; i < 40; i++ {
		title := fmt.Sprint("T", i)
		r := ac.Do("POST", base+"/tasks", map[string]any{"title": title})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var task struct{ ID string }
		r.JSON(t, &task)
		r = ac.Do("GET", base+"/board", nil)
		require.Equal(t, 200, r.Status)
		var v cachedView
		require.NoError(t, json.Unmarshal(r.Body, &v))
		_, got, _, ok := v.task(task.ID)
		require.True(t, ok, "task %d created but not on the board read after", i)
		require.Equal(t, title, got)
	}
}
