package board_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// taskRow is a task as stored, deleted or not (the board hides deleted ones).
type taskRow struct {
	Title, Description, Assignee, Due, Column, Reason string
	Deleted, Blocked, HasSince, Completed             bool
}

type raceEnv struct {
	e       *apitest.Env
	writers []*apitest.Client
	base    string
}

func newRaceEnv(t *testing.T) *raceEnv {
	t.Helper()
	e := apitest.New(t)
	admin := e.CreateUser("admin@studio.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte")
	v := &raceEnv{e: e, base: "/api/v1/w/studio/projects/" + p.String()}
	// One browser (one session) per writer, like four tabs.
	for range 4 {
		c := e.Client()
		c.Login(admin.Email, admin.Password)
		v.writers = append(v.writers, c)
	}
	return v
}

func (v *raceEnv) newTask(t *testing.T, title string) string {
	t.Helper()
	r := v.writers[0].Do("POST", v.base+"/tasks", map[string]any{"title": title})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var task struct{ ID string }
	r.JSON(t, &task)
	return task.ID
}

func (v *raceEnv) row(t *testing.T, id string) taskRow {
	t.Helper()
	var r taskRow
	err := v.e.DB.Super.QueryRow(t.Context(), `SELECT title, description, assignee_label, coalesce(due_date::text, ''), board_column,
		blocked_reason, deleted_at IS NOT NULL, blocked_by_client, blocked_since IS NOT NULL, completed_at IS NOT NULL
		FROM tasks WHERE id = $1`, id).Scan(&r.Title, &r.Description, &r.Assignee, &r.Due, &r.Column, &r.Reason,
		&r.Deleted, &r.Blocked, &r.HasSince, &r.Completed)
	require.NoError(t, err)
	return r
}

// actions lists the activity entries about one task, in the order written.
func (v *raceEnv) actions(t *testing.T, id string) []string {
	t.Helper()
	rows, err := v.e.DB.Super.Query(t.Context(), `SELECT action FROM activity WHERE object_id = $1 ORDER BY id`, id)
	require.NoError(t, err)
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var a string
		require.NoError(t, rows.Scan(&a))
		out = append(out, a)
	}
	require.NoError(t, rows.Err())
	return out
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

func acked(status []int, i int) bool { return status[i] == 200 }

