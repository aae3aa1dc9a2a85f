package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	outbox "github.com/parvis/parvis/internal/mail"
)

// text is one action's email in one language. Placeholders: {actor},
// {project}, {title}, {number}, {amount}, {name}, {reason}, {comment}, {n}.
type text struct{ Subject, Heading, Body, Button string }

// texts[locale][key]; key is the action, or "action/client" when clients
// read another version.
var texts = map[string]map[string]text{
	"fr": {
		event.RequestCreated:       {"Nouvelle demande n° {number} : {title}", "Nouvelle demande n° {number}", "{actor} a ouvert la demande « {title} » sur le projet « {project} ».", "Voir la demande"},
		event.RequestCommented:     {"Nouvelle réponse sur la demande n° {number} : {title}", "Nouvelle réponse sur la demande n° {number}", "{actor} a répondu sur la demande « {title} » (projet « {project} »).", "Lire la réponse"},
		event.RequestNoted:         {"Note interne sur la demande n° {number} : {title}", "Note interne sur la demande n° {number}", "{actor} a ajouté une note interne sur la demande « {title} ».", "Voir la demande"},
		event.RequestClarify:       {"Précision demandée sur votre demande n° {number}", "Une précision est demandée", "Votre demande « {title} » a besoin d’une précision de votre part pour avancer.", "Répondre"},
		event.RequestRefused:       {"Votre demande n° {number} a été refusée", "Demande refusée", "Votre demande « {title} » a été refusée.{reason}", "Voir la demande"},
		event.RequestAccepted:      {"Votre demande n° {number} a été acceptée", "Demande acceptée", "Votre demande « {title} » a été acceptée et rejoint le tableau du projet « {project} ».", "Voir la demande"},
		event.RequestPriced:        {"Devis pour votre demande n° {number} : {amount}", "Un devis vous attend", "Votre demande « {title} » a reçu un devis de {amount}. Vous pouvez l’accepter ou le refuser.", "Voir le devis"},
		event.RequestDuplicate:     {"Votre demande n° {number} a été regroupée", "Demande regroupée", "Votre demande « {title} » rejoint une demande déjà ouverte.", "Voir la demande"},
		event.RequestReopened:      {"Votre demande n° {number} a été rouverte", "Demande rouverte", "Votre demande « {title} » a été rouverte.", "Voir la demande"},
		event.RequestPriceOK:       {"Devis accepté : demande n° {number}", "Devis accepté", "{actor} a accepté le devis de la demande « {title} ».", "Voir la demande"},
		event.RequestPriceRefuse:   {"Devis refusé : demande n° {number}", "Devis refusé", "{actor} a refusé le devis de la demande « {title} ».", "Voir la demande"},
		event.RequestPaymentClosed: {"Votre demande n° {number} attend de nouveau votre accord", "Devis à accepter de nouveau", "Le paiement de votre demande « {title} » a été annulé ou a expiré : vous pouvez accepter le devis de nouveau.", "Voir la demande"},
		event.PaymentRequested:     {"Paiement demandé : {title} ({amount})", "Un paiement vous est demandé", "Un paiement de {amount} vous est demandé pour « {title} » (projet « {project} »).", "Voir et payer"},
		event.PaymentReceived:      {"Paiement reçu : {title} ({amount})", "Paiement reçu", "Le paiement de {amount} pour « {title} » (projet « {project} ») est arrivé.", "Voir les paiements"},
		"payment.received/client":  {"Reçu : votre paiement « {title} » ({amount})", "Merci, votre paiement est bien reçu", "Nous avons bien reçu votre paiement de {amount} pour « {title} ». Le reçu est disponible dans votre espace.", "Voir le reçu"},
		event.PaymentFailed:        {"Échec de paiement : {title} ({amount})", "Un paiement a échoué", "Le paiement de {amount} pour « {title} » (projet « {project} ») a échoué.", "Voir les paiements"},
		event.FileUploaded:         {"Nouveau fichier : {name}", "Nouveau fichier sur « {project} »", "{actor} a déposé « {name} » sur le projet « {project} ».", "Voir le fichier"},
		event.FileVersionAdded:     {"Nouvelle version : {name}", "Nouvelle version sur « {project} »", "{actor} a déposé une nouvelle version de « {name} ».", "Voir le fichier"},
		event.ApprovalRequested:    {"Validation demandée : {title}", "Votre validation est attendue", "Une validation vous est demandée pour « {title} » (projet « {project} »).", "Valider ou commenter"},
		event.ApprovalApproved:     {"Validé : {title}", "Validation reçue", "{actor} a validé « {title} » (projet « {project} »).{comment}", "Voir la validation"},
		event.ApprovalChanges:      {"Modifications demandées : {title}", "Modifications demandées", "{actor} demande des modifications sur « {title} » (projet « {project} »).{comment}", "Voir la validation"},
		event.TaskBlocked:          {"Une tâche attend votre retour : {title}", "Une tâche attend votre retour", "La tâche « {title} » du projet « {project} » attend votre retour.{reason}", "Voir la tâche"},
		event.MessageCreated:       {"Nouveau message sur « {project} »", "Nouveau message", "{actor} vous a écrit sur le projet « {project} ».", "Lire le message"},
	},
	"en": {
		event.RequestCreated:       {"New request #{number}: {title}", "New request #{number}", "{actor} opened the request “{title}” on the project “{project}”.", "View the request"},
		event.RequestCommented:     {"New reply on request #{number}: {title}", "New reply on request #{number}", "{actor} replied on the request “{title}” (project “{project}”).", "Read the reply"},
		event.RequestNoted:         {"Internal note on request #{number}: {title}", "Internal note on request #{number}", "{actor} added an internal note on the request “{title}”.", "View the request"},
		event.RequestClarify:       {"More detail needed on your request #{number}", "More detail needed", "Your request “{title}” needs more detail from you to move on.", "Reply"},
		event.RequestRefused:       {"Your request #{number} was declined", "Request declined", "Your request “{title}” was declined.{reason}", "View the request"},
		event.RequestAccepted:      {"Your request #{number} was accepted", "Request accepted", "Your request “{title}” was accepted and joins the board of the project “{project}”.", "View the request"},
		event.RequestPriced:        {"Quote for your request #{number}: {amount}", "A quote is waiting", "Your request “{title}” has a quote of {amount}. You can accept or decline it.", "View the quote"},
		event.RequestDuplicate:     {"Your request #{number} was merged", "Request merged", "Your request “{title}” joins a request already open.", "View the request"},
		event.RequestReopened:      {"Your request #{number} was reopened", "Request reopened", "Your request “{title}” was reopened.", "View the request"},
		event.RequestPriceOK:       {"Quote accepted: request #{number}", "Quote accepted", "{actor} accepted the quote of the request “{title}”.", "View the request"},
		event.RequestPriceRefuse:   {"Quote declined: request #{number}", "Quote declined", "{actor} declined the quote of the request “{title}”.", "View the request"},
		event.RequestPaymentClosed: {"Your request #{number} awaits your approval again", "Quote to accept again", "The payment of your request “{title}” was cancelled or expired: you can accept the quote again.", "View the request"},
		event.PaymentRequested:     {"Payment requested: {title} ({amount})", "A payment is requested", "A payment of {amount} is requested for “{title}” (project “{project}”).", "View and pay"},
		event.PaymentReceived:      {"Payment received: {title} ({amount})", "Payment received", "The payment of {amount} for “{title}” (project “{project}”) arrived.", "View payments"},
		"payment.received/client":  {"Receipt: your payment “{title}” ({amount})", "Thank you, your payment arrived", "We received your payment of {amount} for “{title}”. The receipt is in your portal.", "View the receipt"},
		event.PaymentFailed:        {"Payment failed: {title} ({amount})", "A payment failed", "The payment of {amount} for “{title}” (project “{project}”) failed.", "View payments"},
		event.FileUploaded:         {"New file: {name}", "New file on “{project}”", "{actor} uploaded “{name}” to the project “{project}”.", "View the file"},
		event.FileVersionAdded:     {"New version: {name}", "New version on “{project}”", "{actor} uploaded a new version of “{name}”.", "View the file"},
		event.ApprovalRequested:    {"Approval requested: {title}", "Your approval is needed", "Your approval is requested for “{title}” (project “{project}”).", "Approve or comment"},
		event.ApprovalApproved:     {"Approved: {title}", "Approval received", "{actor} approved “{title}” (project “{project}”).{comment}", "View the approval"},
		event.ApprovalChanges:      {"Changes requested: {title}", "Changes requested", "{actor} requests changes on “{title}” (project “{project}”).{comment}", "View the approval"},
		event.TaskBlocked:          {"A task is waiting for you: {title}", "A task is waiting for you", "The task “{title}” of the project “{project}” is waiting for your answer.{reason}", "View the task"},
		event.MessageCreated:       {"New message on “{project}”", "New message", "{actor} wrote to you on the project “{project}”.", "Read the message"},
	},
}

