package board

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/httpapi"
)

// The board is read far more often than it changes (every viewer reloads
// it after each change, the live stream says when), and encoding 1 000
// cards then gzipping them was most of its server time. So the encoded
// body, raw and gzipped, is kept per (project, view, filter) under the
// board's version (BoardVersion, migration 00023), read in the request's
// transaction before the board itself:
//   - the body filed under a version is never older than it (the version is
//     read first, the body after, in the same transaction), and every
//     committed change to the project's tasks or tickets changes the
//     version: a cached body is never stale;
//   - the view is part of the key: canEdit differs between an admin and a
//     client (what they may read is otherwise the same rows), so a client
//     never receives a body encoded for an admin;
//   - the caller's access is checked on every request, before the cache is
//     looked at (InProject), exactly as without it.

// cacheMaxBytes bounds the memory the cache holds (raw + gzip bodies).
const cacheMaxBytes = 64 << 20

type cacheKey struct {
	project uuid.UUID
	admin   bool
	origin  string
}

type encodedBoard struct {
	version string
	etag    string
	raw, gz []byte
}

func (e *encodedBoard) size() int { return len(e.raw) + len(e.gz) }

type boardCache struct {
	mu    sync.Mutex
	m     map[cacheKey]*encodedBoard
	bytes int
}

func (c *boardCache) get(k cacheKey, version string) *encodedBoard {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.m[k]; e != nil && e.version == version {
		return e
	}
	return nil
}

func (c *boardCache) put(k cacheKey, e *encodedBoard) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[cacheKey]*encodedBoard{}
	}
	if old := c.m[k]; old != nil {
		c.bytes -= old.size()
	}
	for k2, old := range c.m { // evict arbitrary entries past the bound
		if c.bytes+e.size() <= cacheMaxBytes {
			break
		}
		if k2 != k {
			c.bytes -= old.size()
			delete(c.m, k2)
		}
	}
	c.m[k] = e
	c.bytes += e.size()
}

// gzipPool holds writers at level 3. BenchmarkEncodeBoard, 1 000 cards
// (144 KB of JSON), JSON + gzip: level 6 (the default) 3.1 ms for 28.6 KB,
// level 3 1.8 ms for 29.7 KB, level 1 1.7 ms for 31.7 KB. A miss (a change,
// or a board no one opened lately) is paid by the request that finds it:
// at 1 000 × 1 000 the default level's deflate was half the Go CPU.
var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, 3)
	return w
}}

// encodeBoard encodes b as the API's JSON format does (no HTML escaping,
// trailing newline) and gzips it once: the cost is paid once per version,
// not per request.
func encodeBoard(k cacheKey, version string, b *Board) (*encodedBoard, error) {
	var raw bytes.Buffer
	raw.Grow(64 << 10)
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	var gz bytes.Buffer
	gz.Grow(raw.Len() / 4)
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	zw.Reset(&gz)
	_, _ = zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(k.project[:])
	h.Write([]byte{0, boolByte(k.admin), 0})
	h.Write([]byte(k.origin + "\x00" + version))
	etag := `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
	return &encodedBoard{version: version, etag: etag, raw: raw.Bytes(), gz: gz.Bytes()}, nil
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// write sends the body: 304 when the client's If-None-Match names it,
// else the gzipped bytes to a client that accepts gzip (withCompression
// passes a response that is already encoded through), the raw ones to
// any other.
func (e *encodedBoard) write(hc huma.Context) {
	hc.SetHeader("Content-Type", "application/json")
	hc.SetHeader("ETag", e.etag)
	if etagMatches(hc.Header("If-None-Match"), e.etag) {
		hc.SetStatus(304)
		return
	}
	body := e.raw
	if httpapi.AcceptsGzip(hc.Header("Accept-Encoding")) {
		hc.SetHeader("Content-Encoding", "gzip")
		body = e.gz
	}
	hc.SetHeader("Content-Length", strconv.Itoa(len(body)))
	hc.SetStatus(200)
	_, _ = hc.BodyWriter().Write(body)
}

// etagMatches reads If-None-Match (a list, or *) with weak comparison.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	weak := func(s string) string { return strings.TrimPrefix(s, "W/") }
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || (part != "" && weak(part) == weak(etag)) {
			return true
		}
	}
	return false
}
