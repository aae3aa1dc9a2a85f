package workspace

import "github.com/parvis/parvis/internal/mail"

// PreviewInvitationContent is the invitation email in locale with sample
// data, for the dev mailbox's previews.
func PreviewInvitationContent(locale, wsName, inviter, project, link string) mail.Content {
	return invitationContent(locale, wsName, inviter, project, link)
}
