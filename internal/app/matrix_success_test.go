package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v85"
	"github.com/stripe/stripe-go/v85/webhook"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/billing"
	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/httpapi"
)

// A success is what the rightful caller gets when it calls an operation
// with its own ids (matrixFixtures.own, project X of workspace A) and the
// operation's valid body (validBodies): the status, and a check that the
// response decodes and the effect is visible (for a write, in the
// database or through a follow-up GET). prepare, when set, makes fresh
// objects for the call and points ids at them, so that a destructive
// operation does not consume the shared fixtures.
type success struct {
	as      string // "admin" (admin of A) or "client" (client X)
	status  int
	prepare func(t *testing.T, f *matrixFixtures, ids map[string]string)
	check   func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response)
}

// successFor returns op's success scenario or fails with what to add.
func successFor(t testing.TB, op operation) success {
	t.Helper()
	s, ok := successes[op.id]
	require.True(t, ok, "operation %s (%s %s) has no success scenario in the cross-tenant matrix: add one to successes (internal/app/matrix_success_test.go) with the rightful caller, the status and a check of the effect", op.id, op.method, op.path)
	require.True(t, op.access != "admin" || s.as == "admin", "operation %s is admin-only but its success scenario calls it as %s", op.id, s.as)
	return s
}

// The downloads answer 302 to a signed URL; the test client follows it,
// so their success is the file's bytes (status 200).
var successes = map[string]success{
	// Workspace.
	"get-workspace": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		b := decode(t, r)
		require.Equal(t, f.wsA.Slug, b["slug"])
		require.Equal(t, "client", b["role"])
	}},
	"update-workspace": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, "Atelier Matrice", decode(t, r)["name"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM workspaces WHERE id = $1 AND name = 'Atelier Matrice' AND accent_color = '#123456'`, f.wsA.ID))
	}},
	"put-workspace-logo": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, true, decode(t, r)["hasLogo"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM workspaces WHERE id = $1 AND logo = $2`, f.wsA.ID, logoPNG))
	}},
	"get-workspace-logo": {as: "client", status: 200, prepare: putLogo, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, "image/png", r.Header.Get("Content-Type"))
		require.Equal(t, logoPNG, r.Body)
	}},
	"delete-workspace-logo": {as: "admin", status: 204, prepare: putLogo, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM workspaces WHERE id = $1 AND logo IS NULL`, f.wsA.ID))
	}},
	"list-workspace-members": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), f.clientX.ID.String())
		require.NotContains(t, string(r.Body), f.clientZ.ID.String())
	}},
	"remove-workspace-member": {as: "admin", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["user"] = f.newClient(t, "partant@example.com").ID.String()
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM memberships WHERE user_id = $1`, ids["user"]))
	}},

	// Invitations and project people.
	"create-invitation": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		id := decodeID(t, r)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM invitations WHERE id = $1 AND project_id = $2 AND email = 'nouveau-client@example.com'`, id, f.projX))
	}},
	"resend-invitation": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["invitation"], decodeID(t, r))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM activity WHERE action = 'invitation.resent' AND object_id = $1`, ids["invitation"]))
	}},
	"revoke-invitation": {as: "admin", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["invitation"] = create(t, f.asAdminA, projectPath(f, "/invitations"), map[string]any{"email": "a-retirer@example.com"})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM invitations WHERE id = $1 AND revoked_at IS NOT NULL`, ids["invitation"]))
	}},
	"list-project-people": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), f.clientX.ID.String())
		require.Contains(t, string(r.Body), ids["invitation"])
		require.NotContains(t, string(r.Body), f.clientY.ID.String())
	}},
	"remove-project-member": {as: "admin", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["user"] = f.newClient(t, "retire@example.com").ID.String()
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM project_members WHERE user_id = $1`, ids["user"]))
	}},

	// Payments (issue 12).
	"list-payments": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["payment"])
		require.Contains(t, string(r.Body), `"remainingCents":`)
	}},
	"get-payment": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["payment"], decodeID(t, r))
	}},
	"create-payment": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		id := decodeID(t, r)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND project_id = $2 AND amount_cents = 90000 AND status = 'pending'`, id, f.projX))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM river_job WHERE kind = 'billing.due_date' AND args->>'request_id' = $1`, id))
	}},
	"cancel-payment": {as: "admin", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["payment"] = create(t, f.asAdminA, projectPath(f, "/payments"), map[string]any{"kind": "solde", "title": "Solde à annuler", "amountCents": 1000})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND status = 'cancelled'`, ids["payment"]))
	}},
	"checkout-payment": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["payment"] = create(t, f.asAdminA, projectPath(f, "/payments"), map[string]any{"kind": "jalon", "title": "Jalon à payer", "amountCents": 2000})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, "simulated", decode(t, r)["mode"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND checkout_session_id LIKE 'cs_sim_%'`, ids["payment"]))
	}},
	"simulate-checkout": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["payment"] = create(t, f.asAdminA, projectPath(f, "/payments"), map[string]any{"kind": "acompte", "title": "Acompte simulé", "amountCents": 3000})
		r := f.asClientX.Do("POST", projectPath(f, "/payments/"+ids["payment"]+"/checkout"), nil)
		require.Equal(t, 200, r.Status, string(r.Body))
		var s string
		require.NoError(t, f.DB.Super.QueryRow(t.Context(), `SELECT checkout_session_id FROM payment_requests WHERE id = $1`, ids["payment"]).Scan(&s))
		ids["checkoutSession"] = s
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		// The signed event went through the webhook; its job pays the request.
		require.Eventually(t, func() bool {
			return f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND status = 'paid'`, ids["payment"]) == 1
		}, 15*time.Second, 20*time.Millisecond)
	}},
	"put-project-budget": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.EqualValues(t, 500000, decode(t, r)["budgetCents"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM projects WHERE id = $1 AND budget_cents = 500000`, f.projX))
	}},
	"get-payment-settings": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		b := decode(t, r)
		require.Equal(t, "simulated", b["mode"])
		require.Equal(t, "http://portal.test/api/v1/webhooks/stripe/"+f.wsA.ID.String(), b["webhookUrl"])
	}},
	"put-payment-settings": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, true, decode(t, r)["invoiceCreation"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM billing_settings WHERE workspace_id = $1 AND invoice_creation`, f.wsA.ID))
	}},
	// Client requests.
	"list-tickets": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["ticket"])
	}},
	"create-ticket": {as: "client", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		id := decodeID(t, r)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tickets WHERE id = $1 AND project_id = $2 AND author_id = $3 AND status = 'new'`, id, f.projX, f.clientX.ID))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM ticket_attachments WHERE ticket_id = $1 AND file_id = $2 AND comment_id IS NULL`, id, ids["attachment"]))
	}},
	"get-ticket": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["comment"])
	}},
	"comment-ticket": {as: "client", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		id := decodeID(t, r)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM ticket_comments WHERE id = $1 AND ticket_id = $2 AND author_id = $3 AND NOT internal`, id, ids["ticket"], f.clientX.ID))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM ticket_attachments WHERE comment_id = $1 AND file_id = $2`, id, ids["commentAttachment"]))
	}},
	"edit-ticket-comment": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM ticket_comments WHERE id = $1 AND body = 'Précision corrigée' AND edited_at IS NOT NULL`, ids["comment"]))
	}},
	"decide-ticket": {as: "admin", status: 200, prepare: newTicket, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tickets WHERE id = $1 AND status = 'duplicate' AND duplicate_of = $2`, ids["ticket"], ids["otherTicket"]))
	}},
	// The price is the client's to answer (an admin gets 403 client_only).
	"answer-ticket-price": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		newTicket(t, f, ids)
		r := f.asAdminA.Do("POST", projectPath(f, "/tickets/"+ids["ticket"]+"/decision"), map[string]any{"action": "price", "priceCents": 35000, "priceDescription": "Page Équipe"})
		require.Equal(t, 200, r.Status, string(r.Body))
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tickets WHERE id = $1 AND status = 'refused' AND refused_by_client AND refusal_reason = 'Pas maintenant'`, ids["ticket"]))
	}},
	// The live stream (it ends after PARVIS_LIVE_MAX_AGE, 1 s in tests):
	// replayed from the beginning, client X receives his project's events
	// only — no note, nothing of project Y or of workspace B.
	"live-events": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, _ map[string]string) {
		f.asClientX.Headers["Last-Event-ID"] = "0"
	}, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		delete(f.asClientX.Headers, "Last-Event-ID")
		require.Equal(t, "text/event-stream", r.Header.Get("Content-Type"))
		body := string(r.Body)
		require.Contains(t, body, f.ids["x"]["message"], "the client's own project's events are replayed")
		for _, name := range []string{"y", "b"} {
			for _, k := range []string{"message", "ticket", "task"} {
				require.NotContains(t, body, f.ids[name][k], "event of another project or workspace")
			}
		}
		require.NotContains(t, body, f.ids["x"]["note"])
		require.NotContains(t, body, `"kind":"note.`)
		require.NotContains(t, body, `"kind":"request.noted"`)
	}},
	// Messages.
	"list-messages": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["message"])
	}},
	"post-message": {as: "client", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		id := decodeID(t, r)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM messages WHERE id = $1 AND project_id = $2 AND author_id = $3`, id, f.projX, f.clientX.ID))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM message_attachments WHERE message_id = $1 AND file_id = $2`, id, ids["messageAttachment"]))
	}},
	"get-message": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["message"], decodeID(t, r))
	}},
	"edit-message": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM messages WHERE id = $1 AND body = 'Bonjour, corrigé' AND edited_at IS NOT NULL`, ids["message"]))
	}},
	"delete-message": {as: "client", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["message"] = create(t, f.asClientX, projectPath(f, "/messages"), map[string]any{"body": "Envoyé par erreur"})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM messages WHERE id = $1 AND deleted_at IS NOT NULL AND body = ''`, ids["message"]))
	}},
	"hide-message": {as: "admin", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["message"] = create(t, f.asClientX, projectPath(f, "/messages"), map[string]any{"body": "À masquer"})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM messages WHERE id = $1 AND hidden_at IS NOT NULL AND hidden_by = $2`, ids["message"], f.adminA.ID))
	}},
	"mark-messages-read": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM message_reads WHERE project_id = $1 AND user_id = $2 AND last_read_seq = (SELECT max(seq) FROM messages WHERE project_id = $1)`, f.projX, f.clientX.ID))
	}},
	"unread-messages": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, _ map[string]string) {
		for _, name := range []string{"x", "y"} {
			create(t, f.asAdminA, "/api/v1/w/"+f.wsA.Slug+"/projects/"+f.ids[name]["project"]+"/messages", map[string]any{"body": "Nouvelle version en ligne"})
		}
	}, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.GreaterOrEqual(t, decode(t, r)["total"], float64(1))
		require.Contains(t, string(r.Body), f.projX.String())
		require.NotContains(t, string(r.Body), f.projY.String(), "nothing of a project the client does not belong to")
	}},
	"triage-tickets": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["otherTicket"])
		require.Contains(t, string(r.Body), f.ids["y"]["ticket"], "triage spans the workspace's projects")
		require.NotContains(t, string(r.Body), f.ids["b"]["ticket"])
	}},

	// Notes.
	"list-client-notes": {as: "admin", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		create(t, f.asAdminA, "/api/v1/w/"+f.wsA.Slug+"/clients/"+ids["user"]+"/notes", map[string]any{"body": privateMarker + " à lister"})
	}, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), privateMarker+" à lister")
	}},
	"create-client-note": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notes WHERE id = $1 AND client_id = $2`, decodeID(t, r), ids["user"]))
	}},
	"list-project-notes": {as: "admin", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["note"])
	}},
	"create-project-note": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notes WHERE id = $1 AND project_id = $2`, decodeID(t, r), f.projX))
	}},
	"update-note": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["note"], decodeID(t, r))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notes WHERE id = $1 AND body = $2`, ids["note"], privateMarker+" relue"))
	}},
	"delete-note": {as: "admin", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		ids["note"] = create(t, f.asAdminA, projectPath(f, "/notes"), map[string]any{"body": privateMarker + " à effacer"})
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM notes WHERE id = $1`, ids["note"]))
	}},

	// Projects, phases, dashboard, activity.
	"list-projects": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		var list struct{ Projects []struct{ ID uuid.UUID } }
		r.JSON(t, &list)
		require.Len(t, list.Projects, 1)
		require.Equal(t, f.projX, list.Projects[0].ID)
	}},
	"create-project": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM projects WHERE id = $1 AND workspace_id = $2 AND name = 'Projet matrice'`, decodeID(t, r), f.wsA.ID))
	}},
	"get-project": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, f.projX.String(), decodeID(t, r))
	}},
	"update-project": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, "Valider la maquette", decode(t, r)["nextStep"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM projects WHERE id = $1 AND next_step = 'Valider la maquette' AND estimated_delivery = '2026-06-30'`, f.projX))
	}},
	"put-phases": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Len(t, decode(t, r)["phases"], 2)
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM project_phases WHERE project_id = $1 AND name = 'Cadrage' AND planned_end = '2026-03-13'`, f.projX))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM project_phases WHERE id = $1 AND position = 1`, ids["phase"]), "the phase sent with its id is kept")
	}},
	"get-dashboard": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		project, _ := decode(t, r)["project"].(map[string]any)
		require.Equal(t, f.projX.String(), project["id"])
	}},
	"list-waiting": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.NotEmpty(t, decode(t, r)["items"], "the pending approval waits on client X")
	}},
	"list-activity": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.NotEmpty(t, decode(t, r)["entries"])
		require.Contains(t, string(r.Body), ids["task"], "the task's creation is in the project's activity")
	}},

	// Board.
	"get-board": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, false, decode(t, r)["canEdit"])
		require.Contains(t, string(r.Body), ids["task"])
	}},
	"get-task": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["task"], decodeID(t, r))
		require.Contains(t, decode(t, r), "description", "the full task, description included")
	}},
	"create-task": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE id = $1 AND project_id = $2 AND board_column = 'in_progress' AND phase_id = $3`, decodeID(t, r), f.projX, ids["phase"]))
	}},
	"update-task": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE id = $1 AND title = 'Tâche relue' AND assignee_label = 'Studio' AND phase_id = $2`, ids["task"], ids["phase"]))
	}},
	"move-task": {as: "admin", status: 200, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE id = $1 AND board_column = 'waiting_client' AND blocked_by_client
			AND rank > (SELECT rank FROM tasks WHERE id = $2)`, ids["task"], ids["afterTask"]), "moved right after afterTask")
	}},
	"delete-task": {as: "admin", status: 200, prepare: newTask, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE id = $1 AND deleted_at IS NOT NULL`, ids["task"]))
	}},
	"restore-task": {as: "admin", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		newTask(t, f, ids)
		r := f.asAdminA.Do("DELETE", projectPath(f, "/tasks/"+ids["task"]), nil)
		require.Equal(t, 200, r.Status, string(r.Body))
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM tasks WHERE id = $1 AND deleted_at IS NULL`, ids["task"]))
	}},

	// Approvals.
	"list-approvals": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["approval"])
	}},
	"request-approval": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM approvals WHERE id = $1 AND project_id = $2 AND file_version_id = $3 AND status = 'pending'`, decodeID(t, r), f.projX, ids["version"]))
	}},
	// The approval is the client's to give (an admin gets 403 client_only).
	"decide-approval": {as: "client", status: 200, prepare: newApproval, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM approvals WHERE id = $1 AND status = 'approved' AND decided_by = $2`, ids["approval"], f.clientX.ID))
	}},
	"cancel-approval": {as: "admin", status: 200, prepare: newApproval, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM approvals WHERE id = $1 AND status = 'cancelled'`, ids["approval"]))
	}},

	// Files.
	"list-folders": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["folder"])
	}},
	"list-folder-files": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["file"])
	}},
	"create-folder": {as: "admin", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM folders WHERE id = $1 AND parent_id = $2 AND name = 'Textes matrice'`, decodeID(t, r), ids["folder"]))
	}},
	"get-file": {as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["file"], decodeID(t, r))
	}},
	"download-file": {as: "client", status: 200, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, f.pdf["x"], r.Body)
	}},
	"file-thumbnail": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		up := f.asClientX.Upload(f.wsA.Slug, f.projX, uuid.MustParse(ids["folder"]), uuid.Nil, "photo.png", logoPNG)
		ids["file"] = up.ID.String()
		require.Eventually(t, func() bool {
			return f.count(t, `SELECT count(*) FROM file_versions WHERE id = $1 AND thumb_key IS NOT NULL`, up.VersionID) == 1
		}, 20*time.Second, 20*time.Millisecond, "the thumbnail job did not run")
	}, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "image/"), r.Header.Get("Content-Type"))
		require.NotEmpty(t, r.Body)
	}},
	"set-final-version": {as: "admin", status: 200, prepare: newFile, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.EqualValues(t, 1, decode(t, r)["finalVersion"])
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM file_versions WHERE id = $1 AND final`, ids["version"]))
	}},
	"delete-file": {as: "admin", status: 204, prepare: newFile, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM files WHERE id = $1 AND deleted_at IS NOT NULL`, ids["file"]))
	}},
	"list-deleted-files": {as: "admin", status: 200, prepare: newDeletedFile, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Contains(t, string(r.Body), ids["file"])
	}},
	"restore-file": {as: "admin", status: 200, prepare: newDeletedFile, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, ids["file"], decodeID(t, r))
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM files WHERE id = $1 AND deleted_at IS NULL`, ids["file"]))
	}},

	// Uploads.
	"request-upload": {as: "client", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM uploads WHERE id = $1 AND folder_id = $2 AND file_id IS NULL AND status = 'pending'`, decode(t, r)["uploadId"], ids["folder"]))
	}},
	"request-version-upload": {as: "client", status: 201, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM uploads WHERE id = $1 AND file_id = $2 AND status = 'pending'`, decode(t, r)["uploadId"], ids["file"]))
	}},
	"confirm-upload": {as: "client", status: 200, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		r, tk := f.asClientX.RequestUpload(f.wsA.Slug, f.projX, uuid.MustParse(ids["folder"]), uuid.Nil, "confirme.pdf", len(f.pdf["x"]))
		require.Equal(t, 201, r.Status, string(r.Body))
		r = f.asClientX.PutBlob(tk.URL, tk.ContentType, f.pdf["x"])
		require.Equal(t, 200, r.Status, string(r.Body))
		ids["upload"] = tk.UploadID.String()
	}, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM files WHERE id = $1 AND project_id = $2 AND name = 'confirme.pdf'`, decodeID(t, r), f.projX))
	}},
	"cancel-upload": {as: "client", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		r, tk := f.asClientX.RequestUpload(f.wsA.Slug, f.projX, uuid.MustParse(ids["folder"]), uuid.Nil, "annule.pdf", 10)
		require.Equal(t, 201, r.Status, string(r.Body))
		ids["upload"] = tk.UploadID.String()
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM uploads WHERE id = $1 AND status = 'pending'`, ids["upload"]))
	}},
}

