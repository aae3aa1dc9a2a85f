package httpapi

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Code is a stable, machine-readable error code. Every code the API can
// send is declared here, once, with its HTTP status: the status of a
// problem follows from its code, the OpenAPI document lists the codes as
// the ErrorCode enum, and the web client's translations are typed by that
// enum (a code without a French and an English message fails the build).
type Code string

// Codes raised by huma or the middleware for a given status.
const (
	CodeBadRequest           Code = "bad_request"
	CodeUnauthenticated      Code = "unauthenticated"
	CodeForbidden            Code = "forbidden"
	CodeNotFound             Code = "not_found"
	CodeMethodNotAllowed     Code = "method_not_allowed"
	CodeNotAcceptable        Code = "not_acceptable"
	CodeConflict             Code = "conflict"
	CodeGone                 Code = "gone"
	CodeBodyTooLarge         Code = "body_too_large"
	CodeUnsupportedMediaType Code = "unsupported_media_type"
	CodeInvalidInput         Code = "invalid_input"
	CodeTooManyRequests      Code = "too_many_requests"
	CodeInternal             Code = "internal"
	CodeUnavailable          Code = "unavailable"
	CodeCrossOrigin          Code = "cross_origin"
	// CodeInvalidText is text PostgreSQL cannot store: a NUL character or
	// bytes that are not UTF-8 (security guide point 27).
	CodeInvalidText Code = "invalid_text"
	// CodeTextTooLong is a value the database refused as too long, when no
	// schema limit caught it first.
	CodeTextTooLong Code = "text_too_long"
	// CodeBusy is a write that waited too long for a lock, or lost a
	// deadlock: someone else is changing the same thing; try again.
	CodeBusy Code = "busy"
	// CodeTimeout is a request past its deadline or statement timeout.
	CodeTimeout Code = "timeout"
)

// Authentication and account codes.
const (
	CodeInvalidCredentials Code = "invalid_credentials"
	CodeTooManyAttempts    Code = "too_many_attempts"
	CodeWrongPassword      Code = "wrong_password"
	CodeEmailTaken         Code = "email_taken"
	CodePasswordTooShort   Code = "password_too_short"
	CodePasswordTooLong    Code = "password_too_long"
	CodePasswordTooCommon  Code = "password_too_common"
	CodeTokenInvalid       Code = "token_invalid"
	CodeTokenUsed          Code = "token_used"
	CodeTokenExpired       Code = "token_expired"
)

// Workspace, invitation and membership codes.
const (
	CodeInvitationInvalid    Code = "invitation_invalid"
	CodeInvitationUsed       Code = "invitation_used"
	CodeInvitationExpired    Code = "invitation_expired"
	CodeInvitationNotPending Code = "invitation_not_pending"
	CodeAlreadyMember        Code = "already_member"
	CodeCannotRemoveSelf     Code = "cannot_remove_self"
)

// Project work codes: phases, board, approvals.
const (
	CodeStalePhase         Code = "stale_phase"
	CodeUnknownPhase       Code = "unknown_phase"
	CodeTaskDeleted        Code = "task_deleted"
	CodeReasonRequired     Code = "reason_required"
	CodeTaskWaitingClient  Code = "task_waiting_client"
	CodeStaleOrder         Code = "stale_order"
	CodeNotDeleted         Code = "not_deleted"
	CodeUnknownFileVersion Code = "unknown_file_version"
	CodeCommentRequired    Code = "comment_required"
	CodeClientOnly         Code = "client_only"
	CodeAlreadyDecided     Code = "already_decided"
)

// File codes: folders and the upload pipeline's refusals.
const (
	CodeFolderExists       Code = "folder_exists"
	CodeInvalidFileName    Code = "invalid_file_name"
	CodeFileTypeNotAllowed Code = "file_type_not_allowed"
	CodeFileTooLarge       Code = "file_too_large"
	CodeQuotaExceeded      Code = "quota_exceeded"
	CodeTooManyUploads     Code = "too_many_uploads"
	CodeUploadNotReceived  Code = "upload_not_received"
	// CodeUploadConfirming is a confirm retried while another one (perhaps
	// one that crashed) still holds the upload's lease.
	CodeUploadConfirming    Code = "upload_confirming"
	CodeUploadIncomplete    Code = "upload_incomplete"
	CodeFileUnsafe          Code = "file_unsafe"
	CodeFileContentMismatch Code = "file_content_mismatch"
)

