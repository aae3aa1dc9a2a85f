package auth

import "github.com/parvis/parvis/internal/mail"

func resetContent(locale, name, link string) mail.Content {
	if locale == "en" {
		return mail.Content{
			Subject: "Reset your password", Heading: "Reset your password",
			Paragraphs:  []string{"Hello " + name + ",", "Someone (hopefully you) asked to reset the password of your client space. The link below works once, for 60 minutes."},
			ButtonLabel: "Choose a new password", ButtonURL: link,
			Note: "If you did not ask for it, ignore this email: your password stays the same.",
		}
	}
	return mail.Content{
		Subject: "Réinitialisez votre mot de passe", Heading: "Réinitialisez votre mot de passe",
		Paragraphs:  []string{"Bonjour " + name + ",", "Une demande de réinitialisation du mot de passe de votre espace client a été faite. Le lien ci-dessous fonctionne une seule fois, pendant 60 minutes."},
		ButtonLabel: "Choisir un nouveau mot de passe", ButtonURL: link,
		Note: "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.",
	}
}

func emailChangedContent(locale, oldEmail, newEmail string) mail.Content {
	if locale == "en" {
		return mail.Content{
			Subject: "Your email address was changed", Heading: "Your email address was changed",
			Paragraphs: []string{"The email address of your client space account changed from " + oldEmail + " to " + newEmail + "."},
			Note:       "If you did not make this change, reply to this email at once.",
		}
	}
	return mail.Content{
		Subject: "Votre adresse e-mail a été modifiée", Heading: "Votre adresse e-mail a été modifiée",
		Paragraphs: []string{"L'adresse e-mail de votre compte est passée de " + oldEmail + " à " + newEmail + "."},
		Note:       "Si vous n'êtes pas à l'origine de ce changement, répondez immédiatement à cet e-mail.",
	}
}
