package apitest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Writer is one of the parallel callers of a race: its own browser, and
// the request it sends in each round.
type Writer struct {
	Name    string
	Client  *Client
	Request func(round int) (method, path string, body any)
	// Allowed are the statuses this writer may get; anything else, and
	// any 5xx, fails the test.
	Allowed []int
}

// Race is a scenario of concurrent writes: Rounds times, Before runs alone,
// then every writer sends its request at the same instant, then After
// checks the state against the statuses the writers got (status[i] is
// writer i's).
type Race struct {
	Rounds  int
	Writers []Writer
	Before  func(round int)
	After   func(round int, status []int)
}

// Run plays the race and returns, per writer, how many times each status
// came back (logged too: the figures of the test).
func (rc Race) Run(t *testing.T) map[string]map[int]int {
	t.Helper()
	tally := map[string]map[int]int{}
	for _, w := range rc.Writers {
		tally[w.Name] = map[int]int{}
	}
	for round := 0; round < rc.Rounds; round++ {
		if rc.Before != nil {
			rc.Before(round)
		}
		status := make([]int, len(rc.Writers))
		bodies := make([]string, len(rc.Writers))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, w := range rc.Writers {
			method, path, body := w.Request(round)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := w.Client.Do(method, path, body)
				status[i], bodies[i] = r.Status, string(r.Body)
			}()
		}
		close(start)
		wg.Wait()
		for i, w := range rc.Writers {
			tally[w.Name][status[i]]++
			if status[i] >= 500 || !slices.Contains(w.Allowed, status[i]) {
				t.Fatalf("round %d, %s: status %d (allowed %v): %s", round, w.Name, status[i], w.Allowed, bodies[i])
			}
		}
		if rc.After != nil {
			rc.After(round, status)
		}
	}
	t.Logf("%d rounds × %d writers: %s", rc.Rounds, len(rc.Writers), FormatTally(tally))
	return tally
}

// FormatTally renders a tally as "writer: status×count, …; …".
func FormatTally(tally map[string]map[int]int) string {
	names := make([]string, 0, len(tally))
	for n := range tally {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := []string{}
	for _, n := range names {
		codes := []int{}
		for c := range tally[n] {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		s := []string{}
		for _, c := range codes {
			s = append(s, fmt.Sprintf("%d×%d", c, tally[n][c]))
		}
		parts = append(parts, n+": "+strings.Join(s, " "))
	}
	return strings.Join(parts, "; ")
}
