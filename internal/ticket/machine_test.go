package ticket

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/httpapi"
)

var allStatuses = []string{StatusNew, StatusClarify, StatusRefused, StatusAccepted, StatusPriced, StatusPaymentPending, StatusPaid, StatusDuplicate}

// TestMachine checks every (status, action, role) against the table of
// what is allowed: the allowed ones lead to the expected status, the
// others say why with a stable code.
func TestMachine(t *testing.T) {
	t.Parallel()
	allowed := map[string]string{ // "status action role" → next status
		"new clarify admin": StatusClarify, "new refuse admin": StatusRefused, "new accept admin": StatusAccepted,
		"new price admin": StatusPriced, "new duplicate admin": StatusDuplicate,
		"clarify refuse admin": StatusRefused, "clarify accept admin": StatusAccepted, "clarify price admin": StatusPriced,
		"clarify duplicate admin": StatusDuplicate, "clarify answer client": StatusNew,
		"priced price admin": StatusPriced, "priced refuse admin": StatusRefused,
		"priced accept_price client": StatusPaymentPending, "priced refuse_price client": StatusRefused,
		"payment_pending paid ": StatusPaid, "priced paid ": StatusPaid,
		"payment_pending payment_closed ": StatusPriced,
		"refused reopen admin":            StatusNew, "duplicate reopen admin": StatusNew,
	}
	actions := []Action{ActClarify, ActRefuse, ActAccept, ActPrice, ActDuplicate, ActReopen, ActAcceptPrice, ActRefusePrice, ActPaid, ActAnswer, ActPaymentClosed}
	n := 0
	for _, s := range allStatuses {
		for _, a := range actions {
			for _, role := range []string{httpapi.RoleAdmin, httpapi.RoleClient, ""} {
				key := fmt.Sprintf("%s %s %s", s, a, role)
				next, err := Next(s, a, role)
				want, ok := allowed[key]
				if ok {
					require.NoError(t, err, key)
					require.Equal(t, want, next, key)
					n++
					continue
				}
				require.Error(t, err, key)
				var p *httpapi.Problem
				require.True(t, errors.As(err, &p), key)
				// A role that may never make the action gets 403 whatever the
				// status; the right role at the wrong status gets 409.
				switch {
				case machine[a].by == byAdmin && role != httpapi.RoleAdmin:
					require.Equal(t, httpapi.CodeForbidden, p.Code, key)
				case machine[a].by == byClient && role != httpapi.RoleClient:
					require.Equal(t, httpapi.CodeClientOnly, p.Code, key)
				case machine[a].by == bySystem && role != "":
					require.Equal(t, httpapi.CodeForbidden, p.Code, key)
				default:
					require.Equal(t, httpapi.CodeRequestTransition, p.Code, key)
				}
			}
		}
	}
	require.Equal(t, len(allowed), n, "every allowed transition was met")
	_, err := Next(StatusNew, Action("archive"), httpapi.RoleAdmin)
	require.Error(t, err)

	require.Equal(t, []string{"clarify", "refuse", "accept", "price", "duplicate"}, Actions(StatusNew, httpapi.RoleAdmin))
	require.Equal(t, []string{"accept_price", "refuse_price"}, Actions(StatusPriced, httpapi.RoleClient))
	require.Empty(t, Actions(StatusNew, httpapi.RoleClient))
	require.Empty(t, Actions(StatusPaid, httpapi.RoleAdmin))
}
