// Package db owns the PostgreSQL side of Parvis: the embedded migrations,
// role bootstrap, the connection pool and the tenant-scoped transaction
// helper every feature package goes through.
package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parvis/parvis/internal/db/dbq"
)

// Roles created by `parvis migrate` (or by the operator beforehand).
const (
	OwnerRole = "parvis_owner"
	AppRole   = "parvis_app"
)

// Scope is the tenant context of one transaction. Row-level security
// policies read it through app_workspace_id(), app_user_id() and app_role().
// The zero Scope sees no tenant rows at all.
type Scope struct {
	WorkspaceID uuid.UUID
	UserID      uuid.UUID
	Role        string // "admin" or "client"; empty outside a workspace
	// Invitation is the hex SHA-256 of an invitation token, letting an
	// anonymous caller read exactly that invitation.
	Invitation string
	// Purpose is set by SystemScope only; it reaches the database as
	// app.purpose, for the logs of whoever investigates.
	Purpose Purpose
}

// Purpose names why the server acts in a workspace without a user. Each
// value is one deliberate use of SystemScope; scope_test.go lists who uses
// which, so a new one is a reviewed choice, not a copy-paste.
type Purpose string

// The system's reasons to act in a workspace.
const (
	// PurposeFileJobs: thumbnails, expired uploads, purging the trash.
	PurposeFileJobs Purpose = "file-jobs"
	// PurposeMailOutbox: sending a queued email and recording the outcome.
	PurposeMailOutbox Purpose = "mail-outbox"
	// PurposeAccountEmail: queueing an account email (reset, email change)
	// with the branding of the user's workspace.
	PurposeAccountEmail Purpose = "account-email"
	// PurposeInvitation: accepting an invitation, whose caller is not a
	// member yet.
	PurposeInvitation Purpose = "invitation"
	// PurposePayments: a Stripe webhook (verified with the workspace's
	// signing secret) and the payment jobs (processing events, expiring
	// sessions and overdue requests, fetching receipts).
	PurposePayments Purpose = "payments"
	// PurposeNotifications: the notify jobs (recipients, preferences,
	// digests) and a verified one-click unsubscribe link.
	PurposeNotifications Purpose = "notifications"
)

// SystemScope is the one scope for work done without a user: bound to one
// workspace, with no user and no invitation. Row-level security knows two
// roles, and the system needs to read and write the workspace's rows
// whoever created them, so it acts with the admin role of that workspace
// only — never another, never as a person (app_user_id() is NULL, so no
// "own rows" policy matches it).
func SystemScope(workspaceID uuid.UUID, p Purpose) Scope {
	if workspaceID == uuid.Nil || p == "" {
		// A system scope without a workspace would see nothing; without a
		// purpose it escapes the review. Both are programming errors.
		panic("db.SystemScope: workspace and purpose are required")
	}
	return Scope{WorkspaceID: workspaceID, Role: "admin", Purpose: p}
}

// Limits every pooled session starts with, so that a slow query, a lock
// held by someone else (a row lock, the board's advisory lock) or a
// transaction left open cannot hold a connection forever. Each can be
// changed in DATABASE_URL (e.g. ?lock_timeout=2s).
const (
	StatementTimeout         = 15 * time.Second
	LockTimeout              = 5 * time.Second
	IdleInTransactionTimeout = 60 * time.Second
)

// ParseConfig reads a pool configuration from url and adds the session
// limits the URL does not set itself. They are startup parameters rather
// than ALTER ROLE settings because the migrating role may not alter the
// app role, and so that tests run with the same limits as production.
func ParseConfig(url string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	for name, d := range map[string]time.Duration{
		"statement_timeout": StatementTimeout, "lock_timeout": LockTimeout,
		"idle_in_transaction_session_timeout": IdleInTransactionTimeout,
	} {
		if _, set := cfg.ConnConfig.RuntimeParams[name]; !set {
			cfg.ConnConfig.RuntimeParams[name] = fmt.Sprintf("%dms", d.Milliseconds())
		}
	}
	cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		RegisterUUID(c.TypeMap())
		return nil
	}
	return cfg, nil
}

