package httpapi

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// A unique violation on the board's live-rank index means two writers took
// the same position at once: the caller may retry (409 busy). Any other
// unique violation is a bug or a business rule and is not turned into busy.
func TestTransientProblem_RankCollisionIsBusy(t *testing.T) {
	rank := fmt.Errorf("move: %w", &pgconn.PgError{Code: "23505", ConstraintName: "tasks_board_rank_key"})
	p := transientProblem([]error{rank})
	if p == nil || p.Status != 409 || p.Code != CodeBusy {
		t.Fatalf("rank collision: got %+v, want 409 busy", p)
	}
	other := &pgconn.PgError{Code: "23505", ConstraintName: "tickets_number_key"}
	if p := transientProblem([]error{other}); p != nil {
		t.Fatalf("another unique violation became %+v", p)
	}
}