// Four admins writing the same task at the same instant, many rounds:
// every acknowledged change is in the row afterwards, no interleaving of
// edit, move, delete and restore answers a 5xx, and the activity log
// says exactly what was acknowledged (security guide point 28).
func TestConcurrentTaskWrites(t *testing.T) {
	t.Parallel()
	v := newRaceEnv(t)
	cols := []string{"in_progress", "done", "backlog"}
	due := func(r int) string {
		return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r).Format(time.DateOnly)
	}
	patch := func(id string, body func(r int) map[string]any) func(int) (string, string, any) {
		return func(r int) (string, string, any) { return "PATCH", v.base + "/tasks/" + id, body(r) }
	}
	move := func(id string) func(int) (string, string, any) {
		return func(r int) (string, string, any) {
			return "POST", v.base + "/tasks/" + id + "/move", map[string]any{"column": cols[r%len(cols)]}
		}
	}

	for _, sc := range []struct {
		name string
		race func(t *testing.T, id string) apitest.Race
	}{
		{"four fields of one task", func(t *testing.T, id string) apitest.Race {
			return apitest.Race{Rounds: 40, Writers: []apitest.Writer{
				{Name: "title", Client: v.writers[0], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"title": fmt.Sprint("T", r)} })},
				{Name: "description", Client: v.writers[1], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"description": fmt.Sprint("D", r)} })},
				{Name: "assignee", Client: v.writers[2], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"assigneeLabel": fmt.Sprint("A", r)} })},
				{Name: "dueDate", Client: v.writers[3], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"dueDate": due(r)} })},
			}, After: func(r int, _ []int) {
				got := v.row(t, id)
				require.Equal(t, taskRow{Title: fmt.Sprint("T", r), Description: fmt.Sprint("D", r), Assignee: fmt.Sprint("A", r), Due: due(r), Column: "backlog"}, got, "round %d", r)
			}}
		}},
		{"edits and a move", func(t *testing.T, id string) apitest.Race {
			return apitest.Race{Rounds: 40, Writers: []apitest.Writer{
				{Name: "title", Client: v.writers[0], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"title": fmt.Sprint("T", r)} })},
				{Name: "move", Client: v.writers[1], Allowed: []int{200}, Request: move(id)},
				{Name: "assignee", Client: v.writers[2], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"assigneeLabel": fmt.Sprint("A", r)} })},
				{Name: "dueDate", Client: v.writers[3], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"dueDate": due(r)} })},
			}, After: func(r int, _ []int) {
				got := v.row(t, id)
				col := cols[r%len(cols)]
				require.Equal(t, taskRow{Title: fmt.Sprint("T", r), Assignee: fmt.Sprint("A", r), Due: due(r), Column: col, Completed: col == "done"}, got, "round %d", r)
			}}
		}},
		{"edit, move, delete and restore", func(t *testing.T, id string) apitest.Race {
			title, col := "task", "backlog"
			return apitest.Race{Rounds: 60, Writers: []apitest.Writer{
				{Name: "edit", Client: v.writers[0], Allowed: []int{200, 410}, Request: patch(id, func(r int) map[string]any { return map[string]any{"title": fmt.Sprint("T", r)} })},
				{Name: "move", Client: v.writers[1], Allowed: []int{200, 410}, Request: move(id)},
				{Name: "delete", Client: v.writers[2], Allowed: []int{200, 410}, Request: func(int) (string, string, any) { return "DELETE", v.base + "/tasks/" + id, nil }},
				{Name: "restore", Client: v.writers[3], Allowed: []int{200, 409}, Request: func(int) (string, string, any) { return "POST", v.base + "/tasks/" + id + "/restore", nil }},
			}, After: func(r int, status []int) {
				if acked(status, 0) {
					title = fmt.Sprint("T", r)
				}
				if acked(status, 1) {
					col = cols[r%len(cols)]
				}
				got := v.row(t, id)
				require.Equal(t, title, got.Title, "round %d: the acknowledged edit", r)
				require.Equal(t, col, got.Column, "round %d: the acknowledged move", r)
				require.Equal(t, col == "done", got.Completed, "round %d", r)
				if got.Deleted {
					res := v.writers[3].Do("POST", v.base+"/tasks/"+id+"/restore", nil)
					require.Equal(t, 200, res.Status, "%s", res.Body)
				}
			}}
		}},
		{"block and unblock", func(t *testing.T, id string) apitest.Race {
			block := func(r int) map[string]any {
				return map[string]any{"blockedByClient": true, "blockedReason": fmt.Sprint("Retour ", r)}
			}
			unblock := func(int) map[string]any { return map[string]any{"blockedByClient": false} }
			return apitest.Race{Rounds: 30, Writers: []apitest.Writer{
				{Name: "block1", Client: v.writers[0], Allowed: []int{200}, Request: patch(id, block)},
				{Name: "block2", Client: v.writers[1], Allowed: []int{200}, Request: patch(id, block)},
				{Name: "unblock1", Client: v.writers[2], Allowed: []int{200}, Request: patch(id, unblock)},
				{Name: "unblock2", Client: v.writers[3], Allowed: []int{200}, Request: patch(id, unblock)},
			}, After: func(r int, _ []int) {
				got := v.row(t, id)
				require.Equal(t, got.Blocked, got.HasSince, "round %d: blocked_since follows the flag", r)
				require.Equal(t, got.Blocked, got.Reason != "", "round %d: a block has a reason", r)
			}}
		}},
		{"moves after a neighbour being deleted", func(t *testing.T, id string) apitest.Race {
			b, c := v.newTask(t, "B"), v.newTask(t, "C")
			after := func(task, neighbour string) func(int) (string, string, any) {
				return func(int) (string, string, any) {
					return "POST", v.base + "/tasks/" + task + "/move", map[string]any{"column": "backlog", "afterTaskId": neighbour}
				}
			}
			return apitest.Race{Rounds: 40, Writers: []apitest.Writer{
				{Name: "move task after B", Client: v.writers[0], Allowed: []int{200}, Request: after(id, b)},
				{Name: "move B after C", Client: v.writers[1], Allowed: []int{200, 409}, Request: after(b, c)},
				{Name: "delete or restore C", Client: v.writers[2], Allowed: []int{200}, Request: func(r int) (string, string, any) {
					if r%2 == 0 {
						return "DELETE", v.base + "/tasks/" + c, nil
					}
					return "POST", v.base + "/tasks/" + c + "/restore", nil
				}},
				{Name: "edit task", Client: v.writers[3], Allowed: []int{200}, Request: patch(id, func(r int) map[string]any { return map[string]any{"title": fmt.Sprint("T", r)} })},
			}, After: func(r int, _ []int) {
				require.Equal(t, fmt.Sprint("T", r), v.row(t, id).Title, "round %d", r)
				res := v.writers[0].Do("GET", v.base+"/board", nil)
				require.Equal(t, 200, res.Status)
				var bv struct {
					Columns []struct {
						Key   string
						Tasks []struct{ ID, Rank string }
					}
				}
				res.JSON(t, &bv)
				order := []string{}
				for _, col := range bv.Columns {
					for i, task := range col.Tasks {
						if i > 0 {
							require.Less(t, col.Tasks[i-1].Rank, task.Rank, "round %d: column %s in strict order", r, col.Key)
						}
						// Earlier scenarios' tasks share the board.
						if col.Key == "backlog" && (task.ID == id || task.ID == b || task.ID == c) {
							order = append(order, task.ID)
						}
					}
				}
				want := []string{id, b}
				if r%2 == 1 {
					want = append(want, c) // deleted on even rounds, restored on odd ones
				}
				require.ElementsMatch(t, want, order, "round %d", r)
			}}
		}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			id := v.newTask(t, "task")
			tally := sc.race(t, id).Run(t)

			// The activity log holds one entry per acknowledged write, and
			// « bloquée » / « débloquée » alternate: nobody blocks a task
			// that another write had just blocked.
			log := v.actions(t, id)
			oks := func(name string) int { return tally[name][200] }
			switch sc.name {
			case "four fields of one task":
				require.Equal(t, oks("title")+oks("description")+oks("assignee")+oks("dueDate"), count(log, "task.updated"))
			case "edits and a move":
				require.Equal(t, oks("title")+oks("assignee")+oks("dueDate"), count(log, "task.updated"))
				require.Equal(t, oks("move"), count(log, "task.moved"))
			case "edit, move, delete and restore":
				require.Equal(t, oks("edit"), count(log, "task.updated"))
				require.Equal(t, oks("move"), count(log, "task.moved"))
				require.Equal(t, oks("delete"), count(log, "task.deleted"))
				require.Equal(t, count(log, "task.deleted"), count(log, "task.restored"), "every deletion was undone")
			case "block and unblock":
				last := ""
				for _, a := range log {
					if a == "task.blocked" || a == "task.unblocked" {
						require.NotEqual(t, last, a, "two %s in a row: %v", a, log)
						last = a
					}
				}
				require.Equal(t, v.row(t, id).Blocked, last == "task.blocked")
			}
		})
	}
}