func decode(t testing.TB, r *apitest.Response) map[string]any {
	t.Helper()
	var b map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &b), "response is not a JSON object: %s", r.Body)
	return b
}

func decodeID(t testing.TB, r *apitest.Response) string {
	t.Helper()
	id, _ := decode(t, r)["id"].(string)
	require.NotEmpty(t, id, "response has no id: %s", r.Body)
	return id
}

// projectPath is rest under project X of workspace A.
func projectPath(f *matrixFixtures, rest string) string {
	return "/api/v1/w/" + f.wsA.Slug + "/projects/" + f.projX.String() + rest
}

// newClient makes a new client of project X (so that removing it touches
// none of the shared fixtures).
func (f *matrixFixtures) newClient(t *testing.T, email string) apitest.User {
	t.Helper()
	u := f.CreateUser(email)
	f.AddClient(f.wsA, f.projX, u)
	return u
}

func putLogo(t *testing.T, f *matrixFixtures, _ map[string]string) {
	f.asAdminA.Headers["Content-Type"] = "image/png"
	defer delete(f.asAdminA.Headers, "Content-Type")
	r := f.asAdminA.Do("PUT", "/api/v1/w/"+f.wsA.Slug+"/logo", logoPNG)
	require.Equal(t, 200, r.Status, string(r.Body))
}

