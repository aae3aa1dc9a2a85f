package notify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// The triggers of issue 14 that TestTriggers_ReachExactlyTheRightPeople
// does not cover, each against a real SMTP server (Mailpit): exactly the
// expected recipients, the subject, and the link to the exact object.

func (s *suite) prefs(c *apitest.Client, body map[string]any) {
	s.t.Helper()
	r := c.Do("PUT", "/api/v1/w/studio/notification-preferences", body)
	require.Equal(s.t, 200, r.Status, string(r.Body))
}

// flushChatty lets the chatty jobs (n of them) sleep, closes their window
// and runs them.
func (s *suite) flushChatty(n int) {
	s.t.Helper()
	ids := s.waitSnoozed(n)
	s.Clock.Advance(6 * time.Minute)
	s.wake(ids)
	s.settle()
}

func (s *suite) session(payment string) string {
	s.t.Helper()
	var id string
	require.NoError(s.t, s.DB.Super.QueryRow(context.Background(), `SELECT checkout_session_id FROM payment_requests WHERE id = $1`, payment).Scan(&id))
	return id
}

// pay runs the simulated checkout of payment to outcome (paid, failed).
func (s *suite) pay(payment, outcome string) {
	s.t.Helper()
	base := s.base(s.projX) + "/payments/" + payment
	r := s.asX.Do("POST", base+"/checkout", nil)
	require.Equal(s.t, 200, r.Status, string(r.Body))
	r = s.asX.Do("POST", base+"/simulate", map[string]any{"session": s.session(payment), "outcome": outcome})
	require.Equal(s.t, 200, r.Status, string(r.Body))
	require.Eventually(s.t, func() bool {
		return s.count(`SELECT count(*) FROM payment_requests WHERE id = $1 AND status = $2`, payment, outcome) == 1
	}, 20*time.Second, 20*time.Millisecond)
	// The payment's notify job is inserted by the event job: wait for it.
	require.Eventually(s.t, func() bool {
		return s.count(`SELECT count(*) FROM river_job WHERE kind LIKE 'billing.%' AND state IN ('available','running','retryable') `) == 0
	}, 20*time.Second, 20*time.Millisecond)
	s.settle()
}

func TestTriggers_PaymentsReceivedAndFailed(t *testing.T) {
	t.Parallel()
	s := setup(t)
	failed := s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Acompte site", "amountCents": 150000})
	s.settle()
	s.pay(failed, "failed")
	// Failed: the admins only, with the payment's anchor.
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Échec de paiement"))
	m := s.one("admin@studio.test", "Échec de paiement\u00a0: Acompte site (1\u202f500,00\u00a0€)")
	link := fmt.Sprintf("http://portal.test/studio/projets/%s/paiements#paiement-%s", s.projX, failed)
	require.Contains(t, m.Text, "Voir les paiements : "+link)
	require.Contains(t, m.HTML, `href="`+link+`"`)

	paid := s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "solde", "title": "Solde site", "amountCents": 90000})
	s.settle()
	s.pay(paid, "paid")
	// Received: the admins are told, the client gets the receipt version.
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Paiement reçu\u00a0: Solde site"))
	require.Equal(t, []string{"client@x.test"}, s.recipients("Reçu\u00a0: votre paiement «\u00a0Solde site\u00a0»"))
	receipt := s.one("client@x.test", "Reçu")
	require.Contains(t, receipt.Text, "Nous avons bien reçu votre paiement de 900,00\u00a0€")
	require.Contains(t, receipt.Text, fmt.Sprintf("/studio/projets/%s/paiements#paiement-%s", s.projX, paid))
	// Client Y, of another project, never hears of it.
	require.Empty(t, s.mp.To("client@y.test"))
}

