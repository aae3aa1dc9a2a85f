package board

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBetween_Basics(t *testing.T) {
	t.Parallel()
	k, err := Between("", "")
	require.NoError(t, err)
	require.Equal(t, "V", k)
	for _, c := range [][2]string{{"", "V"}, {"V", ""}, {"V", "W"}, {"A", "A1"}, {"z", ""}, {"", "1"}, {"zz", ""}, {"", "01"}} {
		k, err := Between(c[0], c[1])
		require.NoError(t, err, "%v", c)
		require.True(t, ValidRank(k), "%q", k)
		if c[0] != "" {
			require.Less(t, c[0], k, "%v", c)
		}
		if c[1] != "" {
			require.Less(t, k, c[1], "%v", c)
		}
	}
	for _, c := range [][2]string{{"W", "V"}, {"V", "V"}, {"V0", ""}, {"a-b", ""}} {
		_, err := Between(c[0], c[1])
		require.ErrorIs(t, err, ErrBadRank, "%v", c)
	}
}

// Inserting at random places thousands of times keeps a strict order and
// short keys.
func TestBetween_RandomInserts(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	keys := []string{}
	for n := 0; n < 3000; n++ {
		i := r.IntN(len(keys) + 1)
		var a, b string
		if i > 0 {
			a = keys[i-1]
		}
		if i < len(keys) {
			b = keys[i]
		}
		k, err := Between(a, b)
		require.NoError(t, err)
		keys = append(keys[:i], append([]string{k}, keys[i:]...)...)
	}
	require.True(t, sort.StringsAreSorted(keys))
	for i := 1; i < len(keys); i++ {
		require.Less(t, keys[i-1], keys[i])
	}
	// Appending at the end (the common case) stays short.
	k := ""
	for n := 0; n < 1000; n++ {
		next, err := Between(k, "")
		require.NoError(t, err)
		k = next
	}
	require.LessOrEqual(t, len(k), 20)
}

func TestBetween_PrependsStayShort(t *testing.T) {
	t.Parallel()
	k := "V"
	for n := 0; n < 1000; n++ {
		next, err := Between("", k)
		require.NoError(t, err)
		require.Less(t, next, k)
		k = next
	}
	require.LessOrEqual(t, len(k), 20)
}

// Moves and creates add two random digits to the rank Between returns:
// whatever the digits, the rank stays valid and strictly between the same
// neighbours (Between never returns a prefix of its upper bound).
func TestBetween_RandomDigitsStayBetween(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	extremes := []string{digits[:1] + digits[1:2], digits[base-1:] + digits[base-1:], "0z", "z1"}
	keys := []string{}
	for n := 0; n < 3000; n++ {
		i := r.IntN(len(keys) + 1)
		var a, b string
		if i > 0 {
			a = keys[i-1]
		}
		if i < len(keys) {
			b = keys[i]
		}
		k, err := Between(a, b)
		require.NoError(t, err)
		for _, d := range append(extremes, randomDigits()) {
			require.True(t, ValidRank(k+d), "%q", k+d)
			require.Less(t, a, k+d)
			if b != "" {
				require.Less(t, k+d, b, "Between(%q, %q) = %q", a, b, k)
			}
		}
		k += randomDigits()
		keys = append(keys[:i], append([]string{k}, keys[i:]...)...)
	}
	require.True(t, sort.StringsAreSorted(keys))
}