func newTask(t *testing.T, f *matrixFixtures, ids map[string]string) {
	ids["task"] = create(t, f.asAdminA, projectPath(f, "/tasks"), map[string]any{"title": "Tâche éphémère"})
}

func newTicket(t *testing.T, f *matrixFixtures, ids map[string]string) {
	ids["ticket"] = create(t, f.asClientX, projectPath(f, "/tickets"), map[string]any{"type": "modif", "title": "Demande éphémère"})
}

func newApproval(t *testing.T, f *matrixFixtures, ids map[string]string) {
	ids["approval"] = create(t, f.asAdminA, projectPath(f, "/approvals"), map[string]any{"kind": "custom", "title": "Validation éphémère"})
}

func newFile(t *testing.T, f *matrixFixtures, ids map[string]string) {
	up := f.asClientX.Upload(f.wsA.Slug, f.projX, uuid.MustParse(ids["folder"]), uuid.Nil, "ephemere-"+uuid.NewString()[:8]+".pdf", f.pdf["x"])
	ids["file"], ids["version"] = up.ID.String(), up.VersionID.String()
}

func newDeletedFile(t *testing.T, f *matrixFixtures, ids map[string]string) {
	newFile(t, f, ids)
	r := f.asAdminA.Do("DELETE", projectPath(f, "/files/"+ids["file"]), nil)
	require.Equal(t, 204, r.Status, string(r.Body))
}

