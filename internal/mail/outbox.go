package mail

import (
	"context"
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
}

// Enqueue renders o with the workspace's branding, stores it and inserts
// its delivery job in tx: the email exists exactly when the change that
// caused it commits. The transaction's scope must be o.WorkspaceID.
func Enqueue(ctx context.Context, tx pgx.Tx, rc *river.Client[pgx.Tx], now time.Time, o Outgoing) error {
	q := dbq.New(tx)
	ws, err := q.GetWorkspace(ctx, o.WorkspaceID)
	if err != nil {
		return fmt.Errorf("email branding: %w", err)
	}
	html, text, err := Render(Branding{WorkspaceName: ws.Name, SenderName: ws.SenderName, AccentColor: ws.AccentColor}, o.Locale, o.Content)
	if err != nil {
		return err
	}
	id, err := q.CreateEmail(ctx, dbq.CreateEmailParams{
		WorkspaceID: o.WorkspaceID, Kind: o.Kind, ToAddress: o.To, FromName: ws.SenderName,
		Subject: o.Content.Subject, HtmlBody: html, TextBody: text, Sensitive: o.Sensitive, CreatedAt: now,
	})
	if err != nil {
		return fmt.Errorf("store email: %w", err)
	}
	if _, err := rc.InsertTx(ctx, tx, SendArgs{EmailID: id, WorkspaceID: o.WorkspaceID}, nil); err != nil {
		return fmt.Errorf("queue email: %w", err)
	}
	return nil
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
			Subject: e.Subject, HTML: e.HtmlBody, Text: e.TextBody, Date: e.CreatedAt}
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
