package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// bodyReadTimeout is how long a client has to send a request body.
//
// checkInput reads every body itself, before huma. Reading a body to its
// end makes net/http start a background read of the connection (to notice
// a client that goes away), and that read would be cut by a read deadline
// set afterwards: huma's own per-operation body deadline, set after the
// middleware runs, then fires while the handler works and cancels the
// request's context (a request waiting 5 s for a lock was seen to die
// that way). So operations with a body have huma's deadline switched off
// (documentOperation) and this one is set before the body is read.
const bodyReadTimeout = 5 * time.Second

// maxTextProblems bounds the list of locations in one invalid_text problem.
const maxTextProblems = 20

// checkInput is the one place every operation's input is screened before
// its handler runs, so a new route cannot forget it:
//   - a body without a Content-Type is refused with 415 rather than guessed
//     to be JSON (security guide point 15);
//   - text PostgreSQL cannot store — a NUL character or bytes that are not
//     UTF-8 — in a path segment, a query value or any JSON string answers
//     422 invalid_text naming where it is (point 27).
func checkInput(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, _ := humago.Unwrap(ctx)
		op := ctx.Operation()
		var bad []*huma.ErrorDetail
		for _, p := range op.Parameters {
			if p.In == "path" {
				bad = appendBadText(bad, "path."+p.Name, ctx.Param(p.Name))
			}
		}
		u := ctx.URL()
		for name, values := range u.Query() {
			for _, v := range values {
				bad = appendBadText(bad, "query."+name, name+v)
			}
		}
		if op.RequestBody != nil && hasBody(r) {
			ct := ctx.Header("Content-Type")
			if ct == "" {
				_ = huma.WriteErr(api, ctx, http.StatusUnsupportedMediaType, "send a Content-Type header (application/json)")
				return
			}
			// The body is read here, under its own deadline, rather than
			// by huma: see bodyReadTimeout.
			ctx.SetReadDeadline(time.Now().Add(bodyReadTimeout))
			body, err := peekBody(r, op.MaxBodyBytes)
			if err == nil && isJSON(ct) {
				bad = append(bad, badJSONText(body)...)
			}
		}
		if len(bad) > 0 {
			if len(bad) > maxTextProblems {
				bad = bad[:maxTextProblems]
			}
			p := newProblem(CodeInvalidText, "text must be UTF-8 without NUL characters")
			p.Errors = bad
			p.RequestID = RequestID(ctx.Context())
			ctx.SetHeader("Content-Type", "application/problem+json")
			ctx.SetStatus(p.Status)
			_, _ = ctx.BodyWriter().Write(mustJSON(p))
			return
		}
		next(ctx)
	}
}

func hasBody(r *http.Request) bool {
	return r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// peekBody reads the body (up to the operation's limit) and puts it back
// for huma, which enforces the limit itself (413).
func peekBody(r *http.Request, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxBodyBytes
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	rest := r.Body
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), rest), rest}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, errors.New("body over the limit")
	}
	return body, nil
}

// textFault says why PostgreSQL could not store s, or "".
func textFault(s string) string {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "contains a NUL character, which cannot be stored"
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	}
	return ""
}

func appendBadText(bad []*huma.ErrorDetail, location, s string) []*huma.ErrorDetail {
	if msg := textFault(s); msg != "" {
		bad = append(bad, &huma.ErrorDetail{Location: location, Message: msg})
	}
	return bad
}

// badJSONText lists the strings of a JSON document that PostgreSQL could
// not store, by location (body.phases[0].name). Malformed JSON is left to
// huma (400).
func badJSONText(body []byte) []*huma.ErrorDetail {
	rawNUL := bytes.IndexByte(body, 0) >= 0
	invalidUTF8 := !utf8.Valid(body)
	if !rawNUL && !invalidUTF8 && !bytes.Contains(body, []byte(`\u0000`)) {
		return nil
	}
	// encoding/json turns invalid UTF-8 into U+FFFD: when the raw body was
	// not UTF-8, a string holding U+FFFD is where the bad bytes were.
	fault := func(s string) string {
		if msg := textFault(s); msg != "" {
			return msg
		}
		if invalidUTF8 && strings.ContainsRune(s, utf8.RuneError) {
			return "is not valid UTF-8"
		}
		return ""
	}
	bad := walkJSONStrings(body, fault)
	if len(bad) == 0 && (rawNUL || invalidUTF8) {
		bad = append(bad, &huma.ErrorDetail{Location: "body", Message: "is not valid UTF-8 JSON text"})
	}
	return bad
}

type jsonFrame struct {
	path    string
	object  bool
	key     string
	index   int
	wantKey bool
}

// walkJSONStrings visits every key and string value iteratively (no
// recursion, whatever the nesting) and reports those fault refuses.
func walkJSONStrings(body []byte, fault func(string) string) []*huma.ErrorDetail {
	var bad []*huma.ErrorDetail
	dec := json.NewDecoder(bytes.NewReader(body))
	stack := []jsonFrame{{path: "body"}}
	location := func() string {
		top := stack[len(stack)-1]
		switch {
		case len(stack) == 1:
			return "body"
		case top.object:
			return top.path + "." + top.key
		default:
			return fmt.Sprintf("%s[%d]", top.path, top.index)
		}
	}
	advance := func() {
		top := &stack[len(stack)-1]
		if top.object {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	for len(bad) <= maxTextProblems {
		tok, err := dec.Token()
		if err != nil {
			break // end of the document, or malformed JSON: huma says so
		}
		top := &stack[len(stack)-1]
		if top.object && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				advance()
				continue
			}
			key, _ := tok.(string)
			if msg := fault(key); msg != "" {
				bad = append(bad, &huma.ErrorDetail{Location: top.path, Message: "a property name " + msg})
				key = "?"
			}
			top.key, top.wantKey = key, false
			continue
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, jsonFrame{path: location(), object: true, wantKey: true})
			case '[':
				stack = append(stack, jsonFrame{path: location()})
			default: // ']' (a '}' is always met where a key is wanted)
				if len(stack) > 1 {
					stack = stack[:len(stack)-1]
				}
				advance()
			}
		case string:
			if msg := fault(v); msg != "" {
				bad = append(bad, &huma.ErrorDetail{Location: location(), Message: msg})
			}
			advance()
		default:
			advance()
		}
	}
	return bad
}
