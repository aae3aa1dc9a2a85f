package board_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/board"
)

// A card's excerpt and its blocked reason come from two places since the
// board is read from its index (migration 00030): the excerpt is the
// description's first ExcerptChars characters (counted in characters, not
// bytes), kept by the database as the description changes; each blocked
// card gets its own reason, for both roles; unblocked cards get none.
func TestBoardCardsFromIndex(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin, client := e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte", client)
	base := "/api/v1/w/studio/projects/" + p.String()
	ac, cc := e.Client(), e.Client()
	ac.Login(admin.Email, admin.Password)
	cc.Login(client.Email, client.Password)

	create := func(body map[string]any) string {
		t.Helper()
		r := ac.Do("POST", base+"/tasks", body)
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var out struct{ ID string }
		r.JSON(t, &out)
		return out.ID
	}
	long := strings.Repeat("Éléphant ", 30) // 270 characters, 300 bytes
	a := create(map[string]any{"title": "Textes", "description": long, "column": "waiting_client", "blockedByClient": true, "blockedReason": "Envoyer les textes"})
	b := create(map[string]any{"title": "Photos", "column": "waiting_client", "blockedByClient": true, "blockedReason": "Choisir les photos 📷"})
	c := create(map[string]any{"title": "Maquette", "description": "Courte"})

	type card struct {
		ID, Title, Excerpt string
		Blocked            *struct {
			ByClient bool
			Reason   string
		}
	}
	read := func(cl *apitest.Client) map[string]card {
		t.Helper()
		r := cl.Do("GET", base+"/board", nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var v struct{ Columns []struct{ Tasks []card } }
		r.JSON(t, &v)
		out := map[string]card{}
		for _, col := range v.Columns {
			for _, k := range col.Tasks {
				out[k.ID] = k
			}
		}
		return out
	}
	for _, cl := range []*apitest.Client{ac, cc} {
		m := read(cl)
		require.Equal(t, board.ExcerptChars, utf8.RuneCountInString(m[a].Excerpt))
		require.True(t, strings.HasPrefix(long, m[a].Excerpt))
		require.Equal(t, "Courte", m[c].Excerpt)
		require.Equal(t, "", m[b].Excerpt)
		require.NotNil(t, m[a].Blocked)
		require.Equal(t, "Envoyer les textes", m[a].Blocked.Reason)
		require.NotNil(t, m[b].Blocked)
		require.Equal(t, "Choisir les photos 📷", m[b].Blocked.Reason)
		require.Nil(t, m[c].Blocked)
	}

	// The excerpt follows the description; a lifted block leaves no reason.
	r := ac.Do("PATCH", base+"/tasks/"+c, map[string]any{"description": "Nouvelle version"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "in_progress"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	m := read(cc)
	require.Equal(t, "Nouvelle version", m[c].Excerpt)
	require.Nil(t, m[a].Blocked)
	require.Equal(t, "Choisir les photos 📷", m[b].Blocked.Reason)
}

// A task too wide for the board's covering index (a rank grown by many
// moves into one gap, a long title in four-byte characters) is left out of
// it, never refused: it is still written, edited and shown in its place.
func TestBoardOversizeCard(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	admin := e.CreateUser("admin@studio.example")
	ws := e.CreateWorkspace("studio", admin)
	p := e.CreateProject(ws, "Refonte")
	base := "/api/v1/w/studio/projects/" + p.String()
	ac := e.Client()
	ac.Login(admin.Email, admin.Password)
	create := func(title string) string {
		t.Helper()
		r := ac.Do("POST", base+"/tasks", map[string]any{"title": title})
		require.Equal(t, 201, r.Status, "%s", r.Body)
		var out struct{ ID string }
		r.JSON(t, &out)
		return out.ID
	}
	a, b, c := create("A"), create("B"), create("C")
	// B's rank as thousands of moves into the gap after A would make it.
	_, err := e.DB.Super.Exec(t.Context(), `UPDATE tasks SET rank = (SELECT rank FROM tasks WHERE id = $1) || repeat('0', 1900) || '1' WHERE id = $2`, a, b)
	require.NoError(t, err)
	wide := strings.Repeat("🎨", 200) // 800 bytes
	r := ac.Do("PATCH", base+"/tasks/"+b, map[string]any{"title": wide, "assigneeLabel": strings.Repeat("🧑", 80), "description": strings.Repeat("📝", 150)})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var oversize bool
	require.NoError(t, e.DB.Super.QueryRow(t.Context(), `SELECT card_oversize FROM tasks WHERE id = $1`, b).Scan(&oversize))
	require.True(t, oversize)

	order := func() []string {
		t.Helper()
		r := ac.Do("GET", base+"/board", nil)
		require.Equal(t, 200, r.Status, "%s", r.Body)
		var v struct {
			Columns []struct {
				Key   string
				Tasks []struct{ ID, Title, Excerpt string }
			}
		}
		r.JSON(t, &v)
		var ids []string
		for _, col := range v.Columns {
			if col.Key == "backlog" {
				for _, k := range col.Tasks {
					ids = append(ids, k.ID)
					if k.ID == b {
						require.Equal(t, wide, k.Title)
						require.Equal(t, board.ExcerptChars, utf8.RuneCountInString(k.Excerpt))
					}
				}
			}
		}
		return ids
	}
	require.Equal(t, []string{a, b, c}, order())
	// C moved right after B, then A after C: the wide card keeps its place.
	r = ac.Do("POST", base+"/tasks/"+c+"/move", map[string]any{"column": "backlog", "afterTaskId": b})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = ac.Do("POST", base+"/tasks/"+a+"/move", map[string]any{"column": "backlog", "afterTaskId": c})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, []string{b, c, a}, order())
}
