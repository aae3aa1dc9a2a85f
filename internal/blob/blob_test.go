package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/blob/blobtest"
)

// driver is one Store under test: abs turns a signed URL into one an
// http.Client can call; expire makes every URL signed so far with a short
// TTL stale.
type driver struct {
	store  blob.Store
	abs    func(string) string
	expire func(t *testing.T)
}

func key(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%x", prefix, b)
}

func do(t *testing.T, method, u, ctype string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	require.NoError(t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// contract is what every driver must do; both run it.
func contract(t *testing.T, d driver) {
	ctx := context.Background()
	data := []byte("%PDF-1.7 contract test body")

	t.Run("put, stat, get, move, delete", func(t *testing.T) {
		k := key("uploads")
		u, err := d.store.SignPut(ctx, k, "application/pdf", int64(len(data)), time.Minute)
		require.NoError(t, err)
		st, _, body := do(t, "PUT", d.abs(u), "application/pdf", data)
		require.Equal(t, 200, st, string(body))
		size, err := d.store.Stat(ctx, k)
		require.NoError(t, err)
		require.EqualValues(t, len(data), size)

		dst := key("files")
		require.NoError(t, d.store.Move(ctx, k, dst))
		_, err = d.store.Stat(ctx, k)
		require.ErrorIs(t, err, blob.ErrNotFound)

		g, err := d.store.SignGet(ctx, dst, blob.GetOptions{ContentType: "application/pdf", Filename: "Devis été \"final\".pdf"}, time.Minute)
		require.NoError(t, err)
		st, h, body := do(t, "GET", d.abs(g), "", nil)
		require.Equal(t, 200, st, string(body))
		require.Equal(t, data, body)
		require.Equal(t, "application/pdf", h.Get("Content-Type"))
		require.Equal(t, `attachment; filename="Devis _t_ _final_.pdf"; filename*=UTF-8''Devis%20%C3%A9t%C3%A9%20%22final%22.pdf`, h.Get("Content-Disposition"))

		r, err := d.store.Open(ctx, dst)
		require.NoError(t, err)
		got, _ := io.ReadAll(r)
		r.Close()
		require.Equal(t, data, got)

		require.NoError(t, d.store.Delete(ctx, dst))
		require.NoError(t, d.store.Delete(ctx, dst), "deleting twice is fine")
		_, err = d.store.Stat(ctx, dst)
		require.ErrorIs(t, err, blob.ErrNotFound)
		_, err = d.store.Open(ctx, dst)
		require.ErrorIs(t, err, blob.ErrNotFound)
	})

	t.Run("server-side put", func(t *testing.T) {
		k := key("thumbs")
		require.NoError(t, d.store.Put(ctx, k, "image/jpeg", []byte{0xff, 0xd8, 0xff}))
		size, err := d.store.Stat(ctx, k)
		require.NoError(t, err)
		require.EqualValues(t, 3, size)
	})

	t.Run("refusals", func(t *testing.T) {
		k := key("uploads")
		u, err := d.store.SignPut(ctx, k, "application/pdf", int64(len(data)), time.Minute)
		require.NoError(t, err)

		st, _, _ := do(t, "PUT", d.abs(u), "text/html", data)
		require.Equal(t, 403, st, "wrong Content-Type")

		st, _, _ = do(t, "PUT", d.abs(u), "application/pdf", append(data, "more"...))
		require.Equal(t, 403, st, "more bytes than signed")

		// Tampered: another key with the same signature, and a changed signature.
		pu, _ := url.Parse(u)
		other := *pu
		other.Path = strings.Replace(pu.Path, k, key("uploads"), 1)
		st, _, _ = do(t, "PUT", d.abs(other.String()), "application/pdf", data)
		require.Equal(t, 403, st, "signature reused for another key")
		q := pu.Query()
		for _, name := range []string{"sig", "X-Amz-Signature"} {
			if v := q.Get(name); v != "" {
				q.Set(name, strings.Repeat("A", len(v)))
			}
		}
		tampered := *pu
		tampered.RawQuery = q.Encode()
		st, _, _ = do(t, "PUT", d.abs(tampered.String()), "application/pdf", data)
		require.Equal(t, 403, st, "tampered signature")
		_, err = d.store.Stat(ctx, k)
		require.ErrorIs(t, err, blob.ErrNotFound, "nothing was stored by refused PUTs")

		// A GET URL cannot be used to PUT.
		g, err := d.store.SignGet(ctx, k, blob.GetOptions{}, time.Minute)
		require.NoError(t, err)
		st, _, _ = do(t, "PUT", d.abs(g), "application/pdf", data)
		require.Equal(t, 403, st, "GET signature used for PUT")

		_, err = d.store.SignPut(ctx, k, "application/pdf", 10, 16*time.Minute)
		require.Error(t, err, "PUT TTL over 15 min")
		_, err = d.store.SignGet(ctx, k, blob.GetOptions{}, 6*time.Minute)
		require.Error(t, err, "GET TTL over 5 min")
		_, err = d.store.SignPut(ctx, "../etc/passwd", "application/pdf", 10, time.Minute)
		require.Error(t, err, "key outside the generated shape")
	})

	t.Run("expired URLs", func(t *testing.T) {
		k := key("uploads")
		require.NoError(t, d.store.Put(ctx, k, "application/pdf", data))
		put, err := d.store.SignPut(ctx, key("uploads"), "application/pdf", int64(len(data)), time.Second)
		require.NoError(t, err)
		get, err := d.store.SignGet(ctx, k, blob.GetOptions{ContentType: "application/pdf"}, time.Second)
		require.NoError(t, err)
		d.expire(t)
		st, _, _ := do(t, "PUT", d.abs(put), "application/pdf", data)
		require.Equal(t, 403, st, "expired PUT")
		st, _, _ = do(t, "GET", d.abs(get), "", nil)
		require.Equal(t, 403, st, "expired GET")
	})
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func TestLocalContract(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Now()}
	secret := bytes.Repeat([]byte("k"), 32)
	l, err := blob.NewLocal(t.TempDir(), secret, c.now)
	require.NoError(t, err)
	srv := httptest.NewServer(l)
	t.Cleanup(srv.Close)
	contract(t, driver{
		store: l,
		abs:   func(u string) string { return srv.URL + u },
		expire: func(*testing.T) {
			c.mu.Lock()
			c.t = c.t.Add(2 * time.Second)
			c.mu.Unlock()
		},
	})

	t.Run("url is relative and same-origin", func(t *testing.T) {
		u, err := l.SignGet(context.Background(), "files/abc", blob.GetOptions{Inline: true, ContentType: "image/png"}, time.Minute)
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(u, blob.LocalPrefix+"files/abc?"), u)
	})
	t.Run("short secret refused", func(t *testing.T) {
		_, err := blob.NewLocal(t.TempDir(), []byte("short"), nil)
		require.Error(t, err)
	})
	t.Run("dev secret persists", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "blob-secret")
		a, err := blob.DevSecret(p)
		require.NoError(t, err)
		b, err := blob.DevSecret(p)
		require.NoError(t, err)
		require.Equal(t, a, b)
		require.Len(t, a, 32)
	})
}

func TestContentDisposition(t *testing.T) {
	t.Parallel()
	require.Equal(t, `inline; filename="logo.png"; filename*=UTF-8''logo.png`, blob.ContentDisposition("logo.png", true))
	require.Equal(t, `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%3Bb%5Cc.txt`, blob.ContentDisposition("a;b\\c.txt", false))
	require.Equal(t, "attachment", blob.ContentDisposition("", false))
	require.False(t, blob.ValidKey("files/../x"))
	require.False(t, blob.ValidKey("files/A"))
	require.True(t, blob.ValidKey("files/0b1c-22"))
}

func TestS3Contract(t *testing.T) {
	t.Parallel()
	s, err := blob.NewS3(blobtest.StartS3(t))
	require.NoError(t, err)
	contract(t, driver{
		store:  s,
		abs:    func(u string) string { return u },
		expire: func(*testing.T) { time.Sleep(2100 * time.Millisecond) },
	})
}