// Several chatty events in one email.
var many = map[string]map[event.Family]text{
	"fr": {
		event.FamilyRequests: {"{n} nouvelles réponses sur la demande n° {number} : {title}", "{n} nouvelles réponses", "La demande « {title} » (projet « {project} ») a reçu {n} réponses :", "Lire les réponses"},
		event.FamilyMessages: {"{n} nouveaux messages sur « {project} »", "{n} nouveaux messages", "Vous avez {n} nouveaux messages sur le projet « {project} » :", "Lire les messages"},
	},
	"en": {
		event.FamilyRequests: {"{n} new replies on request #{number}: {title}", "{n} new replies", "The request “{title}” (project “{project}”) has {n} new replies:", "Read the replies"},
		event.FamilyMessages: {"{n} new messages on “{project}”", "{n} new messages", "You have {n} new messages on the project “{project}”:", "Read the messages"},
	},
}

var familyNames = map[string]map[event.Family]string{
	"fr": {event.FamilyRequests: "demandes", event.FamilyMessages: "messages", event.FamilyPayments: "paiements",
		event.FamilyApprovals: "validations", event.FamilyFiles: "fichiers", event.FamilyTasks: "tâches"},
	"en": {event.FamilyRequests: "requests", event.FamilyMessages: "messages", event.FamilyPayments: "payments",
		event.FamilyApprovals: "approvals", event.FamilyFiles: "files", event.FamilyTasks: "tasks"},
}