// Open connects a pool (with the session limits) and checks the server answers.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := ParseConfig(url)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	return pool, nil
}

// Tx runs fn in one transaction with the scope set transaction-locally
// (set_config(..., true)), so nothing leaks to the next user of the pooled
// connection. fn's error rolls everything back, including River jobs
// inserted with InsertTx.
//
// BEGIN and the scope travel in one round trip (pgx's Batch.BeginTx), and
// the transaction is a DeferTx: writes queued with its Later ride on the
// next statement or on the COMMIT.
func Tx(ctx context.Context, pool *pgxpool.Pool, scope Scope, fn func(tx pgx.Tx, q *dbq.Queries) error) error {
	return Run(ctx, pool, func(conn *pgx.Conn) (*DeferTx, error) {
		b := &pgx.Batch{}
		b.BeginTx(pgx.TxOptions{})
		b.Queue(setScopeSQL, scopeArgs(scope)...)
		br := conn.SendBatch(ctx, b)
		x := NewDeferTx(br.Tx())
		if err := br.Close(); err != nil {
			return x, fmt.Errorf("set tenant scope: %w", err)
		}
		return x, fn(x, dbq.New(x))
	})
}

// Run runs body on a connection of pool. body begins the transaction in
// its first batch (Batch.BeginTx: no round trip of its own) and returns
// it, nil when it sent nothing. The transaction is committed when body
// succeeds, else rolled back, also on a panic; then the connection goes
// back to the pool. A statement after a successful COMMIT that failed
// (ErrAfterCommit: a live NOTIFY) is logged, not returned: the change is
// saved, and the streams catch up on the next event or on reconnect.
func Run(ctx context.Context, pool *pgxpool.Pool, body func(conn *pgx.Conn) (*DeferTx, error)) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	defer func() {
		if v := recover(); v != nil {
			// body panicked: roll back before the connection goes back
			// (a connection still busy is closed by Release instead).
			if pc := c.Conn().PgConn(); pc.TxStatus() != 'I' && !pc.IsBusy() {
				_, _ = c.Conn().Exec(context.WithoutCancel(ctx), "ROLLBACK")
			}
			panic(v)
		}
	}()
	x, err := body(c.Conn())
	if x == nil {
		return err
	}
	if err != nil {
		_ = x.Rollback(context.WithoutCancel(ctx))
		return err
	}
	err = x.Commit(ctx)
	if errors.Is(err, ErrAfterCommit) {
		slog.WarnContext(ctx, "after commit", "err", err)
		return nil
	}
	return err
}

const setScopeSQL = `SELECT set_config('app.workspace_id', $1, true), set_config('app.user_id', $2, true),
		        set_config('app.role', $3, true), set_config('app.invitation', $4, true),
		        set_config('app.purpose', $5, true)`

func scopeArgs(s Scope) []any {
	str := func(id uuid.UUID) string {
		if id == uuid.Nil {
			return ""
		}
		return id.String()
	}
	return []any{str(s.WorkspaceID), str(s.UserID), s.Role, s.Invitation, string(s.Purpose)}
}

// SetScope (re)sets the tenant settings inside a running transaction; used
// when a flow learns its workspace midway (accepting an invitation).
func SetScope(ctx context.Context, tx pgx.Tx, s Scope) error {
	if _, err := tx.Exec(ctx, setScopeSQL, scopeArgs(s)...); err != nil {
		return fmt.Errorf("set tenant scope: %w", err)
	}
	return nil
}

// IsNotFound reports whether err is "no rows".
func IsNotFound(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// IsUniqueViolation reports whether err is a unique constraint violation,
// optionally of the named constraint.
func IsUniqueViolation(err error, constraint string) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23505" {
		return false
	}
	return constraint == "" || pe.ConstraintName == constraint
}

// IsForeignKeyViolation reports whether err is a foreign key violation.
func IsForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}