// Payment codes.
const (
	CodePaymentNotPending     Code = "payment_not_pending"
	CodePaymentsNotConfigured Code = "payments_not_configured"
	CodeStripeKeyInvalid      Code = "stripe_key_invalid"
	CodePaymentProviderError  Code = "payment_provider_error"
	CodeNotSimulated          Code = "not_simulated"
	// A secret key of the wrong kind (pk_…, anything but sk_/rk_).
	CodeStripeKeyFormat Code = "stripe_key_format"
	// A restricted key Stripe accepts but which may not read Checkout
	// sessions (so it could not make them either).
	CodeStripeKeyPermissions Code = "stripe_key_permissions"
	// A webhook signing secret that does not start with whsec_.
	CodeWebhookSecretInvalid Code = "webhook_secret_invalid"
)

// Client request (ticket) codes.
const (
	// CodeRequestTransition is a decision the request's current status
	// does not allow (accepting a refused request, answering a price
	// twice…): nothing changed.
	CodeRequestTransition Code = "request_transition"
	// CodeMessageRequired is a decision that must say something to the
	// client (the question to clarify, the reason of a refusal).
	CodeMessageRequired Code = "message_required"
	// CodePriceRequired is a « Payant » decision without a price or its
	// description.
	CodePriceRequired Code = "price_required"
	// CodeDuplicateInvalid is a « Doublon » that does not name another
	// request of the same project.
	CodeDuplicateInvalid Code = "duplicate_invalid"
	// CodeAttachmentInvalid is an attachment that is not a file the
	// caller uploaded for this project's requests, or is already attached.
	CodeAttachmentInvalid Code = "attachment_invalid"
	// CodeNotAuthor is an edit of someone else's comment, or of a
	// decision's message.
	CodeNotAuthor Code = "not_author"
)

// Messaging and live stream codes.
const (
	// CodeEditWindowClosed is an edit or a deletion of one's own message
	// more than 15 minutes after it was sent.
	CodeEditWindowClosed Code = "edit_window_closed"
	// CodeTooManyStreams is one live stream too many for one user.
	CodeTooManyStreams Code = "too_many_streams"
)

// codeTable is the one table from error code to HTTP status. Its order is
// the order of the OpenAPI enum.
var codeTable = []struct {
	code   Code
	status int
}{
	{CodeBadRequest, http.StatusBadRequest},
	{CodeUnauthenticated, http.StatusUnauthorized},
	{CodeForbidden, http.StatusForbidden},
	{CodeNotFound, http.StatusNotFound},
	{CodeMethodNotAllowed, http.StatusMethodNotAllowed},
	{CodeNotAcceptable, http.StatusNotAcceptable},
	{CodeConflict, http.StatusConflict},
	{CodeGone, http.StatusGone},
	{CodeBodyTooLarge, http.StatusRequestEntityTooLarge},
	{CodeUnsupportedMediaType, http.StatusUnsupportedMediaType},
	{CodeInvalidInput, http.StatusUnprocessableEntity},
	{CodeTooManyRequests, http.StatusTooManyRequests},
	{CodeInternal, http.StatusInternalServerError},
	{CodeUnavailable, http.StatusServiceUnavailable},
	{CodeCrossOrigin, http.StatusForbidden},
	{CodeInvalidText, http.StatusUnprocessableEntity},
	{CodeTextTooLong, http.StatusUnprocessableEntity},
	{CodeBusy, http.StatusConflict},
	{CodeTimeout, http.StatusServiceUnavailable},

	{CodeInvalidCredentials, http.StatusUnauthorized},
	{CodeTooManyAttempts, http.StatusTooManyRequests},
	{CodeWrongPassword, http.StatusUnprocessableEntity},
	{CodeEmailTaken, http.StatusUnprocessableEntity},
	{CodePasswordTooShort, http.StatusUnprocessableEntity},
	{CodePasswordTooLong, http.StatusUnprocessableEntity},
	{CodePasswordTooCommon, http.StatusUnprocessableEntity},
	{CodeTokenInvalid, http.StatusNotFound},
	{CodeTokenUsed, http.StatusGone},
	{CodeTokenExpired, http.StatusGone},

	{CodeInvitationInvalid, http.StatusNotFound},
	{CodeInvitationUsed, http.StatusGone},
	{CodeInvitationExpired, http.StatusGone},
	{CodeInvitationNotPending, http.StatusConflict},
	{CodeAlreadyMember, http.StatusUnprocessableEntity},
	{CodeCannotRemoveSelf, http.StatusConflict},

	{CodeStalePhase, http.StatusUnprocessableEntity},
	{CodeUnknownPhase, http.StatusUnprocessableEntity},
	{CodeTaskDeleted, http.StatusGone},
	{CodeReasonRequired, http.StatusUnprocessableEntity},
	{CodeTaskWaitingClient, http.StatusUnprocessableEntity},
	{CodeStaleOrder, http.StatusConflict},
	{CodeNotDeleted, http.StatusConflict},
	{CodeUnknownFileVersion, http.StatusUnprocessableEntity},
	{CodeCommentRequired, http.StatusUnprocessableEntity},
	{CodeClientOnly, http.StatusForbidden},
	{CodeAlreadyDecided, http.StatusConflict},

	{CodeFolderExists, http.StatusUnprocessableEntity},
	{CodeInvalidFileName, http.StatusUnprocessableEntity},
	{CodeFileTypeNotAllowed, http.StatusUnprocessableEntity},
	{CodeFileTooLarge, http.StatusUnprocessableEntity},
	{CodeQuotaExceeded, http.StatusUnprocessableEntity},
	{CodeTooManyUploads, http.StatusTooManyRequests},
	{CodeUploadNotReceived, http.StatusConflict},
	{CodeUploadConfirming, http.StatusConflict},
	{CodeUploadIncomplete, http.StatusUnprocessableEntity},
	{CodeFileUnsafe, http.StatusUnprocessableEntity},
	{CodeFileContentMismatch, http.StatusUnprocessableEntity},

	{CodePaymentNotPending, http.StatusConflict},
	{CodePaymentsNotConfigured, http.StatusConflict},
	{CodeStripeKeyInvalid, http.StatusUnprocessableEntity},
	{CodePaymentProviderError, http.StatusBadGateway},
	{CodeNotSimulated, http.StatusConflict},
	{CodeStripeKeyFormat, http.StatusUnprocessableEntity},
	{CodeStripeKeyPermissions, http.StatusUnprocessableEntity},
	{CodeWebhookSecretInvalid, http.StatusUnprocessableEntity},
	{CodeRequestTransition, http.StatusConflict},
	{CodeMessageRequired, http.StatusUnprocessableEntity},
	{CodePriceRequired, http.StatusUnprocessableEntity},
	{CodeDuplicateInvalid, http.StatusUnprocessableEntity},
	{CodeAttachmentInvalid, http.StatusUnprocessableEntity},
	{CodeNotAuthor, http.StatusForbidden},
	{CodeEditWindowClosed, http.StatusConflict},
	{CodeTooManyStreams, http.StatusTooManyRequests},
}

