package project_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

type projectRow struct {
	Name, ClientName, Description, NextStep, Delivery, Status string
}

func (v *env) projectRow(t *testing.T) projectRow {
	t.Helper()
	var r projectRow
	err := v.e.DB.Super.QueryRow(t.Context(), `SELECT name, client_name, description, next_step, coalesce(estimated_delivery::text, ''),
		coalesce(status_override, 'auto') FROM projects WHERE id = $1`, v.projectID()).
		Scan(&r.Name, &r.ClientName, &r.Description, &r.NextStep, &r.Delivery, &r.Status)
	require.NoError(t, err)
	return r
}

func (v *env) projectID() string { return strings.TrimPrefix(v.base, "/api/v1/w/studio/projects/") }

// countActions counts the activity entries about one object with one action.
func (v *env) countActions(t *testing.T, objectID, action string) int {
	t.Helper()
	var n int
	err := v.e.DB.Super.QueryRow(t.Context(), `SELECT count(*) FROM activity WHERE object_id = $1 AND action = $2`, objectID, action).Scan(&n)
	require.NoError(t, err)
	return n
}

// browsers logs n more browsers in as user (one session each, like tabs).
func (v *env) browsers(n int, u apitest.User) []*apitest.Client {
	out := []*apitest.Client{}
	for range n {
		c := v.e.Client()
		c.Login(u.Email, u.Password)
		out = append(out, c)
	}
	return out
}

func oks(status []int, code int) int {
	n := 0
	for _, s := range status {
		if s == code {
			n++
		}
	}
	return n
}

