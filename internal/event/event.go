// Package event is the catalogue of what the portal announces: every action
// written to the journal (httpapi.Tenant.Record) or announced without one
// (Tenant.Announce), with the notification family it belongs to and who, if
// anyone, is told by email. The web, the notifier and the live stream switch
// over this one list; the OpenAPI document exports it as the EventAction and
// NotificationFamily enums, and a test checks that every action the code
// records is here.
package event

import "sort"

// Family groups actions for notification preferences (« Demandes »,
// « Messages », …): a person chooses per family.
type Family string

// The families a person sets a preference for.
const (
	FamilyRequests  Family = "requests"
	FamilyMessages  Family = "messages"
	FamilyPayments  Family = "payments"
	FamilyApprovals Family = "approvals"
	FamilyFiles     Family = "files"
	FamilyTasks     Family = "tasks"
)

// Families lists the families in the order the preferences page shows them.
var Families = []Family{FamilyRequests, FamilyMessages, FamilyPayments, FamilyApprovals, FamilyFiles, FamilyTasks}

// ValidFamily reports whether f is a known family.
func ValidFamily(f string) bool {
	for _, x := range Families {
		if string(x) == f {
			return true
		}
	}
	return false
}

// Audience says who hears of an action by email.
type Audience int

// Audiences. The actor is never told of their own action, admin-only
// events never reach a client, and a client hears only of the projects
// they are still a member of.
const (
	// Nobody: journal only.
	Nobody Audience = iota
	// Admins of the workspace.
	Admins
	// Clients of the event's project.
	Clients
	// OtherSide: the project's clients when an admin acted, the admins
	// when a client did (a reply, a message, a file).
	OtherSide
	// Everyone on the project except the actor: admins and its clients.
	Everyone
)

// Info describes one action.
type Info struct {
	Family   Family
	Audience Audience
	// Chatty actions (messages, comments) wait a few minutes before an
	// email: read in the portal meanwhile, nothing is sent; several in the
	// window make one email.
	Chatty bool
}

// Notifies reports whether the action may email anyone.
func (i Info) Notifies() bool { return i.Audience != Nobody }

// Actions: the stable codes written to the journal. Each is in catalogue.
const (
	WorkspaceUpdated     = "workspace.updated"
	WorkspaceLogoChanged = "workspace.logo_changed"
	WorkspaceLogoRemoved = "workspace.logo_removed"
	MemberRemoved        = "member.removed"

	InvitationSent     = "invitation.sent"
	InvitationResent   = "invitation.resent"
	InvitationRevoked  = "invitation.revoked"
	InvitationAccepted = "invitation.accepted"

	ProjectCreated       = "project.created"
	ProjectUpdated       = "project.updated"
	ProjectStatusSet     = "project.status_set"
	ProjectMemberRemoved = "project.member_removed"
	ProjectBudgetSet     = "project.budget_set"
	PhaseUpdated         = "phase.updated"

	NoteCreated = "note.created"
	NoteUpdated = "note.updated"
	NoteDeleted = "note.deleted"

	TaskCreated   = "task.created"
	TaskUpdated   = "task.updated"
	TaskMoved     = "task.moved"
	TaskBlocked   = "task.blocked"
	TaskUnblocked = "task.unblocked"
	TaskDeleted   = "task.deleted"
	TaskRestored  = "task.restored"

	FolderCreated      = "folder.created"
	FileUploaded       = "file.uploaded"
	FileVersionAdded   = "file.version_added"
	FileFinalMarked    = "file.final_marked"
	FileFinalUnmarked  = "file.final_unmarked"
	FileDeleted        = "file.deleted"
	FileRestored       = "file.restored"
	ApprovalRequested  = "approval.requested"
	ApprovalApproved   = "approval.approved"
	ApprovalChanges    = "approval.changes_requested"
	ApprovalCancelled  = "approval.cancelled"
	RequestCreated     = "request.created"
	RequestCommented   = "request.commented"
	RequestNoted       = "request.noted"
	RequestClarify     = "request.clarify"
	RequestAnswered    = "request.answered"
	RequestRefused     = "request.refused"
	RequestAccepted    = "request.accepted"
	RequestPriced      = "request.priced"
	RequestDuplicate   = "request.duplicate"
	RequestReopened    = "request.reopened"
	RequestPriceOK     = "request.price_accepted"
	RequestPriceRefuse = "request.price_refused"
	RequestPaid        = "request.paid"
	// RequestPaymentClosed: its payment request was cancelled or expired;
	// the price is to accept again.
	RequestPaymentClosed = "request.payment_closed"

	PaymentRequested       = "payment.requested"
	PaymentReceived        = "payment.received"
	PaymentFailed          = "payment.failed"
	PaymentCancelled       = "payment.cancelled"
	PaymentExpired         = "payment.expired"
	PaymentRefunded        = "payment.refunded"
	PaymentPartialRefund   = "payment.partially_refunded"
	PaymentSettingsChanged = "payment.settings_changed"
	MessageCreated         = "message.created"
	MessageEdited          = "message.edited"
	MessageDeleted         = "message.deleted"
	MessageHidden          = "message.hidden"
	MessageUnhidden        = "message.unhidden"
	// MessageRead moves a read mark (« Vu par le client », live only).
	MessageRead = "message.read"

	// The bell (live only, for one person): a new item in their inbox,
	// and their inbox read (another tab, a page viewed).
	InboxAdded = "inbox.added"
	InboxRead  = "inbox.read"
)

