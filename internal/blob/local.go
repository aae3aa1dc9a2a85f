package blob

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LocalPrefix is where the Go server serves local blobs. Signed URLs are
// relative to the public origin, so the browser stays same-origin through
// the web gateway.
const LocalPrefix = "/api/v1/blob/"

// Local keeps blobs in a directory and signs URLs with HMAC-SHA256.
type Local struct {
	dir    string
	secret []byte
	now    func() time.Time
}

// NewLocal stores blobs under dir, signing with secret (≥ 32 bytes).
func NewLocal(dir string, secret []byte, now func() time.Time) (*Local, error) {
	if len(secret) < 32 {
		return nil, errors.New("blob: the signing secret must be at least 32 bytes")
	}
	if err := os.MkdirAll(filepath.Join(dir, ".tmp"), 0o700); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	if now == nil {
		now = time.Now
	}
	return &Local{dir: dir, secret: secret, now: now}, nil
}

// DevSecret reads the signing secret kept at path, creating a random one
// the first time (development only: production must configure one).
func DevSecret(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		s, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err == nil && len(s) >= 32 {
			return s, nil
		}
	}
	s := make([]byte, 32)
	if _, err := rand.Read(s); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(s)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("blob: write dev secret: %w", err)
	}
	return s, nil
}

func (l *Local) path(key string) (string, error) {
	if !ValidKey(key) {
		return "", fmt.Errorf("blob: invalid key %q", key)
	}
	return filepath.Join(l.dir, filepath.FromSlash(key)), nil
}

// sign covers the method, the key and every parameter that shapes the
// request or the response, so none can be changed.
func (l *Local) sign(op, key string, v url.Values) string {
	m := hmac.New(sha256.New, l.secret)
	for _, s := range []string{op, key, v.Get("ct"), v.Get("len"), v.Get("cd"), v.Get("exp")} {
		m.Write([]byte(s))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (l *Local) signed(op, key string, v url.Values, ttl time.Duration) string {
	v.Set("exp", strconv.FormatInt(l.now().Add(ttl).Unix(), 10))
	v.Set("sig", l.sign(op, key, v))
	return LocalPrefix + key + "?" + v.Encode()
}

// SignPut implements Store.
func (l *Local) SignPut(_ context.Context, key, contentType string, size int64, ttl time.Duration) (string, error) {
	if err := checkTTL(ttl, MaxPutTTL); err != nil {
		return "", err
	}
	if !ValidKey(key) || size <= 0 {
		return "", fmt.Errorf("blob: bad put %q (%d bytes)", key, size)
	}
	return l.signed("PUT", key, url.Values{"ct": {contentType}, "len": {strconv.FormatInt(size, 10)}}, ttl), nil
}

// SignGet implements Store.
func (l *Local) SignGet(_ context.Context, key string, o GetOptions, ttl time.Duration) (string, error) {
	if err := checkTTL(ttl, MaxGetTTL); err != nil {
		return "", err
	}
	if !ValidKey(key) {
		return "", fmt.Errorf("blob: invalid key %q", key)
	}
	ct := o.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	return l.signed("GET", key, url.Values{"ct": {ct}, "cd": {ContentDisposition(o.Filename, o.Inline)}}, ttl), nil
}

// Stat implements Store.
func (l *Local) Stat(_ context.Context, key string) (int64, error) {
	p, err := l.path(key)
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Open implements Store.
func (l *Local) Open(_ context.Context, key string) (io.ReadCloser, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// write stores r at key through a temporary file, so a reader never sees
// half a blob; it refuses more or fewer than size bytes.
func (l *Local) write(key string, r io.Reader, size int64) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Join(l.dir, ".tmp"), "put-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(r, size+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n != size {
		return fmt.Errorf("blob: got %d bytes, expected %d", n, size)
	}
	return os.Rename(tmp.Name(), p)
}

// Put implements Store.
func (l *Local) Put(_ context.Context, key, _ string, data []byte) error {
	return l.write(key, strings.NewReader(string(data)), int64(len(data)))
}

// Move implements Store.
func (l *Local) Move(_ context.Context, src, dst string) error {
	sp, err := l.path(src)
	if err != nil {
		return err
	}
	dp, err := l.path(dst)
	if err != nil {
		return err
	}
	if _, err := os.Stat(sp); errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	if err := os.MkdirAll(filepath.Dir(dp), 0o700); err != nil {
		return err
	}
	return os.Rename(sp, dp)
}

// Delete implements Store.
func (l *Local) Delete(_ context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func deny(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

// ServeHTTP answers signed URLs: PUT stores exactly the signed size and
// type, GET (and HEAD) serves with the signed type and disposition. A bad,
// tampered or expired signature gets 403, as S3 answers.
func (l *Local) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, LocalPrefix)
	q := r.URL.Query()
	op := r.Method
	if op == http.MethodHead {
		op = http.MethodGet
	}
	if op != http.MethodGet && op != http.MethodPut {
		deny(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if !ValidKey(key) {
		deny(w, http.StatusNotFound, "not found")
		return
	}
	sig, err := base64.RawURLEncoding.DecodeString(q.Get("sig"))
	want, _ := base64.RawURLEncoding.DecodeString(l.sign(op, key, q))
	if err != nil || !hmac.Equal(sig, want) {
		deny(w, http.StatusForbidden, "signature does not match")
		return
	}
	exp, err := strconv.ParseInt(q.Get("exp"), 10, 64)
	if err != nil || !l.now().Before(time.Unix(exp, 0)) {
		deny(w, http.StatusForbidden, "request has expired")
		return
	}
	if op == http.MethodPut {
		size, _ := strconv.ParseInt(q.Get("len"), 10, 64)
		if r.Header.Get("Content-Type") != q.Get("ct") {
			deny(w, http.StatusForbidden, "content type does not match the signature")
			return
		}
		// A gateway streaming the body may drop Content-Length (chunked);
		// write then insists on exactly size bytes anyway.
		if r.ContentLength >= 0 && r.ContentLength != size {
			deny(w, http.StatusForbidden, "content length does not match the signature")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, size)
		if err := l.write(key, r.Body, size); err != nil {
			deny(w, http.StatusBadRequest, "upload incomplete")
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	p, _ := l.path(key)
	f, err := os.Open(p)
	if err != nil {
		deny(w, http.StatusNotFound, "not found")
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		deny(w, http.StatusNotFound, "not found")
		return
	}
	h := w.Header()
	h.Set("Content-Type", q.Get("ct"))
	h.Set("Content-Disposition", q.Get("cd"))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=60")
	if q.Get("ct") == "application/pdf" && strings.HasPrefix(q.Get("cd"), "inline") {
		// The portal previews PDFs in a frame of its own origin.
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'")
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}
