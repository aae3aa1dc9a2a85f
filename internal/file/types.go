package file

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is one accepted file type: how it is named, served and recognised.
type kind struct {
	ID   string // stable name stored with the version ("png", "pdf", …)
	MIME string
	Exts []string
	// Inline types may be displayed by the browser: raster images and PDF
	// only (security guide point 19). Everything else is an attachment.
	Inline bool
	// Raster images get a thumbnail.
	Raster bool
	// Text types are checked whole (they could hide markup).
	Text bool
	// Magic reports whether the content matches the type; head is the
	// first bytes, all the whole content for Text types (nil otherwise).
	Magic func(head, all []byte) bool
}

func prefix(sigs ...string) func(head, _ []byte) bool {
	return func(head, _ []byte) bool {
		for _, s := range sigs {
			if bytes.HasPrefix(head, []byte(s)) {
				return true
			}
		}
		return false
	}
}

var zipMagic = prefix("PK\x03\x04", "PK\x05\x06")

// Markup that makes a "text" file something a browser could run.
var htmlRe = regexp.MustCompile(`(?i)<\s*(!doctype\s+html|html|script|iframe|body|head|meta|object|embed)\b`)

func plainText(_, all []byte) bool {
	if !utf8.Valid(all) || bytes.IndexByte(all, 0) >= 0 {
		return false
	}
	return !htmlRe.Match(all)
}

// svg accepts an SVG made only of allowlisted elements and attributes
// (svg.go).
func svg(_, all []byte) bool { return safeSVG(all) }

var kinds = []kind{
	{ID: "png", MIME: "image/png", Exts: []string{"png"}, Inline: true, Raster: true, Magic: prefix("\x89PNG\r\n\x1a\n")},
	{ID: "jpeg", MIME: "image/jpeg", Exts: []string{"jpg", "jpeg"}, Inline: true, Raster: true, Magic: prefix("\xff\xd8\xff")},
	{ID: "webp", MIME: "image/webp", Exts: []string{"webp"}, Inline: true, Raster: true, Magic: func(h, _ []byte) bool {
		return len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP"
	}},
	{ID: "gif", MIME: "image/gif", Exts: []string{"gif"}, Inline: true, Raster: true, Magic: prefix("GIF87a", "GIF89a")},
	{ID: "pdf", MIME: "application/pdf", Exts: []string{"pdf"}, Inline: true, Magic: prefix("%PDF-")},
	{ID: "svg", MIME: "image/svg+xml", Exts: []string{"svg"}, Text: true, Magic: svg},
	{ID: "zip", MIME: "application/zip", Exts: []string{"zip"}, Magic: zipMagic},
	{ID: "docx", MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Exts: []string{"docx"}, Magic: zipMagic},
	{ID: "xlsx", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Exts: []string{"xlsx"}, Magic: zipMagic},
	{ID: "pptx", MIME: "application/vnd.openxmlformats-officedocument.presentationml.presentation", Exts: []string{"pptx"}, Magic: zipMagic},
	{ID: "odt", MIME: "application/vnd.oasis.opendocument.text", Exts: []string{"odt"}, Magic: zipMagic},
	{ID: "ods", MIME: "application/vnd.oasis.opendocument.spreadsheet", Exts: []string{"ods"}, Magic: zipMagic},
	{ID: "txt", MIME: "text/plain; charset=utf-8", Exts: []string{"txt"}, Text: true, Magic: plainText},
	{ID: "md", MIME: "text/markdown; charset=utf-8", Exts: []string{"md"}, Text: true, Magic: plainText},
	{ID: "csv", MIME: "text/csv; charset=utf-8", Exts: []string{"csv"}, Text: true, Magic: plainText},
	{ID: "mp4", MIME: "video/mp4", Exts: []string{"mp4"}, Magic: func(h, _ []byte) bool { return len(h) >= 12 && string(h[4:8]) == "ftyp" }},
	{ID: "ttf", MIME: "font/ttf", Exts: []string{"ttf"}, Magic: prefix("\x00\x01\x00\x00", "true")},
	{ID: "otf", MIME: "font/otf", Exts: []string{"otf"}, Magic: prefix("OTTO")},
	{ID: "woff", MIME: "font/woff", Exts: []string{"woff"}, Magic: prefix("wOFF")},
	{ID: "woff2", MIME: "font/woff2", Exts: []string{"woff2"}, Magic: prefix("wOF2")},
}

