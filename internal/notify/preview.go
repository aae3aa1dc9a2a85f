package notify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	outbox "github.com/parvis/parvis/internal/mail"
)

// Previews of the notification emails with sample data, for the dev
// mailbox page (/dev/mail): every action's text, the coalesced emails of
// the chatty families, and the daily digest. They go through the same
// texts, placeholders, links and footer as the real ones (compose); only
// the data is made up.

// Preview names beside the actions' (and "action/client" variants).
const (
	PreviewDigest           = "digest"
	PreviewManyRequests     = "coalesced.requests"
	PreviewManyMessages     = "coalesced.messages"
	previewSampleProjectStr = "6f1c2a53-8a0e-4c1b-9d55-3a9e2b7c4d10"
	previewSampleObjectStr  = "0b6e7d2f-2f43-4a7e-8c1d-5b9a6e3f2a11"
)

// PreviewNames lists every notification email that can be previewed.
func PreviewNames() []string {
	var out []string
	for k := range texts["fr"] {
		out = append(out, k)
	}
	sort.Strings(out)
	return append(out, PreviewManyRequests, PreviewManyMessages, PreviewDigest)
}

// sample values of the placeholders, per language.
func sampleVars(l string) map[string]string {
	v := map[string]string{"actor": "Julie Bernard", "project": "Refonte du site", "title": "Bouton de paiement cassé sur mobile",
		"number": "12", "amount": euros(120000), "name": "maquette-accueil-v3.pdf"}
	if l == "en" {
		v["title"] = "Broken payment button on mobile"
		v["project"] = "Website redesign"
		v["reason"] = " Reason: this is outside the scope of the contract."
		v["comment"] = " Comment: could the logo be a little larger?"
	} else {
		v["reason"] = " Motif\u00a0: cette évolution sort du périmètre du contrat."
		v["comment"] = " Commentaire\u00a0: le logo pourrait-il être un peu plus grand\u00a0?"
	}
	return v
}

func sampleExcerpt(l string, i int) string {
	fr := []string{"Bonjour, voici les textes de la page d’accueil.", "J’ai ajouté les photos de l’équipe dans le dossier Contenu.",
		"Pouvez-vous reprendre le titre du bloc «\u00a0Nos services\u00a0»\u00a0?", "Le bouton de contact pourrait être plus visible.", "Merci, c’est parfait pour nous\u00a0!"}
	en := []string{"Hello, here are the texts of the home page.", "I added the team photos to the Content folder.",
		"Could you rework the title of the “Our services” block?", "The contact button could stand out more.", "Thank you, this is perfect for us!"}
	if l == "en" {
		return en[i%len(en)]
	}
	return fr[i%len(fr)]
}

// sampleEvent is a made-up event of action on the sample project.
func sampleEvent(action string) dbq.NotificationEvent {
	p := uuid.MustParse(previewSampleProjectStr)
	ev := dbq.NotificationEvent{ProjectID: &p, ObjectID: previewSampleObjectStr, Action: action}
	kind, _, _ := strings.Cut(action, ".")
	if kind == "request" || kind == "payment" || kind == "file" || kind == "approval" || kind == "task" || kind == "message" {
		ev.ObjectType = kind
	}
	return ev
}

// Preview returns the content of the notification email name in locale
// for workspace slug, with sample data; ok is false for an unknown name.
func (n *Notifier) Preview(name, locale, slug string) (c outbox.Content, ok bool, err error) {
	l := lang(locale)
	base := ""
	if n.d.Config != nil && n.d.Config.PublicURL != nil {
		base = strings.TrimRight(n.d.Config.PublicURL.String(), "/")
	}
	v := &view{slug: slug, base: base}
	vars := sampleVars(l)
	link := func(action string) string {
		return v.link(sampleEvent(action))
	}
	family := func(action string) event.Family {
		i, _ := event.Lookup(strings.TrimSuffix(action, "/client"))
		return i.Family
	}
	switch name {
	case PreviewDigest:
		items := []string{event.RequestCreated, event.FileUploaded, event.ApprovalApproved}
		for _, a := range items {
			tx := texts[l][a]
			c.Items = append(c.Items, outbox.Item{Title: fill(tx.Subject, vars), Detail: fill(tx.Body, vars), URL: link(a)})
		}
		if l == "en" {
			c.Subject = fmt.Sprintf("Your daily summary: %d update(s)", len(c.Items))
			c.Heading, c.Paragraphs, c.ButtonLabel = "Your daily summary", []string{"Here is what happened since your last summary."}, "Open the portal"
		} else {
			c.Subject = fmt.Sprintf("Votre résumé du jour\u00a0: %d nouveauté(s)", len(c.Items))
			c.Heading, c.Paragraphs, c.ButtonLabel = "Votre résumé du jour", []string{"Voici ce qui s’est passé depuis votre dernier résumé."}, "Ouvrir l’espace"
		}
		c.ButtonURL = base + "/" + slug
		c, ok, err := n.previewFooter(v, l, event.FamilyFiles, c)
		c.Eyebrow = ""
		return c, ok, err
	case PreviewManyRequests, PreviewManyMessages:
		f, action := event.FamilyRequests, event.RequestCommented
		if name == PreviewManyMessages {
			f, action = event.FamilyMessages, event.MessageCreated
		}
		tx := many[l][f]
		vars["n"] = "3"
		for i := range 3 {
			c.Items = append(c.Items, outbox.Item{Title: vars["actor"], Detail: sampleExcerpt(l, i)})
		}
		c.Subject, c.Heading, c.Paragraphs = fill(tx.Subject, vars), fill(tx.Heading, vars), []string{fill(tx.Body, vars)}
		c.ButtonLabel, c.ButtonURL = tx.Button, link(action)
		return n.previewFooter(v, l, f, c)
	}
	tx, found := texts[l][name]
	if !found {
		return c, false, nil
	}
	c.Subject, c.Heading = fill(tx.Subject, vars), fill(tx.Heading, vars)
	c.Paragraphs = []string{fill(tx.Body, vars)}
	action := strings.TrimSuffix(name, "/client")
	if i, _ := event.Lookup(action); i.Chatty {
		c.Paragraphs = append(c.Paragraphs, quote(l, sampleExcerpt(l, 2)))
	}
	c.ButtonLabel, c.ButtonURL = tx.Button, link(action)
	return n.previewFooter(v, l, family(name), c)
}

func (n *Notifier) previewFooter(v *view, l string, f event.Family, c outbox.Content) (outbox.Content, bool, error) {
	o, err := n.outgoing(v, recipient{ID: uuid.New(), Locale: l}, f, "preview", c, uuid.New())
	if err != nil {
		return outbox.Content{}, false, err
	}
	return o.Content, true, nil
}
