package auth

import "github.com/parvis/parvis/internal/mail"

// PreviewResetContent is the password reset email with sample data, for
// the dev mailbox's previews.
func PreviewResetContent(locale, name, link string) mail.Content {
	return resetContent(locale, name, link)
}

// PreviewEmailChangedContent is the « address changed » security email.
func PreviewEmailChangedContent(locale, oldEmail, newEmail string) mail.Content {
	return emailChangedContent(locale, oldEmail, newEmail)
}
