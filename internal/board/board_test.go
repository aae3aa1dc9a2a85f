package board_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

type boardView struct {
	Columns []struct {
		Key   string
		Tasks []struct{ ID, Title, Origin string }
	}
	Requests []any
	CanEdit  bool
}

func titles(b boardView, col string) []string {
	out := []string{}
	for _, c := range b.Columns {
		if c.Key == col {
			for _, t := range c.Tasks {
				out = append(out, t.Title)
			}
		}
	}
	return out
}

func TestBoard(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin, client := e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte", client)
	base := "/api/v1/w/studio/projects/" + p.String()
	ac, cc := e.Client(), e.Client()
	ac.Login(admin.Email, admin.Password)
	cc.Login(client.Email, client.Password)

	create := func(title, col string) string {
		r := ac.Do("POST", base+"/tasks", map[string]any{"title": title, "column": col, "description": "**gras** <script>alert(1)</script>"})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var task struct{ ID string }
		r.JSON(t, &task)
		return task.ID
	}
	a, b, c := create("A", "backlog"), create("B", "backlog"), create("C", "backlog")
	board := func(cl *apitest.Client) boardView {
		r := cl.Do("GET", base+"/board", nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var v boardView
		r.JSON(t, &v)
		return v
	}
	require.Equal(t, []string{"A", "B", "C"}, titles(board(ac), "backlog"))

	// Reorder: C to the top, then A after C; move B across.
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+c+"/move", map[string]any{"column": "backlog"}).Status)
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "backlog", "afterTaskId": c}).Status)
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+b+"/move", map[string]any{"column": "in_progress"}).Status)
	v := board(cc)
	require.Equal(t, []string{"C", "A"}, titles(v, "backlog"))
	require.Equal(t, []string{"B"}, titles(v, "in_progress"))
	require.False(t, v.CanEdit)
	require.True(t, board(ac).CanEdit)
	require.NotNil(t, v.Requests)

	// Bad input: unknown column, stale neighbour, self, deleted task.
	r := ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "archive"})
	require.Equal(t, 422, r.Status)
	r = ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "done", "afterTaskId": c})
	require.Equal(t, 409, r.Status, "C is not in Terminé: stale order")
	require.Contains(t, string(r.Body), "stale_order")
	r = ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "backlog", "afterTaskId": a})
	require.Equal(t, 422, r.Status)
	r = ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "backlog", "afterTaskId": uuid.NewString()})
	require.Equal(t, 409, r.Status)
	require.Equal(t, []string{"C", "A"}, titles(board(ac), "backlog"), "nothing changed")

	// A card carries an excerpt; the whole task is one GET away (issue 10),
	// for the client too.
	r0 := cc.Do("GET", base+"/board", nil)
	require.NotContains(t, string(r0.Body), `"description"`, "cards carry no full description")
	require.Contains(t, string(r0.Body), `"excerpt":"**gras** <script>alert(1)</script>"`)
	var one struct{ ID, Title, Description string }
	r0 = cc.Do("GET", base+"/tasks/"+a, nil)
	require.Equal(t, 200, r0.Status, "%s", r0.Body)
	r0.JSON(t, &one)
	require.Equal(t, "A", one.Title)
	require.Equal(t, "**gras** <script>alert(1)</script>", one.Description)
	require.Equal(t, 404, cc.Do("GET", base+"/tasks/"+uuid.NewString(), nil).Status)

	// Delete with undo.
	require.Equal(t, 200, ac.Do("DELETE", base+"/tasks/"+a, nil).Status)
	require.Equal(t, 410, cc.Do("GET", base+"/tasks/"+a, nil).Status, "a link to a deleted task")
	require.Equal(t, []string{"C"}, titles(board(ac), "backlog"))
	r = ac.Do("PATCH", base+"/tasks/"+a, map[string]any{"title": "A2"})
	require.Equal(t, 410, r.Status, "editing a deleted task")
	require.Contains(t, string(r.Body), "task_deleted")
	require.Equal(t, 200, ac.Do("POST", base+"/tasks/"+a+"/restore", nil).Status)
	require.Equal(t, []string{"C", "A"}, titles(board(ac), "backlog"))
	require.Equal(t, 409, ac.Do("POST", base+"/tasks/"+a+"/restore", nil).Status)

	// Blocking needs a reason; a phase must belong to the project.
	r = ac.Do("PATCH", base+"/tasks/"+a, map[string]any{"blockedByClient": true})
	require.Equal(t, 422, r.Status)
	r = ac.Do("PATCH", base+"/tasks/"+a, map[string]any{"phaseId": uuid.NewString()})
	require.Equal(t, 422, r.Status)

	// Filter by origin.
	r = cc.Do("GET", base+"/board?origin=request", nil)
	var f boardView
	r.JSON(t, &f)
	require.Empty(t, titles(f, "backlog"))

	// Clients read only: every write is refused and changes nothing.
	for _, w := range []struct {
		method, path string
		body         any
	}{
		{"POST", base + "/tasks", map[string]any{"title": "x"}}, {"PATCH", base + "/tasks/" + a, map[string]any{"title": "x"}},
		{"POST", base + "/tasks/" + a + "/move", map[string]any{"column": "done"}},
		{"DELETE", base + "/tasks/" + a, nil}, {"POST", base + "/tasks/" + a + "/restore", nil},
	} {
		r := cc.Do(w.method, w.path, w.body)
		require.Equal(t, 403, r.Status, "%s %s: %s", w.method, w.path, r.Body)
	}
	require.Equal(t, []string{"C", "A"}, titles(board(ac), "backlog"))
}

// A task restored at its old rank while a move placed another task there
// (deleted tasks are nobody's neighbour) comes back right after it: the
// column keeps one strict order, which the database also enforces.
func TestRestoreFindsItsRankTaken(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin := e.CreateUser("admin@studio.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte")
	base := "/api/v1/w/studio/projects/" + p.String()
	ac := e.Client()
	ac.Login(admin.Email, admin.Password)
	create := func(title string) string {
		r := ac.Do("POST", base+"/tasks", map[string]any{"title": title})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var task struct{ ID string }
		r.JSON(t, &task)
		return task.ID
	}
	a, b, c := create("A"), create("B"), create("C")
	require.Equal(t, 200, ac.Do("DELETE", base+"/tasks/"+c, nil).Status)
	// A goes where C was: right after B, the column's end.
	r := ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "backlog", "afterTaskId": b})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = ac.Do("POST", base+"/tasks/"+c+"/restore", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)

	r = ac.Do("GET", base+"/board", nil)
	require.Equal(t, 200, r.Status)
	var v struct {
		Columns []struct {
			Key   string
			Tasks []struct{ Title, Rank string }
		}
	}
	r.JSON(t, &v)
	for _, col := range v.Columns {
		if col.Key != "backlog" {
			continue
		}
		var got []string
		for i, task := range col.Tasks {
			got = append(got, task.Title)
			if i > 0 {
				require.Less(t, col.Tasks[i-1].Rank, task.Rank, "strict order")
			}
		}
		require.Equal(t, []string{"B", "A", "C"}, got)
	}
}
