package httpapi

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseDateBounds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in     string
		ok     bool
		detail string
	}{
		{"2026-03-31", true, ""},
		{"1900-01-01", true, ""},
		{"2200-12-31", true, ""},
		{"", true, ""},
		{"0000-01-01", false, "expected a date between 1900-01-01 and 2200-12-31"},
		{"1899-12-31", false, "expected a date between 1900-01-01 and 2200-12-31"},
		{"2201-01-01", false, "expected a date between 1900-01-01 and 2200-12-31"},
		{"9999-12-31", false, "expected a date between 1900-01-01 and 2200-12-31"},
		{"2026-02-30", false, "expected a date like 2026-03-31"},
		{"20266-01-01", false, "expected a date like 2026-03-31"},
	} {
		s := c.in
		d, err := ParseDate("body.dueDate", &s)
		if c.ok {
			require.NoError(t, err, c.in)
			require.Equal(t, c.in == "", d == nil)
			continue
		}
		var p *Problem
		require.True(t, errors.As(err, &p), c.in)
		require.Equal(t, 422, p.Status, c.in)
		require.Equal(t, c.detail, p.Detail, c.in)
		require.Equal(t, "body.dueDate", p.Errors[0].Location)
	}
}
