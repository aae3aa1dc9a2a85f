// Package blob stores file contents outside the database, behind one
// interface with two drivers: Local (a directory, with HMAC-signed URLs
// served by the Go server) and S3 (any S3-compatible service, with
// presigned URLs). Browsers always move bytes through short-lived signed
// URLs; keys are chosen by the server, never from a user's file name.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Signed URL lifetimes (security guide point 19).
const (
	MaxPutTTL = 15 * time.Minute
	MaxGetTTL = 5 * time.Minute
)

// ErrNotFound is returned when nothing is stored at a key.
var ErrNotFound = errors.New("blob: not found")

// GetOptions describe how a signed download is served.
type GetOptions struct {
	ContentType string
	// Filename is the user's name for the file; it only ever appears in an
	// RFC 6266 Content-Disposition.
	Filename string
	// Inline lets the browser display the file; callers allow it only for
	// raster images and PDFs.
	Inline bool
}

// Store is a blob driver. Every method is safe for concurrent use.
type Store interface {
	// SignPut returns a URL accepting one PUT of exactly size bytes with
	// this Content-Type until ttl (≤ MaxPutTTL) has passed.
	SignPut(ctx context.Context, key, contentType string, size int64, ttl time.Duration) (string, error)
	// SignGet returns a download URL valid for ttl (≤ MaxGetTTL).
	SignGet(ctx context.Context, key string, o GetOptions, ttl time.Duration) (string, error)
	// Stat returns the stored size, or ErrNotFound.
	Stat(ctx context.Context, key string) (int64, error)
	// Open reads a blob, or returns ErrNotFound.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Put stores data written by the server itself (thumbnails).
	Put(ctx context.Context, key, contentType string, data []byte) error
	// Move renames src to dst, replacing whatever dst held.
	Move(ctx context.Context, src, dst string) error
	// Delete removes a blob; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

var keyRe = regexp.MustCompile(`^[a-z0-9]+(/[a-z0-9-]+)+$`)

// ValidKey reports whether key is one the server could have generated:
// lowercase segments of letters, digits and dashes, no dots, so it can never
// climb out of a directory.
func ValidKey(key string) bool { return len(key) <= 200 && keyRe.MatchString(key) }

func checkTTL(ttl, max time.Duration) error {
	if ttl <= 0 || ttl > max {
		return fmt.Errorf("blob: ttl %s outside (0, %s]", ttl, max)
	}
	return nil
}

// ContentDisposition builds an RFC 6266 header value: an ASCII fallback
// in filename= and the exact UTF-8 name in filename*= (RFC 8187).
func ContentDisposition(filename string, inline bool) string {
	kind := "attachment"
	if inline {
		kind = "inline"
	}
	if filename == "" {
		return kind
	}
	var ascii, ext strings.Builder
	for _, r := range filename {
		switch {
		case r < 0x20 || r == 0x7f || r == '"' || r == '\\' || r == '/' || r == ';' || r == '%':
			ascii.WriteByte('_')
		case r < 0x80:
			ascii.WriteRune(r)
		default:
			ascii.WriteByte('_')
		}
	}
	const attrChar = "!#$&+-.^_`|~"
	buf := make([]byte, 4)
	for _, r := range filename {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(attrChar, r)) {
			ext.WriteRune(r)
			continue
		}
		n := utf8.EncodeRune(buf, r)
		for _, b := range buf[:n] {
			fmt.Fprintf(&ext, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, ascii.String(), ext.String())
}
