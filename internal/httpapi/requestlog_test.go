package httpapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/httpapi"
)

// Issue 8, point 7 (security guide point 26): secrets in a URL path, such as
// invitation tokens, never reach the request log.
func TestRequestLog_RedactsSecretPathParameters(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(func(k string) string {
		if k == "DATABASE_URL" {
			return "postgres://unused@localhost/unused"
		}
		return ""
	})
	require.NoError(t, err)
	var mu syncBuffer
	log := slog.New(slog.NewTextHandler(&mu, nil))
	s := httpapi.NewAPI(&httpapi.Deps{Config: cfg, Log: log, Now: time.Now}, nil)
	type in struct {
		Token string `path:"token"`
	}
	huma.Register(s.API, huma.Operation{OperationID: "inv", Method: http.MethodGet, Path: "/api/v1/invitations/{token}"},
		func(context.Context, *in) (*struct{}, error) { return nil, nil })
	type inReset struct {
		ResetToken string `path:"resetToken"`
	}
	huma.Register(s.API, huma.Operation{OperationID: "reset", Method: http.MethodPost, Path: "/api/v1/reset/{resetToken}/confirm"},
		func(context.Context, *inReset) (*struct{}, error) { return nil, nil })
	type inID struct {
		Workspace string `path:"workspace"`
		ID        string `path:"id"`
	}
	huma.Register(s.API, huma.Operation{OperationID: "thing", Method: http.MethodGet, Path: "/api/v1/w/{workspace}/things/{id}"},
		func(context.Context, *inID) (*struct{}, error) { return nil, nil })

	const secret = "Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbg"
	for _, tc := range []struct {
		name, method, path string
		logged             string // the path as the log must show it
	}{
		{"invitation token", "GET", "/api/v1/invitations/" + secret, "/api/v1/invitations/[redacted]"},
		{"parameter named *Token", "POST", "/api/v1/reset/" + secret + "/confirm", "/api/v1/reset/[redacted]/confirm"},
		{"wrong method (no route matched)", "DELETE", "/api/v1/invitations/" + secret, "/api/v1/invitations/[redacted]"},
		{"unknown route", "GET", "/api/v1/nowhere/" + secret, "/api/v1/nowhere/[redacted]"},
		{"refused cross-origin write", "POST-cross-site", "/api/v1/reset/" + secret + "/confirm", "/api/v1/reset/[redacted]/confirm"},
		{"ordinary parameters stay", "GET", "/api/v1/w/studio/things/4b0f5c1e-8a53-4b5e-9d8e-2f6a1c3d5e7f",
			"/api/v1/w/studio/things/4b0f5c1e-8a53-4b5e-9d8e-2f6a1c3d5e7f"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.reset()
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(strings.TrimSuffix(tc.method, "-cross-site"), tc.path, nil)
			if strings.HasSuffix(tc.method, "-cross-site") {
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			}
			s.Handler().ServeHTTP(rec, req)
			out := mu.String()
			require.Contains(t, out, "path="+tc.logged, "log: %s", out)
			if strings.Contains(tc.path, secret) {
				require.NotContains(t, out, secret)
			}
		})
	}
}

// syncBuffer is a log sink the test can read and empty between requests.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }
func (b *syncBuffer) reset()         { b.mu.Lock(); defer b.mu.Unlock(); b.buf.Reset() }