// Four admins moving four different tasks of one project at the same
// instant, to the same place each round (the top of a column, or right
// after the same task): moves take no board lock, so they collide on the
// rank they compute, and the retry must still put every acknowledged move
// exactly where it asked, with no duplicate rank and no 5xx.
func TestConcurrentMovesOneProject(t *testing.T) {
	t.Parallel()
	v := newRaceEnv(t)
	cols := []string{"in_progress", "done", "backlog"}
	// Two fixed tasks per column: the anchor and one below it.
	anchors := map[string]string{}
	for _, col := range cols {
		anchors[col] = v.newTask(t, "ancre "+col)
		below := v.newTask(t, "dessous "+col)
		for _, id := range []string{anchors[col], below} {
			r := v.writers[0].Do("POST", v.base+"/tasks/"+id+"/move", map[string]any{"column": col})
			require.Equal(t, 200, r.Status, "%s", r.Body)
		}
		// The anchor on top, the other below it.
		r := v.writers[0].Do("POST", v.base+"/tasks/"+anchors[col]+"/move", map[string]any{"column": col})
		require.Equal(t, 200, r.Status, "%s", r.Body)
	}
	movers := make([]string, 4)
	for i := range movers {
		movers[i] = v.newTask(t, fmt.Sprint("tâche ", i))
	}
	type boardView struct {
		Columns []struct {
			Key   string
			Tasks []struct{ ID, Rank string }
		}
	}
	column := func(key string) []string {
		r := v.writers[0].Do("GET", v.base+"/board", nil)
		require.Equal(t, 200, r.Status)
		var bv boardView
		r.JSON(t, &bv)
		for _, c := range bv.Columns {
			if c.Key != key {
				continue
			}
			ids := make([]string, 0, len(c.Tasks))
			for i, task := range c.Tasks {
				if i > 0 {
					require.Less(t, c.Tasks[i-1].Rank, task.Rank, "column %s in strict order", key)
				}
				ids = append(ids, task.ID)
			}
			return ids
		}
		t.Fatalf("no column %s", key)
		return nil
	}
	// Even rounds: to the top of the column; odd rounds: right after its anchor.
	target := func(r int) (string, map[string]any) {
		col := cols[r%len(cols)]
		body := map[string]any{"column": col}
		if r%2 == 1 {
			body["afterTaskId"] = anchors[col]
		}
		return col, body
	}
	writers := make([]apitest.Writer, 4)
	for i := range writers {
		id := movers[i]
		writers[i] = apitest.Writer{Name: fmt.Sprint("mover ", i), Client: v.writers[i], Allowed: []int{200}, Request: func(r int) (string, string, any) {
			_, body := target(r)
			return "POST", v.base + "/tasks/" + id + "/move", body
		}}
	}
	tally := apitest.Race{Rounds: 30, Writers: writers, After: func(r int, _ []int) {
		col, body := target(r)
		got := column(col)
		start := 0
		if _, after := body["afterTaskId"]; after {
			require.Equal(t, anchors[col], got[0], "round %d: the anchor stays on top", r)
			start = 1
		}
		require.GreaterOrEqual(t, len(got), start+4, "round %d", r)
		require.ElementsMatch(t, movers, got[start:start+4], "round %d: the four moved tasks sit together where they were sent", r)
	}}.Run(t)
	moved := 0
	for _, w := range writers {
		moved += tally[w.Name][200]
	}
	require.Equal(t, 4*30, moved)
	n := 0
	for _, id := range movers {
		n += count(v.actions(t, id), "task.moved")
	}
	require.Equal(t, moved, n, "one journal entry per acknowledged move")
}
