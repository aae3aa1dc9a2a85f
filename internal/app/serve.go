package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ShutdownBudget is how long a SIGTERM may take (security guide point 25):
// in-flight requests first, then the running jobs, in the same budget.
const ShutdownBudget = 25 * time.Second

// Serve runs the API on ln and the River workers until ctx ends (SIGTERM),
// then stops in order: it stops accepting and lets in-flight requests
// finish, then stops River gracefully, so a job running at the signal
// completes. River's start context is detached from ctx on purpose: a
// cancelled start context makes River cancel the running jobs' contexts,
// which would leave an email half-sent or a file half-purged. Only when
// the budget runs out are the remaining jobs cancelled; River then records
// them as errored and retries them, as it does after a crash.
func (p *Portal) Serve(ctx context.Context, srv *http.Server, ln net.Listener, budget time.Duration, log *slog.Logger) error {
	if err := p.River.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start workers: %w", err)
	}
	// The live hub stops with the server: its streams end at Shutdown (the
	// browsers reconnect elsewhere with Last-Event-ID) instead of holding
	// the drain for the whole budget.
	go p.Live.Run(ctx)
	srv.RegisterOnShutdown(p.Live.Shutdown)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	var serveErr error
	select {
	case serveErr = <-errc:
		// The listener failed: still stop River in order below.
	case <-ctx.Done():
		log.Info("shutting down: draining requests, then jobs", "budget", budget)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), budget)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("HTTP shutdown", "err", err)
	}
	if err := p.River.Stop(sctx); err != nil {
		log.Warn("jobs still running at the end of the shutdown budget: cancelled, River will retry them", "err", err)
		hctx, hcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer hcancel()
		if err := p.River.StopAndCancel(hctx); err != nil {
			log.Warn("river stop and cancel", "err", err)
		}
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}