func TestTriggers_ApprovalDecided(t *testing.T) {
	t.Parallel()
	s := setup(t)
	ok := s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette", "title": "Maquette accueil"})
	ch := s.create(s.asAdmin, s.base(s.projX)+"/approvals", map[string]any{"kind": "maquette", "title": "Maquette contact"})
	s.settle()
	r := s.asX.Do("POST", s.base(s.projX)+"/approvals/"+ok+"/decision", map[string]any{"decision": "approved", "comment": "Parfait"})
	require.Equal(t, 200, r.Status, string(r.Body))
	r = s.asX.Do("POST", s.base(s.projX)+"/approvals/"+ch+"/decision", map[string]any{"decision": "changes_requested", "comment": "Logo plus grand"})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.settle()
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Validé\u00a0: Maquette accueil"))
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Modifications demandées\u00a0: Maquette contact"))
	m := s.one("associe@studio.test", "Modifications demandées")
	require.Contains(t, m.Text, "Commentaire\u00a0: Logo plus grand")
	require.Contains(t, m.Text, fmt.Sprintf("http://portal.test/studio/projets/%s#validation-%s", s.projX, ch))
	require.Len(t, s.mp.To("client@x.test"), 2, "the client had the two requests, not the decisions")
}

func TestTriggers_FileUploadedToTheOtherSide(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, c := range []*apitest.Client{s.asAdmin, s.asAdmin2, s.asX} {
		s.prefs(c, map[string]any{"families": []any{map[string]any{"family": "files", "mode": "immediate"}}})
	}
	folder := s.asX.Folders("studio", s.projX)["Contenu"]
	up := s.asX.Upload("studio", s.projX, folder, uuid.Nil, "textes-accueil.docx", []byte("PK\x03\x04 textes"))
	s.settle()
	require.Equal(t, []string{"admin@studio.test", "associe@studio.test"}, s.recipients("Nouveau fichier\u00a0: textes-accueil.docx"))
	link := fmt.Sprintf("http://portal.test/studio/projets/%s/fichiers?fichier=%s", s.projX, up.ID)
	require.Contains(t, s.one("admin@studio.test", "textes-accueil.docx").Text, "Voir le fichier : "+link)

	up = s.asAdmin.Upload("studio", s.projX, folder, uuid.Nil, "maquette-v2.pdf", []byte("%PDF-1.4 maquette"))
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Nouveau fichier\u00a0: maquette-v2.pdf"), "the client; never the uploading admin, nor the other admin")
	require.Contains(t, s.one("client@x.test", "maquette-v2.pdf").HTML, fmt.Sprintf(`href="http://portal.test/studio/projets/%s/fichiers?fichier=%s"`, s.projX, up.ID))
}

func TestTriggers_TaskBlockedByTheClient(t *testing.T) {
	t.Parallel()
	s := setup(t)
	task := s.create(s.asAdmin, s.base(s.projX)+"/tasks", map[string]any{"title": "Textes de la page contact"})
	s.settle()
	require.Empty(t, s.mp.Messages(), "a new task is no email")
	r := s.asAdmin.Do("PATCH", s.base(s.projX)+"/tasks/"+task, map[string]any{"blockedByClient": true, "blockedReason": "Envoyez-nous les textes"})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("Une tâche attend votre retour"))
	m := s.one("client@x.test", "Une tâche attend votre retour\u00a0: Textes de la page contact")
	require.Contains(t, m.Text, "Motif\u00a0: Envoyez-nous les textes")
	require.Contains(t, m.Text, fmt.Sprintf("Voir la tâche : http://portal.test/studio/projets/%s/tableau?tache=%s", s.projX, task))
}

func TestTriggers_RequestReplyAndStatusToTheClient(t *testing.T) {
	t.Parallel()
	s := setup(t)
	req := s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "bug", "title": "Menu mobile"})
	s.settle()
	// The admin's reply, a minute later: the client, not the other admin.
	s.Clock.Advance(time.Minute)
	s.create(s.asAdmin, s.base(s.projX)+"/tickets/"+req+"/comments", map[string]any{"body": "Corrigé sur la préproduction"})
	s.flushChatty(1)
	require.Equal(t, []string{"client@x.test"}, s.recipients("Nouvelle réponse sur la demande"))
	m := s.one("client@x.test", "Nouvelle réponse")
	require.Contains(t, m.Text, fmt.Sprintf("http://portal.test/studio/projets/%s/demandes/%s", s.projX, req))
	// Accepted: the client.
	r := s.asAdmin.Do("POST", s.base(s.projX)+"/tickets/"+req+"/decision", map[string]any{"action": "accept"})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.settle()
	require.Equal(t, []string{"client@x.test"}, s.recipients("a été acceptée"))
}

