// Package app is Parvis's composition root: it wires configuration, the
// database pool, River workers and every feature package into one API.
// main and the integration tests both build the portal through it.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/parvis/parvis/internal/approval"
	"github.com/parvis/parvis/internal/auth"
	"github.com/parvis/parvis/internal/billing"
	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/board"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/file"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/live"
	"github.com/parvis/parvis/internal/mail"
	"github.com/parvis/parvis/internal/mailpreview"
	"github.com/parvis/parvis/internal/message"
	"github.com/parvis/parvis/internal/note"
	"github.com/parvis/parvis/internal/notify"
	"github.com/parvis/parvis/internal/project"
	"github.com/parvis/parvis/internal/ticket"
	"github.com/parvis/parvis/internal/workspace"
)

// Portal is a built Parvis: the API and its job client.
type Portal struct {
	Deps   *httpapi.Deps
	Server *httpapi.Server
	River  *river.Client[pgx.Tx]
	Sender mail.Sender
	// Payments is the billing handler; the coordinator wires its
	// OnTicketPaid hook to the tickets module.
	Payments *billing.Handler
	// Live is the process's hub of live streams (its one LISTEN
	// connection); StartWorkers and Serve run it.
	Live *live.Hub
	// Notifier is the email notifications module (tests run its jobs).
	Notifier *notify.Notifier
}

// Option adjusts Build; only tests use one.
type Option func(*options)

type options struct {
	wrapStore func(blob.Store) blob.Store
}

// WrapStore puts f's store between the portal and the configured blob
// driver, for tests that observe or interfere with storage.
func WrapStore(f func(blob.Store) blob.Store) Option {
	return func(o *options) { o.wrapStore = f }
}

// Sender picks the mail driver the configuration names.
func Sender(cfg *config.Config) mail.Sender {
	if cfg.Mail.Driver == "smtp" {
		return &mail.SMTP{Host: cfg.Mail.SMTPHost, Port: cfg.Mail.SMTPPort, Username: cfg.Mail.SMTPUser, Password: cfg.Mail.SMTPPass, TLS: cfg.Mail.SMTPTLS}
	}
	return &mail.DevMailbox{Dir: cfg.Mail.DevDir}
}

// Build wires the portal. pool may be nil only to dump the OpenAPI
// document; now is the clock (time.Now outside tests).
func Build(cfg *config.Config, pool *pgxpool.Pool, log *slog.Logger, sender mail.Sender, now func() time.Time, opts ...Option) (*Portal, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	d := &httpapi.Deps{Pool: pool, Config: cfg, Log: log, Now: now}
	workers := river.NewWorkers()
	river.AddWorker(workers, &mail.SendWorker{Pool: pool, Sender: sender, FromAddress: cfg.Mail.FromAddress, Now: now})
	river.AddWorker(workers, &auth.CleanupWorker{Pool: pool, Now: now})
	store, err := Storage(cfg, now)
	if err != nil {
		return nil, err
	}
	driver := store
	if o.wrapStore != nil {
		store = o.wrapStore(store)
	}
	river.AddWorker(workers, &file.ThumbnailWorker{Pool: pool, Store: store})
	river.AddWorker(workers, &file.ExpireUploadWorker{Pool: pool, Store: store, Now: now})
	river.AddWorker(workers, &file.PurgeWorker{Pool: pool, Store: store, Now: now})
	river.AddWorker(workers, &file.SweepAttachmentsWorker{Pool: pool, Store: store, Now: now})
	secret, err := ServerSecret(cfg)
	if err != nil {
		return nil, err
	}
	payments := billing.New(d, secret)
	payments.AddWorkers(workers)
	river.AddWorker(workers, &live.PruneWorker{D: d})
	// The live stream hears every announced change in its transaction.
	d.Hooks = append(d.Hooks, live.Hook)
	hub := live.NewHub(pool, log, now)
	notifier := notify.New(d, secret)
	// A message read in the portal within the delay is not emailed.
	notifier.UseReadState("messages", message.ReadState{})
	river.AddWorker(workers, &notify.Worker{N: notifier})
	river.AddWorker(workers, &notify.DigestWorker{N: notifier})
	river.AddWorker(workers, &notify.InboxWorker{N: notifier})
	d.Hooks = append(d.Hooks, notifier.Hook)

	if pool != nil {
		rc, err := newRiver(pool, log, workers)
		if err != nil {
			return nil, err
		}
		d.River = rc
	}

	a := auth.New(d)
	srv := httpapi.NewAPI(d, a)
	a.Register(srv.API)
	workspace.New(d, a).Register(srv.API)
	project.New(d).Register(srv.API)
	file.New(d, store).Register(srv.API)
	if h, ok := driver.(*blob.Local); ok {
		srv.Handle(blob.LocalPrefix, h)
	}
	boards := board.New(d)
	boards.Register(srv.API)
	ticket.New(d, boards).WithPayments(payments).Register(srv.API)
	payments.OnTicketPaid = ticket.MarkPaid
	payments.OnTicketPaymentClosed = ticket.PaymentClosed
	approval.New(d).Register(srv.API)
	note.New(d).Register(srv.API)
	message.New(d).Register(srv.API)
	live.New(d, hub, cfg.LiveMaxAge).Register(srv.API)
	payments.Register(srv.API, srv)
	notifier.Register(srv.API)
	notifier.RegisterInbox(srv.API)
	srv.Handle(notify.UnsubscribePattern, http.HandlerFunc(notifier.ServeUnsubscribe))
	notifier.RegisterBounces(srv.API)
	srv.Handle(notify.BouncePattern, http.HandlerFunc(notifier.ServeBounce))
	if box, ok := sender.(*mail.DevMailbox); ok {
		mail.RegisterDevMailbox(srv.API, box, fromLoopback)
		mailpreview.Register(srv.API, &mailpreview.Renderer{Pool: pool, Notifier: notifier, Link: cfg.Link}, fromLoopback)
	}
	return &Portal{Deps: d, Server: srv, River: d.River, Sender: sender, Payments: payments, Live: hub, Notifier: notifier}, nil
}

