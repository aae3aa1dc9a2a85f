// Package mail sends Parvis's emails. A change that should email someone
// renders the message and stores it in the emails table inside its own
// transaction, together with a River job (Enqueue); the job's worker hands
// it to a Sender: SMTP in production, a mailbox folder in development.
package mail

import (
	"context"
	"fmt"
	"mime"
	"time"
)

// Message is one rendered email.
type Message struct {
	ID          string
	FromName    string
	FromAddress string
	To          string
	Subject     string
	HTML        string
	Text        string
	Date        time.Time
	// Headers are extra headers (List-Unsubscribe, List-Id, …), written in
	// sorted order; transactional emails have none.
	Headers map[string]string
	// Thread names the conversation the email belongs to ("request:<id>"):
	// In-Reply-To and References point to it so mail clients group a
	// request's or a project's emails.
	Thread string
}

// Sender delivers one message; it must be safe to call again for the same
// message after a failure (delivery is at least once).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// fromHeader encodes the display name (RFC 2047) so accents survive.
func fromHeader(name, addr string) string {
	if name == "" {
		return addr
	}
	return fmt.Sprintf("%s <%s>", mime.QEncoding.Encode("utf-8", name), addr)
}