func lang(locale string) string {
	if locale == "en" {
		return "en"
	}
	return "fr"
}

// view is what an email needs to know about its workspace.
type view struct {
	slug, base string
	projects   map[uuid.UUID]string
	people     map[uuid.UUID]string
}

func (n *Notifier) newView(ctx context.Context, q *dbq.Queries, ws uuid.UUID) (*view, error) {
	w, err := q.GetWorkspace(ctx, ws)
	if err != nil {
		return nil, err
	}
	base := ""
	if n.d.Config != nil && n.d.Config.PublicURL != nil {
		base = strings.TrimRight(n.d.Config.PublicURL.String(), "/")
	}
	return &view{slug: w.Slug, base: base, projects: map[uuid.UUID]string{}, people: map[uuid.UUID]string{}}, nil
}

func (v *view) project(ctx context.Context, q *dbq.Queries, ws uuid.UUID, id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	if name, ok := v.projects[*id]; ok {
		return name
	}
	rows, err := q.ListProjectNames(ctx, dbq.ListProjectNamesParams{WorkspaceID: ws, Ids: []uuid.UUID{*id}})
	if err == nil && len(rows) == 1 {
		v.projects[*id] = rows[0].Name
	}
	return v.projects[*id]
}

func (v *view) person(ctx context.Context, q *dbq.Queries, id *uuid.UUID, locale string) string {
	if id == nil {
		if locale == "en" {
			return "The portal"
		}
		return "Le portail"
	}
	if name, ok := v.people[*id]; ok {
		return name
	}
	if u, err := q.GetUser(ctx, *id); err == nil {
		v.people[*id] = u.Name
	}
	return v.people[*id]
}