var catalogue = map[string]Info{
	WorkspaceUpdated: {}, WorkspaceLogoChanged: {}, WorkspaceLogoRemoved: {}, MemberRemoved: {},
	InvitationSent: {}, InvitationResent: {}, InvitationRevoked: {}, InvitationAccepted: {},
	ProjectCreated: {}, ProjectUpdated: {}, ProjectStatusSet: {}, ProjectMemberRemoved: {}, ProjectBudgetSet: {}, PhaseUpdated: {},
	NoteCreated: {}, NoteUpdated: {}, NoteDeleted: {},

	TaskCreated: {Family: FamilyTasks}, TaskUpdated: {Family: FamilyTasks}, TaskMoved: {Family: FamilyTasks},
	TaskBlocked:   {Family: FamilyTasks, Audience: Clients}, // waiting on the client
	TaskUnblocked: {Family: FamilyTasks}, TaskDeleted: {Family: FamilyTasks}, TaskRestored: {Family: FamilyTasks},

	FolderCreated:    {Family: FamilyFiles},
	FileUploaded:     {Family: FamilyFiles, Audience: OtherSide},
	FileVersionAdded: {Family: FamilyFiles, Audience: OtherSide},
	FileFinalMarked:  {Family: FamilyFiles}, FileFinalUnmarked: {Family: FamilyFiles},
	FileDeleted: {Family: FamilyFiles}, FileRestored: {Family: FamilyFiles},

	ApprovalRequested: {Family: FamilyApprovals, Audience: Clients},
	ApprovalApproved:  {Family: FamilyApprovals, Audience: Admins},
	ApprovalChanges:   {Family: FamilyApprovals, Audience: Admins},
	ApprovalCancelled: {Family: FamilyApprovals},

	RequestCreated:       {Family: FamilyRequests, Audience: Admins},
	RequestCommented:     {Family: FamilyRequests, Audience: OtherSide, Chatty: true},
	RequestNoted:         {Family: FamilyRequests, Audience: Admins, Chatty: true}, // internal: admin-only
	RequestClarify:       {Family: FamilyRequests, Audience: Clients},
	RequestAnswered:      {Family: FamilyRequests}, // the client's answer is its comment, already told
	RequestRefused:       {Family: FamilyRequests, Audience: Clients},
	RequestAccepted:      {Family: FamilyRequests, Audience: Clients},
	RequestPriced:        {Family: FamilyRequests, Audience: Clients},
	RequestDuplicate:     {Family: FamilyRequests, Audience: Clients},
	RequestReopened:      {Family: FamilyRequests, Audience: Clients},
	RequestPriceOK:       {Family: FamilyRequests, Audience: Admins},
	RequestPriceRefuse:   {Family: FamilyRequests, Audience: Admins},
	RequestPaid:          {Family: FamilyRequests}, // payment.received tells it
	RequestPaymentClosed: {Family: FamilyRequests, Audience: Clients},

	PaymentRequested:       {Family: FamilyPayments, Audience: Clients},
	PaymentReceived:        {Family: FamilyPayments, Audience: Everyone}, // admins, and a receipt line to the client
	PaymentFailed:          {Family: FamilyPayments, Audience: Admins},
	PaymentCancelled:       {Family: FamilyPayments},
	PaymentExpired:         {Family: FamilyPayments},
	PaymentRefunded:        {Family: FamilyPayments},
	PaymentPartialRefund:   {Family: FamilyPayments},
	PaymentSettingsChanged: {},

	MessageCreated: {Family: FamilyMessages, Audience: OtherSide, Chatty: true},
	MessageEdited:  {Family: FamilyMessages}, MessageDeleted: {Family: FamilyMessages},
	MessageHidden: {Family: FamilyMessages}, MessageUnhidden: {Family: FamilyMessages},
	MessageRead: {},
	InboxAdded:  {}, InboxRead: {},
}

// Lookup returns what the catalogue says of action.
func Lookup(action string) (Info, bool) {
	i, ok := catalogue[action]
	return i, ok
}

// Known reports whether action is in the catalogue.
func Known(action string) bool {
	_, ok := catalogue[action]
	return ok
}

// All returns every action, sorted.
func All() []string {
	out := make([]string, 0, len(catalogue))
	for a := range catalogue {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// ApprovalDecided is the action of an approval decided with status
// (approved, changes_requested, cancelled).
func ApprovalDecided(status string) string {
	switch status {
	case "approved":
		return ApprovalApproved
	case "changes_requested":
		return ApprovalChanges
	default:
		return ApprovalCancelled
	}
}
