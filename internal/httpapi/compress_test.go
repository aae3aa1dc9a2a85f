package httpapi_test

import (
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/config"
	"github.com/parvis/parvis/internal/httpapi"
)

// Issue 10, point 3: JSON of 1 KB or more is gzipped when the client
// accepts it, with Vary; small bodies, other clients, event streams and
// blob routes go out as they are.
func TestCompression(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(func(k string) string {
		if k == "DATABASE_URL" {
			return "postgres://unused@localhost/unused"
		}
		return ""
	})
	require.NoError(t, err)
	s := httpapi.NewAPI(&httpapi.Deps{Config: cfg, Log: slog.New(slog.DiscardHandler), Now: time.Now}, nil)
	type out struct {
		Body struct {
			Text string `json:"text"`
		}
	}
	type in struct {
		N int `query:"n"`
	}
	huma.Register(s.API, huma.Operation{OperationID: "text", Method: http.MethodGet, Path: "/api/v1/text"},
		func(_ context.Context, i *in) (*out, error) {
			o := &out{}
			o.Body.Text = strings.Repeat("é", i.N)
			return o, nil
		})
	stream := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte(strings.Repeat("data: x\n\n", 500)))
	}
	s.Handle("GET /api/v1/events", http.HandlerFunc(stream))
	s.Handle("GET /api/v1/blob/x", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(strings.Repeat(" ", 5000)))
	}))
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path, enc string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		res, err := client.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res, b
	}

	res, body := get("/api/v1/text?n=3000", "gzip, deflate, br")
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	require.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
	if cl := res.Header.Get("Content-Length"); cl != "" {
		require.Equal(t, strconv.Itoa(len(body)), cl, "the length is the compressed body's")
	}
	zr, err := gzip.NewReader(strings.NewReader(string(body)))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, `{"text":"`+strings.Repeat("é", 3000)+`"}`+"\n", string(plain))
	require.Less(t, len(body), 200)

	res, body = get("/api/v1/text?n=3000", "")
	require.Empty(t, res.Header.Get("Content-Encoding"), "no Accept-Encoding, no gzip")
	require.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
	require.Greater(t, len(body), 6000)

	res, _ = get("/api/v1/text?n=3000", "gzip;q=0, identity")
	require.Empty(t, res.Header.Get("Content-Encoding"), "gzip refused with q=0")

	res, body = get("/api/v1/text?n=10", "gzip")
	require.Empty(t, res.Header.Get("Content-Encoding"), "under 1 KB: plain")
	require.Equal(t, strconv.Itoa(len(body)), res.Header.Get("Content-Length"))
	require.Equal(t, `{"text":"`+strings.Repeat("é", 10)+`"}`+"\n", string(body))

	// strings.Repeat panics on -1: nothing held back leaks, the problem is whole.
	res, body = get("/api/v1/text?n=-1", "gzip")
	require.Equal(t, 500, res.StatusCode, "%s", body)
	require.Empty(t, res.Header.Get("Content-Encoding"), "a small problem stays plain")
	require.Contains(t, string(body), `"code":"internal"`)

	res, _ = get("/api/v1/events", "gzip")
	require.Empty(t, res.Header.Get("Content-Encoding"), "event streams are never compressed")
	res, _ = get("/api/v1/blob/x", "gzip")
	require.Empty(t, res.Header.Get("Content-Encoding"), "blob routes are never compressed")
}
