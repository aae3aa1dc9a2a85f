package project_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type projectPage struct {
	Projects []struct {
		ID, Name, Status string
		UpdatedAt        time.Time
	}
	Total      int
	NextCursor string
}

// The project list is keyset-paged, most recently updated first: every
// project once, in order, the total on each page, clients only theirs,
// and a bad cursor or limit refused. Its cost no longer grows with the
// workspace (issue 10: every page's layout asks for the first ones).
func TestListProjectsPaged(t *testing.T) {
	v := setup(t)
	// 11 more projects (12 in all); some share an updated_at, so the id
	// breaks the tie in the keyset.
	for i := range 11 {
		if i%3 == 0 {
			v.e.Clock.Advance(time.Second)
		}
		r := v.admin.Do("POST", "/api/v1/w/studio/projects", map[string]any{"name": fmt.Sprintf("Projet %02d", i), "clientName": "Client"})
		require.Equal(t, 201, r.Status, "%s", r.Body)
	}
	var seen []string
	var all []time.Time
	cursor := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 10, "paging does not end")
		url := "/api/v1/w/studio/projects?limit=5"
		if cursor != "" {
			url += "&cursor=" + cursor
		}
		r := v.admin.Do("GET", url, nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var p projectPage
		r.JSON(t, &p)
		require.Equal(t, 12, p.Total)
		require.LessOrEqual(t, len(p.Projects), 5)
		for _, pr := range p.Projects {
			seen = append(seen, pr.ID)
			all = append(all, pr.UpdatedAt)
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	require.Len(t, seen, 12)
	uniq := map[string]bool{}
	for i, id := range seen {
		require.False(t, uniq[id], "project %s listed twice", id)
		uniq[id] = true
		if i > 0 {
			require.False(t, all[i].After(all[i-1]), "not most recent first")
		}
	}

	// The default page holds them all here; the client sees only theirs.
	var def projectPage
	v.admin.Do("GET", "/api/v1/w/studio/projects", nil).JSON(t, &def)
	require.Len(t, def.Projects, 12)
	require.Empty(t, def.NextCursor)
	var mine projectPage
	r := v.client.Do("GET", "/api/v1/w/studio/projects?limit=1", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r.JSON(t, &mine)
	require.Equal(t, 1, mine.Total)
	require.Len(t, mine.Projects, 1)
	require.Equal(t, "Refonte", mine.Projects[0].Name)
	require.Empty(t, mine.NextCursor)

	for _, bad := range []string{"?cursor=nope", "?limit=0", "?limit=101"} {
		r := v.admin.Do("GET", "/api/v1/w/studio/projects"+bad, nil)
		require.Equal(t, 422, r.Status, "%s: %s", bad, r.Body)
	}
}

// Without a next step written by the admin, the dashboard's is the first
// task in progress, else the first of the backlog (in board order), never a
// task waiting on the client, done or deleted.
func TestNextStepFromTasks(t *testing.T) {
	t.Parallel()
	v := setup(t)
	next := func() string {
		d := v.dashboard(t, v.client)
		if d.NextStep == nil {
			return ""
		}
		require.NotNil(t, d.NextStep.TaskID)
		return d.NextStep.Title
	}
	require.Equal(t, "", next())
	v.task(t, "Attend le client", map[string]any{"column": "waiting_client", "blockedByClient": true, "blockedReason": "Envoyer les textes"})
	v.task(t, "Déjà fait", map[string]any{"column": "done"})
	require.Equal(t, "", next())
	v.task(t, "Backlog A", map[string]any{"column": "backlog"})
	v.task(t, "Backlog B", map[string]any{"column": "backlog"})
	first := func(column string) string {
		r := v.admin.Do("GET", v.base+"/board", nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var b struct {
			Columns []struct {
				Key   string
				Tasks []struct{ Title string }
			}
		}
		r.JSON(t, &b)
		for _, c := range b.Columns {
			if c.Key == column && len(c.Tasks) > 0 {
				return c.Tasks[0].Title
			}
		}
		t.Fatalf("no %s task on the board", column)
		return ""
	}
	require.Equal(t, first("backlog"), next())
	// Moved to the top of the backlog, B comes first.
	b := v.task(t, "Backlog C", map[string]any{"column": "backlog"})
	r := v.admin.Do("POST", v.base+"/tasks/"+b+"/move", map[string]any{"column": "backlog"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, first("backlog"), next())
	require.Equal(t, "Backlog C", next())
	// Anything in progress wins, even created last.
	p := v.task(t, "En cours", map[string]any{"column": "in_progress"})
	require.Equal(t, "En cours", next())
	r = v.admin.Do("POST", v.base+"/tasks/"+p+"/move", map[string]any{"column": "done"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, "Backlog C", next())
	r = v.admin.Do("DELETE", v.base+"/tasks/"+b, nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, first("backlog"), next())
	require.NotEqual(t, "Backlog C", next())
	// The admin's own words come first.
	r = v.admin.Do("PATCH", v.base, map[string]any{"nextStep": "Valider la maquette"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	d := v.dashboard(t, v.client)
	require.Equal(t, "Valider la maquette", d.NextStep.Title)
	require.Nil(t, d.NextStep.TaskID)
}