// fromLoopback says whether the request's client (the peer, or the address
// the trusted gateway forwarded) is on this machine.
func fromLoopback(ctx context.Context) bool {
	ip := net.ParseIP(httpapi.ClientIP(ctx))
	return ip != nil && ip.IsLoopback()
}

// ServerSecret is the root of the keys that seal workspaces' Stripe
// secrets and sign unsubscribe links: PARVIS_SECRET_KEY, or in
// development a random one kept next to the blobs' directory.
func ServerSecret(cfg *config.Config) ([]byte, error) {
	if cfg.Payments.SecretKey != nil {
		return cfg.Payments.SecretKey, nil
	}
	secret, err := blob.DevSecret(filepath.Join(filepath.Dir(filepath.Clean(cfg.Storage.Dir)), "secret-key"))
	if err != nil {
		return nil, fmt.Errorf("dev secret: %w", err)
	}
	return secret, nil
}

// Storage opens the blob driver the configuration names. The local driver
// signs with PARVIS_STORAGE_SECRET, or in development with a random secret
// kept next to the blobs' directory.
func Storage(cfg *config.Config, now func() time.Time) (blob.Store, error) {
	sc := cfg.Storage
	if sc.Driver == "s3" {
		return blob.NewS3(blob.S3Config{Endpoint: sc.S3Endpoint, Region: sc.S3Region, Bucket: sc.S3Bucket,
			AccessKey: sc.S3AccessKey, SecretKey: sc.S3SecretKey, PathStyle: sc.S3PathStyle})
	}
	secret := sc.Secret
	if secret == nil {
		var err error
		if secret, err = blob.DevSecret(filepath.Join(filepath.Dir(filepath.Clean(sc.Dir)), "blob-secret")); err != nil {
			return nil, err
		}
	}
	return blob.NewLocal(sc.Dir, secret, now)
}

func newRiver(pool *pgxpool.Pool, log *slog.Logger, workers *river.Workers) (*river.Client[pgx.Tx], error) {
	rc, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: 4},
			"mail":             {MaxWorkers: 4},
		},
		Workers: workers,
		Logger:  log.With("component", "river"),
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) {
				return auth.CleanupArgs{}, nil
			}, &river.PeriodicJobOpts{RunOnStart: true}),
			// Payment requests past their due date become « Expiré » (each
			// also has its own scheduled job; this is the safety net).
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) {
				return billing.ExpirySweepArgs{}, nil
			}, &river.PeriodicJobOpts{RunOnStart: true}),
			// Attachment uploads whose form was abandoned (file.AbandonedAfter).
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) {
				return file.SweepAttachmentsArgs{}, nil
			}, nil),
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) {
				return live.PruneArgs{}, nil
			}, &river.PeriodicJobOpts{RunOnStart: true}),
			// Daily digests go out at each person's hour: look every 15 min.
			river.NewPeriodicJob(river.PeriodicInterval(15*time.Minute), func() (river.JobArgs, *river.InsertOpts) {
				return notify.DigestArgs{}, nil
			}, nil),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	return rc, nil
}

// StartWorkers runs River and the live hub until ctx ends.
func (p *Portal) StartWorkers(ctx context.Context) error {
	go p.Live.Run(ctx)
	return p.River.Start(ctx)
}
