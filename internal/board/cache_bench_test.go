package board

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
)

// benchBoard is the bench's 1 000-task board (cmd/bench): an excerpt on
// one card in four, an assignee on one in three, blocked 1 in 97.
func benchBoard() *Board {
	b := &Board{Requests: []RequestCard{}, CanEdit: true}
	cols := map[string][]Card{}
	now := time.Now()
	for g := 1; g <= 1000; g++ {
		c := Card{ID: uuid.NewString(), Title: fmt.Sprint("Tâche ", g), Column: Columns[g%4], Rank: fmt.Sprintf("V%06x", g)}
		if g%4 == 0 {
			c.Excerpt = "Texte de la tâche, avec **du markdown** et un [lien](https://example.com). Texte de la tâche, avec **du"
		}
		if g%3 == 0 {
			c.AssigneeLabel = "Camille"
		}
		if g%97 == 0 {
			c.Blocked = &Blocked{ByClient: true, Reason: "Attente", Since: &now}
		}
		cols[c.Column] = append(cols[c.Column], c)
	}
	for _, c := range Columns {
		b.Columns = append(b.Columns, Column{Key: c, Label: columnLabels[c], Tasks: cols[c]})
	}
	return b
}

// BenchmarkEncodeBoard is the cost of a cache miss: JSON and gzip of a
// 1 000-card board, once per board version.
func BenchmarkEncodeBoard(b *testing.B) {
	board := benchBoard()
	k := cacheKey{project: uuid.New(), admin: true, origin: "all"}
	b.ReportAllocs()
	var e *encodedBoard
	for b.Loop() {
		var err error
		if e, err = encodeBoard(k, "1.0", board); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(e.raw)), "raw-bytes")
	b.ReportMetric(float64(len(e.gz)), "gzip-bytes")
}
