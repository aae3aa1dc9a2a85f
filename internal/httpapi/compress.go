package httpapi

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// CompressMinBytes is the size from which a JSON response is gzipped:
// below it, the gzip header and the CPU cost more than they save.
const CompressMinBytes = 1024

// compressLevel trades a few percent of size for half the CPU of the
// default level (a 1 000-task board: ~5 ms less per request).
const compressLevel = gzip.BestSpeed

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, compressLevel)
	return w
}}

// withCompression gzips JSON responses of CompressMinBytes or more when
// the client accepts gzip. Only JSON is touched: signed blob routes
// (files, images, already compressed or ranged), event streams and
// anything else pass through as they are. JSON responses always carry
// Vary: Accept-Encoding.
func withCompression(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || strings.HasPrefix(r.URL.Path, "/api/v1/blob/") {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, accepts: acceptsGzip(r.Header.Get("Accept-Encoding"))}
		defer func() {
			if v := recover(); v != nil {
				// Nothing held back goes out: withRecover answers the panic.
				if !cw.decided {
					cw.buf, cw.status, cw.decided = nil, 0, true
				}
				panic(v)
			}
			cw.finish()
		}()
		next.ServeHTTP(cw, r)
	})
}

// AcceptsGzip says whether an Accept-Encoding header accepts gzip (for a
// handler that sends a body it gzipped in advance).
func AcceptsGzip(h string) bool { return acceptsGzip(h) }

// acceptsGzip reads Accept-Encoding: gzip (or *) with a q-value above 0.
func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		if q > 0 {
			return true
		}
	}
	return false
}

// compressWriter holds the first CompressMinBytes of a JSON response to
// decide: a short body goes out as it is, a longer one gzipped.
type compressWriter struct {
	http.ResponseWriter
	accepts bool
	status  int
	decided bool
	plain   bool // passing through unchanged
	buf     []byte
	gz      *gzip.Writer
}

func (c *compressWriter) WriteHeader(status int) {
	if c.status != 0 {
		return
	}
	c.status = status
	h := c.Header()
	ct := h.Get("Content-Type")
	json := strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/problem+json")
	if json {
		h.Add("Vary", "Accept-Encoding")
	}
	if !json || !c.accepts || h.Get("Content-Encoding") != "" || status < 200 || status == http.StatusNoContent || status == http.StatusNotModified ||
		status == http.StatusPartialContent {
		c.decided, c.plain = true, true
		c.ResponseWriter.WriteHeader(status)
	}
}

func (c *compressWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if c.plain {
		return c.ResponseWriter.Write(b)
	}
	if c.gz != nil {
		return c.gz.Write(b)
	}
	c.buf = append(c.buf, b...)
	if len(c.buf) >= CompressMinBytes {
		if err := c.startGzip(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

func (c *compressWriter) startGzip() error {
	h := c.Header()
	h.Del("Content-Length")
	h.Set("Content-Encoding", "gzip")
	c.decided = true
	c.ResponseWriter.WriteHeader(c.status)
	c.gz = gzipPool.Get().(*gzip.Writer)
	c.gz.Reset(c.ResponseWriter)
	_, err := c.gz.Write(c.buf)
	c.buf = nil
	return err
}

// Flush sends what is held: an undecided response goes out plain (a
// handler that flushes is streaming; it is not held back).
func (c *compressWriter) Flush() {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if !c.decided {
		c.decided, c.plain = true, true
		c.ResponseWriter.WriteHeader(c.status)
		_, _ = c.ResponseWriter.Write(c.buf)
		c.buf = nil
	}
	if c.gz != nil {
		_ = c.gz.Flush()
	}
	_ = http.NewResponseController(c.ResponseWriter).Flush()
}

func (c *compressWriter) finish() {
	switch {
	case c.gz != nil:
		_ = c.gz.Close()
		c.gz.Reset(io.Discard)
		gzipPool.Put(c.gz)
		c.gz = nil
	case !c.decided && c.status != 0:
		c.Header().Set("Content-Length", strconv.Itoa(len(c.buf)))
		c.ResponseWriter.WriteHeader(c.status)
		_, _ = c.ResponseWriter.Write(c.buf)
	}
}

func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