// Status is the HTTP status a problem with this code is sent with; an
// undeclared code is a programming error and answers 500.
func (c Code) Status() int {
	for _, e := range codeTable {
		if e.code == c {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// Codes lists every declared code, in table order.
func Codes() []Code {
	out := make([]Code, len(codeTable))
	for i, e := range codeTable {
		out[i] = e.code
	}
	return out
}

// codeForStatus names the code of an error huma raises by itself, where
// only the status is known.
func codeForStatus(status int) Code {
	switch status {
	case http.StatusBadRequest:
		return CodeBadRequest
	case http.StatusUnauthorized:
		return CodeUnauthenticated
	case http.StatusForbidden:
		return CodeForbidden
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusMethodNotAllowed:
		return CodeMethodNotAllowed
	case http.StatusNotAcceptable:
		return CodeNotAcceptable
	case http.StatusConflict:
		return CodeConflict
	case http.StatusGone:
		return CodeGone
	case http.StatusRequestEntityTooLarge:
		return CodeBodyTooLarge
	case http.StatusUnsupportedMediaType:
		return CodeUnsupportedMediaType
	case http.StatusUnprocessableEntity:
		return CodeInvalidInput
	case http.StatusTooManyRequests:
		return CodeTooManyRequests
	case http.StatusServiceUnavailable:
		return CodeUnavailable
	}
	if status >= 500 {
		return CodeInternal
	}
	return CodeBadRequest
}

// errorCodeSchema is the name of the enum in the OpenAPI document.
const errorCodeSchema = "ErrorCode"

// Schema makes Code a named string enum in the OpenAPI document, built
// from codeTable, so the web client derives its union type from it.
func (Code) Schema(r huma.Registry) *huma.Schema {
	if _, ok := r.Map()[errorCodeSchema]; !ok {
		enum := make([]any, 0, len(codeTable))
		for _, c := range Codes() {
			enum = append(enum, string(c))
		}
		r.Map()[errorCodeSchema] = &huma.Schema{
			Type:        huma.TypeString,
			Description: "Every error code the API can send; the HTTP status follows from the code.",
			Enum:        enum,
		}
	}
	return &huma.Schema{Ref: "#/components/schemas/" + errorCodeSchema}
}
