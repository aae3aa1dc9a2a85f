package file

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestCleanNameKeepsTheExtension(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{strings.Repeat("a", 300) + ".pdf", strings.Repeat("a", 251) + ".pdf"},
		{strings.Repeat("é", 300) + ".JPEG", strings.Repeat("é", 250) + ".JPEG"},
		{strings.Repeat("b", 254) + " .png", strings.Repeat("b", 251) + ".png"},
		{"C:\\Users\\moi\\devis.pdf", "devis.pdf"},
		{strings.Repeat("c", 300), strings.Repeat("c", 255)},
	} {
		got := cleanName(c.in)
		require.Equal(t, c.want, got)
		require.LessOrEqual(t, utf8.RuneCountInString(got), maxNameLen)
		require.Equal(t, extOf(c.in), extOf(got), "the type is read from the extension")
	}
}
