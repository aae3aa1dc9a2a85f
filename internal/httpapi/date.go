package httpapi

import (
	"fmt"
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

// Dates a project can carry (due dates, phases, delivery): a typo such as
// year 0000 or 20266 is refused rather than stored and shown.
const (
	MinDateYear = 1900
	MaxDateYear = 2200
)

// ParseDate reads an optional date field; an empty string means none.
func ParseDate(location string, s *string) (*time.Time, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	t, err := time.Parse(DateLayout, *s)
	if err != nil {
		return nil, FieldErr(CodeInvalidInput, location, "expected a date like 2026-03-31", *s)
	}
	if t.Year() < MinDateYear || t.Year() > MaxDateYear {
		return nil, FieldErr("invalid_input", location, fmt.Sprintf("expected a date between %d-01-01 and %d-12-31", MinDateYear, MaxDateYear), *s)
	}
	return &t, nil
}