func kindByID(id string) (kind, bool) {
	for _, k := range kinds {
		if k.ID == id {
			return k, true
		}
	}
	return kind{}, false
}

func kindByExt(ext string) (kind, bool) {
	for _, k := range kinds {
		for _, e := range k.Exts {
			if e == ext {
				return k, true
			}
		}
	}
	return kind{}, false
}

// allowed is the per-folder allowlist (security guide point 17), by the
// root folder's kind; sub-folders inherit it.
var allowed = map[string][]string{
	"branding":     {"png", "jpeg", "webp", "gif", "svg", "pdf", "ttf", "otf", "woff", "woff2", "zip"},
	"content":      {"png", "jpeg", "webp", "gif", "pdf", "txt", "md", "csv", "docx", "xlsx", "pptx", "odt", "ods", "zip"},
	"deliverables": {"png", "jpeg", "webp", "gif", "svg", "pdf", "zip", "mp4", "docx", "pptx"},
	// Attachments of client requests and their comments (system folder
	// « Pièces jointes »): screenshots, documents, short videos.
	"attachments": {"png", "jpeg", "webp", "gif", "pdf", "txt", "md", "csv", "docx", "xlsx", "pptx", "odt", "ods", "zip", "mp4"},
}

// allowedExts lists the extensions a folder kind accepts, for the UI.
func allowedExts(folderKind string) []string {
	var out []string
	for _, id := range allowed[folderKind] {
		k, _ := kindByID(id)
		for _, e := range k.Exts {
			out = append(out, "."+e)
		}
	}
	return out
}

func isAllowed(folderKind, id string) bool {
	for _, a := range allowed[folderKind] {
		if a == id {
			return true
		}
	}
	return false
}

// cleanName keeps the last path element of a user's file name, without
// control or formatting characters, at most maxNameLen characters with
// its extension kept. It is only
// ever stored and echoed in Content-Disposition, never used as a key.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base("/" + name)
	var b strings.Builder
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.TrimSpace(b.String())
	if s == "/" || s == "." || s == ".." {
		return ""
	}
	if r := []rune(s); len(r) > maxNameLen {
		// Shorten the stem, never the extension: the type is read from it.
		ext := []rune(path.Ext(s))
		if len(ext) > 16 {
			ext = nil // not an extension any allowlist knows
		}
		s = strings.TrimSpace(string(r[:maxNameLen-len(ext)])) + string(ext)
	}
	return s
}

// maxNameLen is the longest file name kept, in characters (the column's
// CHECK).
const maxNameLen = 255

func extOf(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || i == len(name)-1 {
		return ""
	}
	return strings.ToLower(name[i+1:])
}

// declaredMatches tolerates what browsers send for a file's type (often
// nothing, or octet-stream) but refuses a type that names another kind:
// "text/html" for a .jpg is refused before any byte is sent.
func declaredMatches(k kind, declared string) bool {
	d := strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	if d == "" || d == "application/octet-stream" || d == strings.Split(k.MIME, ";")[0] {
		return true
	}
	switch d {
	case "image/jpg", "image/pjpeg":
		return k.ID == "jpeg"
	case "application/x-zip-compressed", "application/x-zip":
		return k.ID == "zip"
	case "text/x-markdown":
		return k.ID == "md"
	case "application/vnd.ms-excel", "text/x-csv", "application/csv":
		return k.ID == "csv"
	case "application/x-font-ttf", "application/font-sfnt":
		return k.ID == "ttf"
	case "application/x-font-otf":
		return k.ID == "otf"
	case "application/font-woff":
		return k.ID == "woff"
	}
	return false
}
