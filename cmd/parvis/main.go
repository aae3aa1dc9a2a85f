// Command parvis is the whole Parvis server in one binary:
//
//	parvis serve          API + background workers
//	parvis migrate        create roles (when allowed) and migrate the schema
//	parvis seed --demo    add the demo workspace, users and projects
//	parvis openapi        print the OpenAPI 3.1 document
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/seed"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "parvis:", err)
		os.Exit(1)
	}
}

const usage = "usage: parvis serve | migrate | seed --demo | openapi"

func run(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if args[0] == "openapi" {
		return dumpOpenAPI()
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg)

	switch args[0] {
	case "migrate":
		return db.Migrate(ctx, cfg.MigrateDatabaseURL, cfg.AppRolePassword, log)
	case "seed":
		fs := flag.NewFlagSet("seed", flag.ContinueOnError)
		demo := fs.Bool("demo", false, "add the demo workspace")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if !*demo {
			return errors.New("usage: parvis seed --demo")
		}
		pool, err := db.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return err
		}
		defer pool.Close()
		return seed.Demo(ctx, pool, log, time.Now)
	case "serve":
		return serve(ctx, cfg, log)
	}
	return errors.New(usage)
}

func newLogger(cfg *config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

func dumpOpenAPI() error {
	// The committed document is the development build's: it includes the
	// dev mailbox route. No database is needed to describe the API.
	cfg, err := config.Load(func(k string) string {
		if k == "DATABASE_URL" {
			return "postgres://openapi@localhost/openapi"
		}
		return ""
	})
	if err != nil {
		return err
	}
	p, err := app.Build(cfg, nil, slog.New(slog.DiscardHandler), app.Sender(cfg), time.Now)
	if err != nil {
		return err
	}
	b, err := p.Server.API.OpenAPI().MarshalJSON()
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(b, '\n'))
	return err
}

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	pool, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	p, err := app.Build(cfg, pool, log, app.Sender(cfg), time.Now)
	if err != nil {
		return err
	}
	if err := p.StartWorkers(ctx); err != nil {
		return fmt.Errorf("start workers: %w", err)
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           p.Server.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() {
		log.Info("parvis listening", "addr", cfg.Addr, "public_url", cfg.PublicURL.String(), "mail", cfg.Mail.Driver)
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// SIGTERM: stop accepting, let in-flight requests finish (25 s), then
	// let River finish its running jobs.
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	shutErr := srv.Shutdown(sctx)
	if err := p.River.Stop(sctx); err != nil {
		log.Warn("river stop", "err", err)
	}
	return shutErr
}