// plainRoutes are the handlers mounted with Server.Handle, outside the
// OpenAPI document and so outside the matrix above: each says why it is
// safe without a session and a tenant, and has its own test.
var plainRoutes = map[string]struct {
	reason string
	test   func(t *testing.T, f *matrixFixtures)
}{
	billing.WebhookPattern: {
		reason: "Stripe's webhook: no session; the workspace's signing secret (HMAC over the raw body, 300 s tolerance) is the authentication, and the event must name the URL's workspace",
		test:   testStripeWebhook,
	},
	blob.LocalPrefix: {
		reason: "signed blob URLs of the local storage driver: no session and no tenant; the HMAC signature binds the method, the key, the type and the expiry, and only a tenant-checked operation signs one",
		test:   testSignedBlobURLs,
	},
}

// testSignedBlobURLs: a download URL of client X's file serves that file
// only: another key (client Y's file, workspace B's file), another method
// or no signature are refused, and nothing is written.
func testSignedBlobURLs(t *testing.T, f *matrixFixtures) {
	loc := f.location(t, f.asClientX, projectPath(f, "/files/"+f.ids["x"]["file"]+"/download"))
	require.True(t, strings.HasPrefix(loc, blob.LocalPrefix), loc)
	u, err := url.Parse(loc)
	require.NoError(t, err)
	anon := f.Client()
	r := anon.Do("GET", loc, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	require.Equal(t, f.pdf["x"], r.Body)

	keyOf := func(owner string) string {
		var k string
		require.NoError(t, f.DB.Super.QueryRow(t.Context(), `SELECT blob_key FROM file_versions WHERE id = $1`, f.ids[owner]["version"]).Scan(&k))
		return k
	}
	before := fingerprint(t, f.Env)
	for _, owner := range []string{"y", "b"} {
		other := *u
		other.Path = blob.LocalPrefix + keyOf(owner)
		r := anon.Do("GET", other.String(), nil)
		require.Equal(t, 403, r.Status, "X's signature opened %s's blob: %s", owner, r.Body)
		require.NotContains(t, string(r.Body), string(f.pdf[owner]))
	}
	unsigned := *u
	q := unsigned.Query()
	q.Del("sig")
	unsigned.RawQuery = q.Encode()
	require.Equal(t, 403, anon.Do("GET", unsigned.String(), nil).Status)
	anon.Headers["Content-Type"] = u.Query().Get("ct")
	r = anon.Do("PUT", loc, []byte("%PDF-1.4 remplacé"))
	require.Equal(t, 403, r.Status, "a GET signature allowed a PUT: %s", r.Body)
	require.Equal(t, f.pdf["x"], f.Client().Do("GET", loc, nil).Body)
	require.Empty(t, changedTables(before, fingerprint(t, f.Env)))
}

// location returns where a redirecting GET points, without following it.
func (f *matrixFixtures) location(t *testing.T, c *apitest.Client, path string) string {
	t.Helper()
	req, err := http.NewRequest("GET", f.Server.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: c.Session})
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 302, res.StatusCode)
	return res.Header.Get("Location")
}

