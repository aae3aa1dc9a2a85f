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
