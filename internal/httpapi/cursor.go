package httpapi

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// EncodeCursor is the opaque keyset cursor of a list ordered by (time, id)
// descending: the last row of a page, sent back as `cursor` for the next.
func EncodeCursor(at time.Time, id uuid.UUID) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at.UnixMicro(), 10) + "_" + id.String()))
}

// DecodeCursor reads EncodeCursor's output; ok is false for anything else.
func DecodeCursor(s string) (at time.Time, id uuid.UUID, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, uuid.Nil, false
	}
	ts, rest, found := strings.Cut(string(b), "_")
	us, err1 := strconv.ParseInt(ts, 10, 64)
	u, err2 := uuid.Parse(rest)
	if !found || err1 != nil || err2 != nil {
		return time.Time{}, uuid.Nil, false
	}
	return time.UnixMicro(us).UTC(), u, true
}

// BadCursor is the 422 for a cursor that is not a page's nextCursor.
func BadCursor(cursor string) error {
	return FieldErr(CodeInvalidInput, "cursor", "unknown cursor: pass the nextCursor of the previous page", cursor)
}