// Four writers on one project, its phases, a note, an approval, at the same
// instant, many rounds: no 5xx, no acknowledged change lost, one activity
// entry per acknowledged change (security guide point 28).
func TestConcurrentProjectWrites(t *testing.T) {
	t.Parallel()
	v := setup(t)
	admins := v.browsers(4, v.adminUser)
	clients := v.browsers(2, v.clientUser)
	day := func(r int) string {
		return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r).Format(time.DateOnly)
	}
	patch := func(body func(r int) map[string]any) func(int) (string, string, any) {
		return func(r int) (string, string, any) { return "PATCH", v.base, body(r) }
	}
	field := func(name, prefix string) func(r int) map[string]any {
		return func(r int) map[string]any { return map[string]any{name: fmt.Sprint(prefix, r)} }
	}
	var phaseIDs []string
	r := v.admin.Do("GET", v.base+"/dashboard", nil)
	var d dashboard
	r.JSON(t, &d)
	for _, p := range d.Phases {
		phaseIDs = append(phaseIDs, p.ID)
	}
	require.Len(t, phaseIDs, 4)

	for _, sc := range []struct {
		name string
		race func(t *testing.T) apitest.Race
	}{
		{"four fields of one project", func(t *testing.T) apitest.Race {
			return apitest.Race{Rounds: 40, Writers: []apitest.Writer{
				{Name: "name", Client: admins[0], Allowed: []int{200}, Request: patch(field("name", "N"))},
				{Name: "clientName", Client: admins[1], Allowed: []int{200}, Request: patch(field("clientName", "C"))},
				{Name: "nextStep", Client: admins[2], Allowed: []int{200}, Request: patch(field("nextStep", "S"))},
				{Name: "estimatedDelivery", Client: admins[3], Allowed: []int{200}, Request: patch(func(r int) map[string]any { return map[string]any{"estimatedDelivery": day(r)} })},
			}, After: func(r int, _ []int) {
				require.Equal(t, projectRow{Name: fmt.Sprint("N", r), ClientName: fmt.Sprint("C", r), NextStep: fmt.Sprint("S", r),
					Delivery: day(r), Status: "auto"}, v.projectRow(t), "round %d", r)
			}}
		}},
		{"status override and edits", func(t *testing.T) apitest.Race {
			setBefore := 0
			done := func(int) map[string]any { return map[string]any{"status": "done"} }
			return apitest.Race{Rounds: 30, Before: func(int) {
				res := v.admin.Do("PATCH", v.base, map[string]any{"status": "auto"})
				require.Equal(t, 200, res.Status, "%s", res.Body)
				setBefore = v.countActions(t, v.projectID(), "project.status_set")
			}, Writers: []apitest.Writer{
				{Name: "done1", Client: admins[0], Allowed: []int{200}, Request: patch(done)},
				{Name: "done2", Client: admins[1], Allowed: []int{200}, Request: patch(done)},
				{Name: "name", Client: admins[2], Allowed: []int{200}, Request: patch(field("name", "N"))},
				{Name: "description", Client: admins[3], Allowed: []int{200}, Request: patch(field("description", "D"))},
			}, After: func(r int, _ []int) {
				got := v.projectRow(t)
				require.Equal(t, "done", got.Status, "round %d", r)
				require.Equal(t, fmt.Sprint("N", r), got.Name, "round %d", r)
				require.Equal(t, fmt.Sprint("D", r), got.Description, "round %d", r)
				require.Equal(t, setBefore+1, v.countActions(t, v.projectID(), "project.status_set"),
					"round %d: the status changed once; the second writer found it done already", r)
			}}
		}},
		{"phase timeline replaced by four admins", func(t *testing.T) apitest.Race {
			put := func(w int) func(int) (string, string, any) {
				return func(r int) (string, string, any) {
					phases := []map[string]any{}
					for i, id := range phaseIDs {
						phases = append(phases, map[string]any{"id": id, "name": fmt.Sprint("P", i)})
					}
					phases = append(phases, map[string]any{"name": fmt.Sprintf("W%d-%d", w, r)})
					return "PUT", v.base + "/phases", map[string]any{"phases": phases}
				}
			}
			writers := []apitest.Writer{}
			for w := range 4 {
				writers = append(writers, apitest.Writer{Name: fmt.Sprint("put", w), Client: admins[w], Allowed: []int{200}, Request: put(w)})
			}
			return apitest.Race{Rounds: 20, Writers: writers, After: func(r int, _ []int) {
				// Each PUT replaces the whole timeline: the last one wins
				// whole, never a mix of two.
				rows, err := v.e.DB.Super.Query(t.Context(), `SELECT name, position FROM project_phases WHERE project_id = $1 ORDER BY position`, v.projectID())
				require.NoError(t, err)
				names := []string{}
				for i := 0; rows.Next(); i++ {
					var name string
					var pos int
					require.NoError(t, rows.Scan(&name, &pos))
					require.Equal(t, i, pos)
					names = append(names, name)
				}
				require.NoError(t, rows.Err())
				require.Len(t, names, 5, "round %d: %v", r, names)
				require.Equal(t, []string{"P0", "P1", "P2", "P3"}, names[:4])
				require.Regexp(t, fmt.Sprintf(`^W\d-%d$`, r), names[4])
			}}
		}},
		{"one note deleted four times", func(t *testing.T) apitest.Race {
			var note string
			del := func(int) (string, string, any) { return "DELETE", "/api/v1/w/studio/notes/" + note, nil }
			writers := []apitest.Writer{}
			for w := range 4 {
				writers = append(writers, apitest.Writer{Name: fmt.Sprint("delete", w), Client: admins[w], Allowed: []int{204, 404}, Request: del})
			}
			return apitest.Race{Rounds: 20, Writers: writers, Before: func(r int) {
				res := v.admin.Do("POST", v.base+"/notes", map[string]any{"body": fmt.Sprint("Note ", r)})
				require.Equal(t, 201, res.Status, "%s", res.Body)
				var n struct{ ID string }
				res.JSON(t, &n)
				note = n.ID
			}, After: func(r int, status []int) {
				require.Equal(t, 1, oks(status, 204), "round %d: %v", r, status)
				require.Equal(t, 1, v.countActions(t, note, "note.deleted"), "round %d", r)
			}}
		}},
		{"notes about a client being removed", func(t *testing.T) apitest.Race {
			var user string
			note := func(int) (string, string, any) {
				return "POST", "/api/v1/w/studio/clients/" + user + "/notes", map[string]any{"body": "Rappeler lundi"}
			}
			remove := func(int) (string, string, any) { return "DELETE", "/api/v1/w/studio/members/" + user, nil }
			return apitest.Race{Rounds: 20, Before: func(r int) {
				u := v.e.CreateUser(fmt.Sprintf("c%d@client.example", r))
				_, err := v.e.DB.Super.Exec(t.Context(), `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, 'client', now())`, v.ws.ID, u.ID)
				require.NoError(t, err)
				user = u.ID.String()
			}, Writers: []apitest.Writer{
				{Name: "note1", Client: admins[0], Allowed: []int{201, 404}, Request: note},
				{Name: "note2", Client: admins[1], Allowed: []int{201, 404}, Request: note},
				{Name: "remove1", Client: admins[2], Allowed: []int{204, 404}, Request: remove},
				{Name: "remove2", Client: admins[3], Allowed: []int{204, 404}, Request: remove},
			}, After: func(r int, status []int) {
				require.Equal(t, 1, oks(status[2:], 204), "round %d: one removal: %v", r, status)
				var left int
				require.NoError(t, v.e.DB.Super.QueryRow(t.Context(), `SELECT count(*) FROM notes WHERE client_id = $1`, user).Scan(&left))
				require.Zero(t, left, "round %d: the notes went with the membership", r)
			}}
		}},
		{"an approval decided and cancelled at once", func(t *testing.T) apitest.Race {
			var approval string
			path := func(suffix string) string { return v.base + "/approvals/" + approval + suffix }
			return apitest.Race{Rounds: 20, Before: func(r int) {
				res := v.admin.Do("POST", v.base+"/approvals", map[string]any{"kind": "custom", "title": fmt.Sprint("Jalon ", r)})
				require.Equal(t, 201, res.Status, "%s", res.Body)
				var a struct{ ID string }
				res.JSON(t, &a)
				approval = a.ID
			}, Writers: []apitest.Writer{
				{Name: "approve", Client: clients[0], Allowed: []int{200, 409}, Request: func(int) (string, string, any) {
					return "POST", path("/decision"), map[string]any{"decision": "approved"}
				}},
				{Name: "changes", Client: clients[1], Allowed: []int{200, 409}, Request: func(int) (string, string, any) {
					return "POST", path("/decision"), map[string]any{"decision": "changes_requested", "comment": "Plus de contraste"}
				}},
				{Name: "cancel1", Client: admins[0], Allowed: []int{200, 409}, Request: func(int) (string, string, any) { return "POST", path("/cancel"), nil }},
				{Name: "cancel2", Client: admins[1], Allowed: []int{200, 409}, Request: func(int) (string, string, any) { return "POST", path("/cancel"), nil }},
			}, After: func(r int, status []int) {
				require.Equal(t, 1, oks(status, 200), "round %d: one decision wins: %v", r, status)
				n := 0
				for _, a := range []string{"approval.approved", "approval.changes_requested", "approval.cancelled"} {
					n += v.countActions(t, approval, a)
				}
				require.Equal(t, 1, n, "round %d: one decision in the journal", r)
			}}
		}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			sc.race(t).Run(t)
		})
	}
}
