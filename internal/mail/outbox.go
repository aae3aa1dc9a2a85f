package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// SendArgs is the River job that delivers one stored email. Arguments are
// IDs only: river_job has no row-level security.
type SendArgs struct {
	EmailID     uuid.UUID `json:"email_id"`
	WorkspaceID uuid.UUID `json:"workspace_id"`
}

// Kind implements river.JobArgs.
func (SendArgs) Kind() string { return "mail.send" }

// InsertOpts retries for about a day with River's backoff.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: "mail", MaxAttempts: 15}
}

// Outgoing is one email to queue.
type Outgoing struct {
	WorkspaceID uuid.UUID
	Kind        string // invitation, password_reset, email_changed, …
	To          string
	Locale      string
	Content     Content
	// Sensitive emails carry a secret link: their bodies are wiped once sent.
	Sensitive bool
	// Headers and Thread: see Message. Notifications set them; account
	// emails (reset, security) stay transactional without.
	Headers map[string]string
	Thread  string
	// LogoURL is where mail clients fetch the workspace's logo (public).
	LogoURL string
}

// Enqueue renders o with the workspace's branding, stores it and inserts
// its delivery job in tx: the email exists exactly when the change that
// caused it commits. The transaction's scope must be o.WorkspaceID.
func Enqueue(ctx context.Context, tx pgx.Tx, rc *river.Client[pgx.Tx], now time.Time, o Outgoing) error {
	_, err := EnqueueID(ctx, tx, rc, now, o)
	return err
}

// EnqueueID is Enqueue returning the stored email's id.
func EnqueueID(ctx context.Context, tx pgx.Tx, rc *river.Client[pgx.Tx], now time.Time, o Outgoing) (uuid.UUID, error) {
	q := dbq.New(tx)
	ws, err := q.GetWorkspace(ctx, o.WorkspaceID)
	if err != nil {
		return uuid.Nil, fmt.Errorf("email branding: %w", err)
	}
	b := Branding{WorkspaceName: ws.Name, SenderName: ws.SenderName, AccentColor: ws.AccentColor}
	if ws.Logo != nil {
		b.LogoURL = o.LogoURL
	}
	html, text, err := Render(b, o.Locale, o.Content)
	if err != nil {
		return uuid.Nil, err
	}
	headers := []byte("{}")
	if len(o.Headers) > 0 {
		if headers, err = json.Marshal(o.Headers); err != nil {
			return uuid.Nil, err
		}
	}
	id, err := q.CreateEmail(ctx, dbq.CreateEmailParams{
		WorkspaceID: o.WorkspaceID, Kind: o.Kind, ToAddress: o.To, FromName: ws.SenderName,
		Subject: o.Content.Subject, HtmlBody: html, TextBody: text, Sensitive: o.Sensitive, CreatedAt: now,
		Headers: headers, Thread: o.Thread,
	})
	if err != nil {
		return uuid.Nil, fmt.Errorf("store email: %w", err)
	}
	if _, err := rc.InsertTx(ctx, tx, SendArgs{EmailID: id, WorkspaceID: o.WorkspaceID}, nil); err != nil {
		return uuid.Nil, fmt.Errorf("queue email: %w", err)
	}
	return id, nil
}

// SendWorker delivers stored emails.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	Pool        *pgxpool.Pool
	Sender      Sender
	FromAddress string
	Now         func() time.Time
}

// Work sends the email unless it was already sent (a retried job after a
// crash between sending and recording is the only way to send twice).
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	scope := db.SystemScope(job.Args.WorkspaceID, db.PurposeMailOutbox)
	var msg *Message
	err := db.Tx(ctx, w.Pool, scope, func(tx pgx.Tx, q *dbq.Queries) error {
		e, err := q.GetEmailForUpdate(ctx, job.Args.EmailID)
		if db.IsNotFound(err) {
			return nil // workspace deleted since: nothing to send
		}
		if err != nil {
			return err
		}
		if e.SentAt != nil {
			return nil
		}
		msg = &Message{ID: e.ID.String(), FromName: e.FromName, FromAddress: w.FromAddress, To: e.ToAddress,
			Subject: e.Subject, HTML: e.HtmlBody, Text: e.TextBody, Date: e.CreatedAt, Thread: e.Thread}
		if len(e.Headers) > 2 {
			if err := json.Unmarshal(e.Headers, &msg.Headers); err != nil {
				return fmt.Errorf("email headers: %w", err)
			}
		}
		return nil
	})
	if err != nil || msg == nil {
		return err
	}
	if sendErr := w.Sender.Send(ctx, *msg); sendErr != nil {
		_ = db.Tx(ctx, w.Pool, scope, func(_ pgx.Tx, q *dbq.Queries) error {
			s := sendErr.Error()
			return q.MarkEmailFailed(ctx, dbq.MarkEmailFailedParams{ID: job.Args.EmailID, Error: &s})
		})
		return sendErr
	}
	return db.Tx(ctx, w.Pool, scope, func(_ pgx.Tx, q *dbq.Queries) error {
		return q.MarkEmailSent(ctx, dbq.MarkEmailSentParams{ID: job.Args.EmailID, Now: w.Now()})
	})
}
