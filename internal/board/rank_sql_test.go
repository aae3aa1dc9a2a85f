package board

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/dbtest"
)

// board_rank_after (migration 00028), which task creates use to read the
// column's last rank and write the task in one statement, is exactly
// Between(a, "") for every valid key: runs of 'z', keys of every length,
// every digit, and the empty column.
func TestRankAfterMatchesBetween(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	r := rand.New(rand.NewPCG(5, 6))
	keys := []string{"", "V", "z", "zz", "zzz1", "y", "yz", "zy", "0z", "Az", "z0z", "zzy1", "x1"}
	for _, c := range digits[1:] {
		keys = append(keys, string(c), "z"+string(c), "zz"+string(c))
	}
	for range 2000 {
		n := 1 + r.IntN(8)
		var b strings.Builder
		for range r.IntN(3) {
			b.WriteByte('z')
		}
		for i := range n {
			if i == n-1 {
				b.WriteByte(digits[1+r.IntN(base-1)])
			} else {
				b.WriteByte(digits[r.IntN(base)])
			}
		}
		keys = append(keys, b.String())
	}
	// Appends chained as a column grows.
	k := ""
	for range 300 {
		next, err := Between(k, "")
		require.NoError(t, err)
		keys = append(keys, next)
		k = next
	}
	got := make([]string, len(keys))
	rows, err := d.Super.Query(t.Context(), `SELECT board_rank_after(k) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i`, keys)
	require.NoError(t, err)
	i := 0
	for rows.Next() {
		require.NoError(t, rows.Scan(&got[i]))
		i++
	}
	require.NoError(t, rows.Err())
	require.Equal(t, len(keys), i)
	for i, k := range keys {
		if k != "" && !ValidRank(k) {
			continue
		}
		want, err := Between(k, "")
		require.NoError(t, err, "%q", k)
		require.Equal(t, want, got[i], "board_rank_after(%q)", k)
	}
}
