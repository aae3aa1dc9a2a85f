package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"
)

// requestBody is what a test sends: JSON values (maps, so a sweep can
// mutate one field) or raw bytes with their content type.
type requestBody struct {
	ContentType string // "application/json" unless Raw is set
	JSON        map[string]any
	Raw         []byte
}

// validBodies holds, for every operation that takes a request body, one
// body the operation accepts from its rightful caller. ids are the path
// parameter values of the call (see matrixFixtures.ids), so a body that
// names another object (a file version, a task) names one of the same
// tenant as the path. The cross-tenant matrix sends these bodies to every
// scenario (so that validation passes and authorisation is what answers),
// the success scenarios check the effect, and the bad-input sweep mutates
// them field by field. A new operation with a body needs an entry here.
var validBodies = map[string]func(ids map[string]string) requestBody{
	"update-workspace": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"name": "Atelier Matrice", "accentColor": "#123456", "senderName": "Atelier Matrice"})
	},
	"put-workspace-logo": func(map[string]string) requestBody {
		return requestBody{ContentType: "image/png", Raw: logoPNG}
	},
	"create-client-note": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"body": privateMarker + " au sujet du client"})
	},
	"update-note": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"body": privateMarker + " relue"})
	},
	"create-project": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"name": "Projet matrice", "clientName": "Client matrice", "description": "Créé par la matrice"})
	},
	"update-project": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"nextStep": "Valider la maquette", "estimatedDelivery": "2026-06-30"})
	},
	"request-approval": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"kind": "contenu", "description": "Les textes de l'accueil", "fileVersionId": ids["version"]})
	},
	"decide-approval": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"decision": "approved", "comment": "Parfait"})
	},
	"request-version-upload": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"name": "devis-v2.pdf", "size": 16, "contentType": "application/pdf"})
	},
	"set-final-version": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"final": true})
	},
	"create-folder": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"name": "Textes matrice"})
	},
	"request-upload": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"name": "brief.pdf", "size": 16, "contentType": "application/pdf"})
	},
	"create-invitation": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"email": "nouveau-client@example.com"})
	},
	"create-project-note": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"body": privateMarker + " sur le projet"})
	},
	"put-phases": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"phases": []any{
			map[string]any{"name": "Cadrage", "plannedStart": "2026-03-02", "plannedEnd": "2026-03-13"},
			map[string]any{"id": ids["phase"], "name": "Design"},
		}})
	},
	"create-task": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"title": "Tâche matrice", "column": "in_progress", "description": "**Urgent**", "dueDate": "2026-04-01", "phaseId": ids["phase"]})
	},
	"update-task": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"title": "Tâche relue", "assigneeLabel": "Studio", "phaseId": ids["phase"]})
	},
	"create-payment": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"kind": "jalon", "title": "Jalon maquette", "amountCents": 90000, "description": "Après validation", "dueDate": "2026-04-30"})
	},
	"put-project-budget": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"budgetCents": 500000})
	},
	"put-payment-settings": func(map[string]string) requestBody {
		// No key: the matrix runs without Stripe (a key is tried against
		// the API before saving; billing's stripe-mock test covers it).
		return jsonBody(map[string]any{"invoiceCreation": true})
	},
	"simulate-checkout": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"session": ids["checkoutSession"], "outcome": "paid"})
	},
	"create-ticket": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"type": "bug", "title": "Le menu ne s'ouvre pas", "description": "Sur **mobile**", "attachments": []any{ids["attachment"]}})
	},
	"comment-ticket": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"body": "Voici une capture", "attachments": []any{ids["commentAttachment"]}})
	},
	"edit-ticket-comment": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"body": "Précision corrigée"})
	},
	"decide-ticket": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"action": "duplicate", "message": "Déjà demandé", "duplicateOf": ids["otherTicket"]})
	},
	"answer-ticket-price": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"accept": false, "reason": "Pas maintenant"})
	},
	"post-message": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"body": "Voici la **photo**", "attachments": []any{ids["messageAttachment"]}})
	},
	"edit-message": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"body": "Bonjour, corrigé"})
	},
	"hide-message": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"hidden": true})
	},
	"mark-messages-read": func(map[string]string) requestBody {
		return jsonBody(map[string]any{"seq": 1000000})
	},
	"move-task": func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"column": "waiting_client", "blockedReason": "Envoyer les textes", "afterTaskId": ids["afterTask"]})
	},
}

func jsonBody(v map[string]any) requestBody {
	return requestBody{ContentType: "application/json", JSON: v}
}

// bodyFor returns the valid body of op for ids, nil for an operation
// without a body, and fails the test when the table is out of step with
// the API.
func bodyFor(t testing.TB, op operation, ids map[string]string) *requestBody {
	t.Helper()
	build, ok := validBodies[op.id]
	if op.op.RequestBody == nil {
		require.False(t, ok, "validBodies has an entry for %s, which takes no request body: remove it (internal/app/bodies_test.go)", op.id)
		return nil
	}
	require.True(t, ok, "operation %s (%s %s) takes a request body but has no valid example in validBodies (internal/app/bodies_test.go): add one", op.id, op.method, op.path)
	b := build(ids)
	if b.Raw == nil {
		_, declared := op.op.RequestBody.Content["application/json"]
		require.True(t, declared, "validBodies[%s] is JSON but the operation does not take JSON", op.id)
	} else {
		_, declared := op.op.RequestBody.Content[b.ContentType]
		require.True(t, declared, "validBodies[%s] is %s, which the operation does not declare", op.id, b.ContentType)
	}
	return &b
}

// logoPNG is a tiny valid workspace logo.
var logoPNG = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()
