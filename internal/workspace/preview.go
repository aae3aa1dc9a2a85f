package workspace

import "github.com/parvis/parvis/internal/mail"

// PreviewInvitationContent is the invitation email with sample data, for
// the dev mailbox's previews. Invitations are French: the invitee has no
// account, hence no language, yet.
func PreviewInvitationContent(wsName, inviter, project, link string) mail.Content {
	return invitationContent(wsName, inviter, project, link)
}
