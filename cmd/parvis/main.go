// Command parvis is the whole Parvis server in one binary:
//
//	parvis serve          API + background workers
//	parvis migrate        create roles (when allowed) and migrate the schema
//	parvis seed --demo    add the demo workspace, users and projects
//	parvis openapi        print the OpenAPI 3.1 document
//	parvis help           the usage
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
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
	err := run(os.Args[1:], os.Stdout)
	if errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "parvis:", err)
		os.Exit(1)
	}
}

const usage = `usage: parvis <command>

  serve          run the API and the background workers (needs DATABASE_URL)
  migrate        create the roles when allowed, then migrate the schema
                 (PARVIS_MIGRATE_DATABASE_URL, default DATABASE_URL)
  seed --demo    add the demo workspace, users and projects
  openapi        print the OpenAPI 3.1 document (no database needed)
  help           print this help

Every setting comes from the environment; see README.md "Configuration".`

// errUsage means the command line was wrong; main prints the usage.
var errUsage = errors.New("usage")

// run executes one command. Help and unknown commands are answered before
// the configuration is read: asking for help must not need a database.
func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		_, err := fmt.Fprintln(stdout, usage)
		return err
	case "openapi":
		return dumpOpenAPI(stdout)
	case "serve", "migrate", "seed":
	default:
		return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal the default behaviour comes back: a second
	// Ctrl-C ends a shutdown that takes too long.
	context.AfterFunc(ctx, stop)
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	// Packages without a logger of their own (db) log through it too.
	slog.SetDefault(log)

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
	default:
		return serve(ctx, cfg, log)
	}
}

func newLogger(cfg *config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

func dumpOpenAPI(stdout io.Writer) error {
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
	_, err = stdout.Write(append(b, '\n'))
	return err
}

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	pool, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := app.CheckDatabase(ctx, pool, cfg); err != nil {
		return err
	}
	p, err := app.Build(cfg, pool, log, app.Sender(cfg), time.Now)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           p.Server.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on PARVIS_ADDR: %w", err)
	}
	log.Info("parvis listening", "addr", cfg.Addr, "public_url", cfg.PublicURL.String(), "mail", cfg.Mail.Driver)
	return p.Serve(ctx, srv, ln, app.ShutdownBudget, log)
}
