package httpapi

import (
	"time"
)

// DateLayout is the wire format of calendar dates (RFC 3339 full-date).
const DateLayout = "2006-01-02"

// FormatDate renders an optional date.
func FormatDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(DateLayout)
	return &s
}

// ParseDate reads an optional date field; an empty string means none.
func ParseDate(location string, s *string) (*time.Time, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	t, err := time.Parse(DateLayout, *s)
	if err != nil {
		return nil, FieldErr(CodeInvalidInput, location, "expected a date like 2026-03-31", *s)
	}
	return &t, nil
}
