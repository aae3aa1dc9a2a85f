package ticket

import (
	"github.com/parvis/parvis/internal/httpapi"
)

// Statuses of a request, as stored and sent; the UI says them in French.
const (
	StatusNew            = "new"             // Nouveau: the admin decides
	StatusClarify        = "clarify"         // À clarifier: the client answers in the thread
	StatusRefused        = "refused"         // Refusé (by the admin, or the client refused the price)
	StatusAccepted       = "accepted"        // Accepté: a task exists
	StatusPriced         = "priced"          // Payant: the client accepts or refuses the price
	StatusPaymentPending = "payment_pending" // En attente de paiement
	StatusPaid           = "paid"            // Payé: a task exists
	StatusDuplicate      = "duplicate"       // Doublon of another request
)

// Action is a transition of the state machine.
type Action string

// Actions. Admin decisions, the client's answer to a price, and the
// payment (done by the billing module through MarkPaid).
const (
	ActClarify     Action = "clarify"
	ActRefuse      Action = "refuse"
	ActAccept      Action = "accept"
	ActPrice       Action = "price"
	ActDuplicate   Action = "duplicate"
	ActReopen      Action = "reopen"
	ActAcceptPrice Action = "accept_price"
	ActRefusePrice Action = "refuse_price"
	ActPaid        Action = "paid"
	// ActPaymentClosed is the system giving a request back to « Payant »
	// when its payment request was cancelled or expired unpaid: the client
	// may accept the price again (a new payment request) or refuse it, the
	// admin may change the price or refuse the request.
	ActPaymentClosed Action = "payment_closed"
	// ActAnswer is the client commenting on a request « À clarifier »: the
	// question is answered, the request goes back to the admin.
	ActAnswer Action = "answer"
)

// Who may make a transition.
type actor int

const (
	byAdmin actor = iota
	byClient
	bySystem
)

type transition struct {
	from []string
	to   string
	by   actor
}

// machine is the whole state machine: every transition, from which
// statuses, to which, by whom. Anything not here is refused, and a refused
// transition changes nothing.
var machine = map[Action]transition{
	ActClarify:     {from: []string{StatusNew}, to: StatusClarify, by: byAdmin},
	ActRefuse:      {from: []string{StatusNew, StatusClarify, StatusPriced}, to: StatusRefused, by: byAdmin},
	ActAccept:      {from: []string{StatusNew, StatusClarify}, to: StatusAccepted, by: byAdmin},
	ActPrice:       {from: []string{StatusNew, StatusClarify, StatusPriced}, to: StatusPriced, by: byAdmin},
	ActDuplicate:   {from: []string{StatusNew, StatusClarify}, to: StatusDuplicate, by: byAdmin},
	ActReopen:      {from: []string{StatusRefused, StatusDuplicate}, to: StatusNew, by: byAdmin},
	ActAcceptPrice: {from: []string{StatusPriced}, to: StatusPaymentPending, by: byClient},
	ActRefusePrice: {from: []string{StatusPriced}, to: StatusRefused, by: byClient},
	// Money received is the client's word: paid from « Payant » too, when
	// an old Checkout session is paid after its request was closed.
	ActPaid:          {from: []string{StatusPaymentPending, StatusPriced}, to: StatusPaid, by: bySystem},
	ActPaymentClosed: {from: []string{StatusPaymentPending}, to: StatusPriced, by: bySystem},
	ActAnswer:        {from: []string{StatusClarify}, to: StatusNew, by: byClient},
}

// Next is the status a transition leads to from status, for a caller of
// the given role ("" for the system): a 403 when the role may not make it
// at all, a 409 request_transition when the status does not allow it.
func Next(status string, a Action, role string) (string, error) {
	tr, ok := machine[a]
	if !ok {
		return "", httpapi.FieldErr(httpapi.CodeInvalidInput, "body.action", "unknown action", string(a))
	}
	switch tr.by {
	case byAdmin:
		if role != httpapi.RoleAdmin {
			return "", httpapi.Forbidden()
		}
	case byClient:
		if role != httpapi.RoleClient {
			return "", httpapi.Err(httpapi.CodeClientOnly, "only the client answers this")
		}
	case bySystem:
		if role != "" {
			return "", httpapi.Forbidden()
		}
	}
	for _, f := range tr.from {
		if f == status {
			return tr.to, nil
		}
	}
	return "", httpapi.Err(httpapi.CodeRequestTransition, "this request is "+status+": "+string(a)+" is not possible")
}

// Actions lists what a caller of role may do to a request in status (for
// the UI's buttons; the server checks again).
func Actions(status, role string) []string {
	out := []string{}
	for _, a := range []Action{ActClarify, ActRefuse, ActAccept, ActPrice, ActDuplicate, ActReopen, ActAcceptPrice, ActRefusePrice} {
		if _, err := Next(status, a, role); err == nil {
			out = append(out, string(a))
		}
	}
	return out
}

// Undecided says whether a request waits on a decision (board column
// « Demandes client », triage).
func Undecided(status string) bool { return status == StatusNew || status == StatusClarify }
