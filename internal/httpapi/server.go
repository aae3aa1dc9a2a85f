// Package httpapi assembles Parvis's HTTP API: huma on net/http, the
// middleware every request goes through (request ID, logging, security
// headers, cross-origin protection, session), RFC 9457 problems, and the
// tenant helpers feature packages use to reach the database.
package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/config"
)

// Deps are the shared dependencies of every handler, built once in main.
type Deps struct {
	Pool   *pgxpool.Pool
	River  *river.Client[pgx.Tx]
	Config *config.Config
	Log    *slog.Logger
	// Now is the clock; tests replace it to check timeouts.
	Now func() time.Time
	// Hooks hear every announced change (see Tenant.Announce), in the
	// change's transaction: the live stream and notifications register
	// here in the composition root.
	Hooks []EventHook
}

// Authenticator turns a request's session cookie into a Principal. The auth
// package implements it; httpapi does not depend on auth.
type Authenticator interface {
	Authenticate(ctx context.Context, r *http.Request) (*Principal, error)
}

// Server is the API: huma's registry plus the wrapped handler.
type Server struct {
	API     huma.API
	mux     *http.ServeMux
	handler http.Handler
	plain   []string
}

// MaxBodyBytes caps JSON bodies (security guide point 15).
const MaxBodyBytes = 1 << 20

// NewAPI builds the huma API on a fresh mux. Feature packages register
// their operations on s.API; Handler() then serves them.
func NewAPI(d *Deps, auth Authenticator) *Server {
	installErrors()
	cfg := huma.DefaultConfig("Parvis API", "1.0.0")
	cfg.Info.Description = "Client portal for freelancers and studios. Errors are RFC 9457 problems with a stable `code`."
	cfg.CreateHooks = nil // no $schema field, no Link header
	cfg.DocsPath = ""     // the hosted docs UI needs a CDN; the document is enough
	cfg.OpenAPIPath = "/api/openapi"
	cfg.SchemasPath = ""
	cfg.Servers = []*huma.Server{{URL: "/", Description: "The portal's own origin: the web app forwards /api to the Go server"}}
	cfg.OnAddOperation = append(cfg.OnAddOperation, documentOperation)
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"session": {Type: "apiKey", In: "cookie", Name: SessionCookie, Description: "Opaque session token set by login"},
	}
	cfg.Transformers = append(cfg.Transformers, func(ctx huma.Context, _ string, v any) (any, error) {
		if p, ok := v.(*Problem); ok && p.RequestID == "" {
			p.RequestID = RequestID(ctx.Context())
		}
		return v, nil
	}, emptyArrays)
	mux := http.NewServeMux()
	api := humago.New(mux, cfg)
	api.UseMiddleware(checkInput(api))
	documentEvents(api.OpenAPI())

	huma.Register(api, huma.Operation{
		OperationID: "healthz", Method: http.MethodGet, Path: "/api/healthz",
		Summary: "Process is alive", Tags: []string{"system"},
	}, func(ctx context.Context, _ *struct{}) (*HealthOutput, error) {
		return &HealthOutput{Body: HealthBody{Status: "ok"}}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "readyz", Method: http.MethodGet, Path: "/api/readyz",
		Summary: "Database reachable", Tags: []string{"system"}, Errors: []int{503},
	}, func(ctx context.Context, _ *struct{}) (*HealthOutput, error) {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := d.Pool.Ping(ctx); err != nil {
			d.Log.WarnContext(ctx, "readiness: database unreachable", "err", err)
			return nil, Err(CodeUnavailable, "database unreachable")
		}
		return &HealthOutput{Body: HealthBody{Status: "ok"}}, nil
	})

	s := &Server{API: api, mux: mux}
	s.handler = chain(mux, d, auth)
	return s
}

// HealthOutput is the body of the health endpoints.
type HealthOutput struct{ Body HealthBody }

// HealthBody says ok.
type HealthBody struct {
	Status string `json:"status" example:"ok"`
}

// Handle mounts a plain handler behind the same middleware (signed blob
// URLs, which are not JSON operations and stay out of the OpenAPI document).
func (s *Server) Handle(pattern string, h http.Handler) {
	s.plain = append(s.plain, pattern)
	s.mux.Handle(pattern, h)
}

// PlainPatterns lists the patterns mounted with Handle: routes the OpenAPI
// document does not describe, which the cross-tenant matrix must vet one
// by one.
func (s *Server) PlainPatterns() []string { return append([]string(nil), s.plain...) }

// Handler returns the fully wrapped HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// SessionCookie is the session cookie's name; __Host- pins it to this host,
// path / and Secure (security guide point 2).
const SessionCookie = "__Host-parvis_session"