func TestTriggers_MessagesCoalescedReadAndToTheOtherSide(t *testing.T) {
	t.Parallel()
	s := setup(t)
	msgs := s.base(s.projX) + "/messages"
	// One admin message: the client only, with the conversation's link.
	s.create(s.asAdmin, msgs, map[string]any{"body": "Bonjour, la maquette est en ligne."})
	s.flushChatty(1)
	require.Equal(t, []string{"client@x.test"}, s.recipients("Nouveau message sur «\u00a0Refonte\u00a0»"))
	m := s.one("client@x.test", "Nouveau message")
	require.Contains(t, m.Text, "Lire le message : "+fmt.Sprintf("http://portal.test/studio/projets/%s/messages", s.projX))
	require.Contains(t, m.Text, "«\u00a0Bonjour, la maquette est en ligne.\u00a0»")

	// Five client messages in the window: one email per admin; the second
	// admin reads the conversation meanwhile and gets nothing.
	var last int64
	for i := 1; i <= 5; i++ {
		r := s.asX.Do("POST", msgs, map[string]any{"body": fmt.Sprintf("Retour %d", i)})
		require.Equal(t, 201, r.Status, string(r.Body))
		var b struct{ Seq int64 }
		r.JSON(t, &b)
		last = b.Seq
	}
	s.Clock.Advance(time.Minute)
	r := s.asAdmin2.Do("PUT", msgs+"/read", map[string]any{"seq": last})
	require.Equal(t, 200, r.Status, string(r.Body))
	s.flushChatty(5)
	require.Equal(t, []string{"admin@studio.test"}, s.recipients("5 nouveaux messages sur «\u00a0Refonte\u00a0»"))
	five := s.one("admin@studio.test", "5 nouveaux messages")
	for i := 1; i <= 5; i++ {
		require.Contains(t, five.Text, fmt.Sprintf("Retour %d", i))
	}
	for _, m := range s.mp.To("associe@studio.test") {
		require.NotContains(t, m.Subject, "message")
	}
	require.Equal(t, 5, s.count(`SELECT count(*) FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE d.user_id = $1 AND e.actor_id = $2 AND d.reason = 'read'`, s.admin2.ID, s.x.ID))
	require.Len(t, s.mp.To("client@x.test"), 1, "the client is never told of their own messages")
}

func TestTriggers_InvalidAddressSkippedOthersSent(t *testing.T) {
	t.Parallel()
	s := setup(t)
	_, err := s.DB.Super.Exec(context.Background(), `UPDATE users SET email = 'associe chez studio' WHERE id = $1`, s.admin2.ID)
	require.NoError(t, err)
	s.create(s.asX, s.base(s.projX)+"/tickets", map[string]any{"type": "bug", "title": "Formulaire"})
	s.settle()
	require.Equal(t, []string{"admin@studio.test"}, s.recipients("Nouvelle demande"))
	require.Len(t, s.mp.Messages(), 1, "nothing else sent")
	require.Equal(t, 1, s.count(`SELECT count(*) FROM notification_deliveries WHERE user_id = $1 AND channel = 'skipped' AND reason = 'invalid_address'`, s.admin2.ID))
	require.Zero(t, s.count(`SELECT count(*) FROM emails WHERE to_address = 'associe chez studio'`))
}

func TestTriggers_EnglishForAnEnglishReader(t *testing.T) {
	t.Parallel()
	s := setup(t)
	_, err := s.DB.Super.Exec(context.Background(), `UPDATE users SET locale = 'en' WHERE id = $1`, s.x.ID)
	require.NoError(t, err)
	s.create(s.asAdmin, s.base(s.projX)+"/payments", map[string]any{"kind": "acompte", "title": "Deposit", "amountCents": 120000})
	s.settle()
	m := s.one("client@x.test", "Payment requested: Deposit")
	require.Contains(t, m.Text, "A payment of 1\u202f200,00\u00a0€ is requested for “Deposit” (project “Refonte”).")
	require.Contains(t, m.Text, "View and pay : ")
	require.Contains(t, m.Text, "Stop these emails (payments)")
	require.NotContains(t, m.Text, "Ne plus recevoir")
	require.True(t, strings.Contains(m.HTML, `lang="en"`))
}
