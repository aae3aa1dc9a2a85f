package httpapi

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/google/uuid"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyPrincipal
	keyClientIP
	keyUserAgent
	keyLogger
)

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID      uuid.UUID
	Email       string
	Name        string
	Locale      string
	SessionHash []byte
}

// RequestID returns the request's ID (also sent as X-Request-ID).
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(keyRequestID).(string)
	return s
}

// PrincipalFrom returns the logged-in caller, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(keyPrincipal).(*Principal)
	return p
}

// WithPrincipal is used by the session middleware (and tests).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, keyPrincipal, p)
}

// RequireUser returns the caller or a 401 problem.
func RequireUser(ctx context.Context) (*Principal, error) {
	if p := PrincipalFrom(ctx); p != nil {
		return p, nil
	}
	return nil, Err(CodeUnauthenticated, "log in first")
}

// ClientIP is the caller's address: X-Forwarded-For's last untrusted hop
// when the peer is a trusted proxy (the Next.js server), else the peer.
func ClientIP(ctx context.Context) string {
	s, _ := ctx.Value(keyClientIP).(string)
	return s
}

// loggerFrom returns the API's logger stored in the request context, so
// the process-wide huma hooks log where the API that served the request does.
func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(keyLogger).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// UserAgent of the request, for the sessions list.
func UserAgent(ctx context.Context) string {
	s, _ := ctx.Value(keyUserAgent).(string)
	return s
}

func clientIP(r *http.Request, trusted []*net.IPNet) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	isTrusted := func(h string) bool {
		ip := net.ParseIP(h)
		if ip == nil {
			return false
		}
		for _, n := range trusted {
			if n.Contains(ip) {
				return true
			}
		}
		return false
	}
	if !isTrusted(host) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		if !isTrusted(h) {
			return h
		}
		host = h
	}
	return host
}
