package auth_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// Parallel guesses cannot slip under the budget: of 30 simultaneous wrong
// passwords on one account, exactly 10 are checked and 20 refused.
func TestThrottle_ParallelGuesses(t *testing.T) {
	t.Parallel()
	e := apitest.New(t)
	u := e.CreateUser("cible@example.com")
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := e.Client().Do("POST", "/api/v1/auth/login", map[string]any{"email": u.Email, "password": "mauvais mot de passe"})
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	require.Equal(t, map[int]int{401: 10, 429: 20}, statuses)
}