// testStripeWebhook: workspace A's webhook takes only events signed with
// A's secret and about A's objects; everything else is refused and
// changes nothing.
func testStripeWebhook(t *testing.T, f *matrixFixtures) {
	secretA, secretB := f.Portal.Payments.SimulatedWebhookSecret(f.wsA.ID), f.Portal.Payments.SimulatedWebhookSecret(f.wsB.ID)
	eventAbout := func(ws uuid.UUID, owner string) []byte {
		b, _ := json.Marshal(map[string]any{"id": "evt_" + uuid.NewString(), "object": "event", "api_version": stripe.APIVersion,
			"created": time.Now().Unix(), "type": "checkout.session.completed", "data": map[string]any{"object": map[string]any{
				"id": f.ids[owner]["checkoutSession"], "object": "checkout.session", "client_reference_id": f.ids[owner]["payment"],
				"metadata":     map[string]string{"parvis_workspace": ws.String(), "parvis_request": f.ids[owner]["payment"]},
				"amount_total": 120000, "currency": "eur", "payment_status": "paid", "status": "complete"}}})
		return b
	}
	post := func(ws uuid.UUID, payload []byte, secret string) int {
		c := f.Client()
		c.Headers["Content-Type"] = "application/json"
		if secret != "" {
			c.Headers["Stripe-Signature"] = webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret}).Header
		}
		return c.Do("POST", billing.WebhookPath(ws), payload).Status
	}
	before := fingerprint(t, f.Env)
	require.Equal(t, 400, post(f.wsA.ID, eventAbout(f.wsB.ID, "b"), secretA), "A's secret, B's event")
	require.Equal(t, 400, post(f.wsA.ID, eventAbout(f.wsA.ID, "x"), secretB), "B's secret on A's URL")
	require.Equal(t, 400, post(f.wsB.ID, eventAbout(f.wsA.ID, "x"), secretA), "A's event on B's URL")
	require.Equal(t, 400, post(f.wsA.ID, eventAbout(f.wsA.ID, "x"), ""), "no signature")
	require.Equal(t, 404, post(uuid.New(), eventAbout(f.wsA.ID, "x"), secretA), "no such workspace")
	require.Empty(t, changedTables(before, fingerprint(t, f.Env)))
	// Control: the right secret and event are taken (and change the data).
	require.Equal(t, 200, post(f.wsA.ID, eventAbout(f.wsA.ID, "y"), secretA))
	require.Eventually(t, func() bool {
		return f.count(t, `SELECT count(*) FROM payment_requests WHERE id = $1 AND status = 'paid'`, f.ids["y"]["payment"]) == 1
	}, 15*time.Second, 20*time.Millisecond)
}