// link is the web page of an event's object.
func (v *view) link(e dbq.NotificationEvent) string {
	if e.ProjectID == nil {
		return v.base + "/" + v.slug
	}
	p := v.base + "/" + v.slug + "/projets/" + e.ProjectID.String()
	switch e.ObjectType {
	case "request":
		return p + "/demandes/" + e.ObjectID
	case "payment":
		return p + "/paiements#paiement-" + e.ObjectID
	case "file":
		return p + "/fichiers?fichier=" + e.ObjectID
	case "approval":
		return p + "#validation-" + e.ObjectID
	case "task":
		return p + "/tableau?tache=" + e.ObjectID
	case "message":
		return p + "/messages"
	}
	return p
}

// vars fills the placeholders of e for r.
func (n *Notifier) vars(ctx context.Context, q *dbq.Queries, v *view, e dbq.NotificationEvent, r recipient) map[string]string {
	data := map[string]any{}
	_ = json.Unmarshal(e.Data, &data)
	s := func(k string) string {
		switch x := data[k].(type) {
		case string:
			return x
		case float64:
			return fmt.Sprintf("%.0f", x)
		}
		return ""
	}
	out := map[string]string{"actor": v.person(ctx, q, e.ActorID, r.Locale), "project": v.project(ctx, q, e.WorkspaceID, e.ProjectID),
		"title": s("title"), "number": s("number"), "amount": s("amount"), "name": s("name")}
	if out["amount"] == "" && data["priceCents"] != nil {
		if c, ok := data["priceCents"].(float64); ok {
			out["amount"] = euros(int64(c))
		}
	}
	reasonLabel, commentLabel := " Motif : ", " Commentaire : "
	if r.Locale == "en" {
		reasonLabel, commentLabel = " Reason: ", " Comment: "
	}
	if x := s("reason"); x != "" {
		out["reason"] = reasonLabel + x
	}
	if x := s("comment"); x != "" {
		out["comment"] = commentLabel + x
	}
	if e.Action == event.RequestRefused && e.ProjectID != nil {
		// The refusal's reason is on the request, not in the journal.
		if id, err := uuid.Parse(e.ObjectID); err == nil {
			if tk, err := q.GetTicket(ctx, dbq.GetTicketParams{ProjectID: *e.ProjectID, ID: id}); err == nil && tk.RefusalReason != "" {
				out["reason"] = reasonLabel + tk.RefusalReason
			} else if err != nil && !db.IsNotFound(err) {
				n.d.Log.WarnContext(ctx, "notify: refusal reason unreadable", "err", err)
			}
		}
	}
	return out
}

// euros formats cents the French way: 1 200,00 €.
func euros(c int64) string {
	whole, frac := c/100, c%100
	s := fmt.Sprintf("%d", whole)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s,%02d\u00a0€", b.String(), frac)
}