func chain(mux *http.ServeMux, d *Deps, auth Authenticator) http.Handler {
	cop := http.NewCrossOriginProtection()
	if d.Config != nil && d.Config.PublicURL != nil {
		_ = cop.AddTrustedOrigin(d.Config.PublicURL.Scheme + "://" + d.Config.PublicURL.Host)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		d.Log.WarnContext(r.Context(), "cross-origin request refused", "method", r.Method, "path", LoggedPath(r.URL.EscapedPath(), pattern),
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		writeProblem(w, r, Err(CodeCrossOrigin, "cross-origin request refused").(*Problem))
	}))

	var h http.Handler = withRoutePattern(mux)
	h = withSession(h, d, auth)
	if d.Config != nil {
		h = withDeadline(h, d.Config.RequestTimeout)
	}
	h = cop.Handler(h)
	h = withBodyLimit(h)
	h = withCompression(h)
	h = withSecurityHeaders(h)
	h = withRequestLog(h, d)
	h = withRecover(h, d)
	h = withRequestID(h, d)
	return h
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func withRequestID(next http.Handler, d *Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := newRequestID()
		w.Header().Set("X-Request-ID", id)
		ctx := context.WithValue(r.Context(), keyRequestID, id)
		var trusted = d.Config.TrustedProxies
		ctx = context.WithValue(ctx, keyClientIP, clientIP(r, trusted))
		// Sessions store the User-Agent: keep it storable whatever was sent.
		ctx = context.WithValue(ctx, keyUserAgent, strings.ReplaceAll(strings.ToValidUTF8(r.UserAgent(), "\uFFFD"), "\x00", ""))
		ctx = context.WithValue(ctx, keyLogger, d.Log)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// matchedRoute carries the route pattern the mux chose back out to the
// request log (the mux runs innermost, the log outermost).
type matchedRoute struct {
	pattern string
	session *session
}

type routeKey struct{}

// withRoutePattern notes which route will serve the request before
// serving it, so that the log knows it even if the handler panics.
func withRoutePattern(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m, ok := r.Context().Value(routeKey{}).(*matchedRoute); ok {
			_, m.pattern = mux.Handler(r)
		}
		mux.ServeHTTP(w, r)
	})
}

func withRequestLog(next http.Handler, d *Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		route := &matchedRoute{}
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, route))
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		} else if sw.status == 401 || sw.status == 403 {
			// Authorization failures are security events (guide point 26).
			level = slog.LevelWarn
		} else if r.URL.Path == "/api/healthz" || r.URL.Path == "/api/readyz" {
			level = slog.LevelDebug
		}
		if !d.Log.Enabled(r.Context(), level) {
			return // PARVIS_LOG_LEVEL above this request's: nothing to format
		}
		attrs := []any{"method", r.Method, "path", LoggedPath(r.URL.EscapedPath(), route.pattern), "status", sw.status, "bytes", sw.bytes,
			"duration_ms", time.Since(start).Milliseconds(), "request_id", RequestID(r.Context()), "ip", ClientIP(r.Context())}
		if route.session != nil {
			if p := route.session.resolved(); p != nil {
				attrs = append(attrs, "user_id", p.UserID)
			}
		}
		d.Log.Log(r.Context(), level, "request", attrs...)
	})
}

// Redacted replaces a secret in a logged path.
const Redacted = "[redacted]"

// SecretParam reports whether a path parameter carries a secret, so that
// the request log never shows it (security guide point 26). The rule is the
// parameter's name: one that ends in "token" ({token}, {resetToken}) is a
// secret. A new route that takes a secret in its path is covered by naming
// its parameter so.
func SecretParam(name string) bool {
	return strings.HasSuffix(strings.ToLower(strings.TrimSuffix(name, "...")), "token")
}

// LoggedPath is path as the request log shows it: the segments matched by
// a secret parameter of pattern (the mux's, e.g. "GET /api/v1/invitations/{token}")
// are replaced by Redacted. A request that matched no route (404, 405)
// has no pattern to go by: every segment that looks like a token (long,
// URL-safe base64, not a UUID) is redacted instead.
func LoggedPath(path, pattern string) string {
	segs := strings.Split(path, "/")
	if pattern == "" {
		for i, s := range segs {
			if looksLikeToken(s) {
				segs[i] = Redacted
			}
		}
		return strings.Join(segs, "/")
	}
	if i := strings.IndexByte(pattern, '/'); i >= 0 {
		pattern = pattern[i:] // drop "METHOD " and any host
	}
	for i, p := range strings.Split(pattern, "/") {
		if i >= len(segs) || !strings.HasPrefix(p, "{") || !strings.HasSuffix(p, "}") {
			continue
		}
		name := p[1 : len(p)-1]
		if !SecretParam(name) {
			continue
		}
		if strings.HasSuffix(name, "...") {
			segs = append(segs[:i], Redacted)
			break
		}
		segs[i] = Redacted
	}
	return strings.Join(segs, "/")
}

func looksLikeToken(s string) bool {
	if len(s) < 20 {
		return false
	}
	if _, err := uuid.Parse(s); err == nil {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '%' || c == '=') {
			return false
		}
	}
	return true
}

func withRecover(next http.Handler, d *Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				d.Log.ErrorContext(r.Context(), "panic", "value", v, "request_id", RequestID(r.Context()))
				writeProblem(w, r, Err(CodeInternal, "an internal error occurred; quote the request ID when reporting it").(*Problem))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		h.Set("X-Frame-Options", "DENY")
		// The API serves JSON and images only: nothing may run from it.
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if strings.HasPrefix(r.URL.Path, "/api/v1/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// withBodyLimit caps every body at twice the JSON limit as a backstop;
// huma enforces the per-operation limit (413) itself. Signed blob uploads
// are exempt: their URL fixes the exact size, which the blob handler enforces.
func withBodyLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && !strings.HasPrefix(r.URL.Path, "/api/v1/blob/") {
			r.Body = http.MaxBytesReader(w, r.Body, 2*MaxBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// withSession notes the session cookie; it is checked only when a handler
// asks who the caller is (RequireUser, InWorkspace), so that a workspace
// request checks it in its one transaction and a public route not at all.
func withSession(next http.Handler, d *Deps, auth Authenticator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth != nil {
			if c, err := r.Cookie(SessionCookie); err == nil {
				s := &session{token: c.Value, auth: auth}
				r = r.WithContext(context.WithValue(r.Context(), keyPrincipal, s))
				s.r = r
				if m, ok := r.Context().Value(routeKey{}).(*matchedRoute); ok {
					m.session = s
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

func writeProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	p.RequestID = RequestID(r.Context())
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_, _ = w.Write(mustJSON(p))
}
