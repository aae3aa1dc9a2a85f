package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// Problem is Parvis's RFC 9457 error body. Code is stable and machine
// readable: the web client turns it into French or English text; Detail is
// an English hint for developers, never an internal cause.
type Problem struct {
	Type      string              `json:"type,omitempty" doc:"A URI reference identifying the problem type"`
	Title     string              `json:"title" doc:"Short summary of the HTTP status"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Code      string              `json:"code" doc:"Stable error code, e.g. invalid_credentials, not_found, invalid_input"`
	RequestID string              `json:"requestId,omitempty"`
	Errors    []*huma.ErrorDetail `json:"errors,omitempty" doc:"Per-field problems; location is like body.email"`

	headers http.Header
}

func (p *Problem) Error() string             { return p.Code + ": " + p.Detail }
func (p *Problem) GetStatus() int            { return p.Status }
func (p *Problem) ContentType(string) string { return "application/problem+json" }
func (p *Problem) GetHeaders() http.Header   { return p.headers }

// defaultCodes names the code of errors huma raises by itself.
var defaultCodes = map[int]string{
	400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
	405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 410: "gone",
	413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_input",
	429: "too_many_requests", 500: "internal", 503: "unavailable",
}

// Err returns a problem with an explicit code.
func Err(status int, code, detail string) error {
	return &Problem{Title: http.StatusText(status), Status: status, Code: code, Detail: detail}
}

// FieldErr is a 422 naming one field, in huma's shape, so forms show the
// message next to the right input.
func FieldErr(code, location, message string, value any) error {
	return &Problem{
		Title: http.StatusText(422), Status: 422, Code: code, Detail: message,
		Errors: []*huma.ErrorDetail{{Location: location, Message: message, Value: value}},
	}
}

// WithHeaders attaches response headers (Retry-After) to a problem.
func WithHeaders(err error, h http.Header) error {
	var p *Problem
	if errors.As(err, &p) {
		p.headers = h
	}
	return err
}

// NotFound is the answer for anything the caller may not see, whether it
// exists or not (no cross-tenant oracle).
func NotFound() error { return Err(404, "not_found", "resource not found") }

// Forbidden is for callers who can see an object but not change it.
func Forbidden() error {
	return Err(403, "forbidden", "this action is reserved to the workspace admins")
}

// installErrors makes every huma error a Problem, hides internal causes
// (logged with the request ID instead) and stamps the request ID.
func installErrors(log *slog.Logger) {
	huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		var ctx context.Context = context.Background()
		if hctx != nil {
			ctx = hctx.Context()
		}
		if t := transientProblem(errs); status >= 500 && t != nil {
			log.WarnContext(ctx, "database gave up waiting", "status", t.Status, "errors", errs, "request_id", RequestID(ctx))
			t.RequestID = RequestID(ctx)
			return t
		}
		p := &Problem{Title: http.StatusText(status), Status: status, Code: defaultCodes[status], Detail: msg, RequestID: RequestID(ctx)}
		if p.Code == "" {
			p.Code = "error"
		}
		for _, e := range errs {
			if e == nil {
				continue
			}
			if d, ok := e.(huma.ErrorDetailer); ok {
				p.Errors = append(p.Errors, d.ErrorDetail())
			} else if status < 500 {
				p.Errors = append(p.Errors, &huma.ErrorDetail{Message: e.Error()})
			}
		}
		if status >= 500 {
			log.ErrorContext(ctx, "internal error", "status", status, "msg", msg, "errors", errs, "request_id", p.RequestID)
			p.Detail = "an internal error occurred; quote the request ID when reporting it"
			p.Errors = nil
		}
		return p
	}
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return huma.NewErrorWithContext(nil, status, msg, errs...)
	}
}