func fill(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// compose writes the email telling r of events (one, or a coalesced run
// of one thread's chatty events).
func (n *Notifier) compose(ctx context.Context, q *dbq.Queries, r recipient, f event.Family, events []dbq.NotificationEvent) (outbox.Outgoing, error) {
	last := events[len(events)-1]
	v, err := n.newView(ctx, q, last.WorkspaceID)
	if err != nil {
		return outbox.Outgoing{}, err
	}
	l := lang(r.Locale)
	vars := n.vars(ctx, q, v, last, r)
	key := last.Action
	if key == event.PaymentReceived && !r.Admin {
		key += "/client"
	}
	tx, ok := texts[l][key]
	if !ok {
		return outbox.Outgoing{}, fmt.Errorf("no email text for %s", key)
	}
	c := outbox.Content{}
	if len(events) > 1 {
		vars["n"] = fmt.Sprint(len(events))
		tx = many[l][f]
		for _, e := range events {
			c.Items = append(c.Items, outbox.Item{Title: v.person(ctx, q, e.ActorID, r.Locale), Detail: excerpt(e), URL: ""})
		}
	}
	c.Subject, c.Heading = fill(tx.Subject, vars), fill(tx.Heading, vars)
	c.Paragraphs = []string{fill(tx.Body, vars)}
	if x := excerpt(last); x != "" && len(events) == 1 {
		c.Paragraphs = append(c.Paragraphs, quote(l, x))
	}
	c.ButtonLabel, c.ButtonURL = tx.Button, v.link(last)
	return n.outgoing(v, r, f, last.Thread, c, last.WorkspaceID)
}

// excerpt is the short text an event carries, if any (a message's start).
func excerpt(e dbq.NotificationEvent) string {
	data := map[string]any{}
	_ = json.Unmarshal(e.Data, &data)
	for _, k := range []string{"excerpt", "preview"} {
		if s, ok := data[k].(string); ok && s != "" {
			if r := []rune(s); len(r) > 200 {
				return string(r[:200]) + "…"
			}
			return s
		}
	}
	return ""
}

// outgoing adds what every notification carries: the unsubscribe link of
// its family (RFC 8058 one-click), the preferences page, List-Id and the
// thread.
func (n *Notifier) outgoing(v *view, r recipient, f event.Family, thread string, c outbox.Content, ws uuid.UUID) (outbox.Outgoing, error) {
	token, err := n.sign(ws, r.ID, f)
	if err != nil {
		return outbox.Outgoing{}, err
	}
	l := lang(r.Locale)
	c.Category = familyNames[l][f]
	if !strings.HasPrefix(thread, "digest:") {
		c.Eyebrow = familyNames[l][f]
	}
	c.UnsubscribeURL = v.base + "/desabonnement?token=" + token
	c.PreferencesURL = v.base + "/" + v.slug + "/notifications/preferences"
	host := "parvis.invalid"
	if n.d.Config != nil && n.d.Config.PublicURL != nil {
		host = n.d.Config.PublicURL.Hostname()
	}
	return outbox.Outgoing{WorkspaceID: ws, Kind: "notification", To: r.Email, Locale: l, Content: c, Thread: thread,
		LogoURL: v.base + "/api/v1/public/workspaces/" + v.slug + "/logo",
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + v.base + UnsubscribePath + "?token=" + token + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"List-Id":               "<" + string(f) + "." + v.slug + "." + host + ">",
		}}, nil
}

// composeDigest writes the daily summary of items.
func (n *Notifier) composeDigest(ctx context.Context, q *dbq.Queries, r recipient, items []dbq.NotificationEvent) (outbox.Outgoing, error) {
	ws := items[0].WorkspaceID
	v, err := n.newView(ctx, q, ws)
	if err != nil {
		return outbox.Outgoing{}, err
	}
	l := lang(r.Locale)
	c := outbox.Content{}
	for _, e := range items {
		key := e.Action
		if key == event.PaymentReceived && !r.Admin {
			key += "/client"
		}
		tx, ok := texts[l][key]
		if !ok {
			continue
		}
		vars := n.vars(ctx, q, v, e, r)
		c.Items = append(c.Items, outbox.Item{Title: fill(tx.Subject, vars), Detail: fill(tx.Body, vars), URL: v.link(e)})
	}
	if l == "en" {
		c.Subject = fmt.Sprintf("Your daily summary: %d update(s)", len(c.Items))
		c.Heading = "Your daily summary"
		c.Paragraphs = []string{"Here is what happened since your last summary."}
		c.ButtonLabel = "Open the portal"
	} else {
		c.Subject = fmt.Sprintf("Votre résumé du jour : %d nouveauté(s)", len(c.Items))
		c.Heading = "Votre résumé du jour"
		c.Paragraphs = []string{"Voici ce qui s’est passé depuis votre dernier résumé."}
		c.ButtonLabel = "Ouvrir l’espace"
	}
	c.ButtonURL = v.base + "/" + v.slug
	f := event.FamilyFiles
	if i, ok := event.Lookup(items[0].Action); ok {
		f = i.Family
	}
	o, err := n.outgoing(v, r, f, "digest:"+r.ID.String(), c, ws)
	o.Kind = "notification_digest"
	return o, err
}

// quote puts an excerpt between the reader's quotation marks.
func quote(l, s string) string {
	if l == "en" {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}
