package httpapi

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// Problem is Parvis's RFC 9457 error body. Code is stable and machine
// readable: the web client turns it into French or English text; Detail is
// an English hint for developers, never an internal cause.
type Problem struct {
	Type      string              `json:"type,omitempty" doc:"A URI reference identifying the problem type"`
	Title     string              `json:"title" doc:"Short summary of the HTTP status"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Code      Code                `json:"code" doc:"Stable error code; the HTTP status follows from it"`
	RequestID string              `json:"requestId,omitempty"`
	Errors    []*huma.ErrorDetail `json:"errors,omitempty" doc:"Per-field problems; location is like body.email"`

	headers http.Header
}

func (p *Problem) Error() string             { return string(p.Code) + ": " + p.Detail }
func (p *Problem) GetStatus() int            { return p.Status }
func (p *Problem) ContentType(string) string { return "application/problem+json" }
func (p *Problem) GetHeaders() http.Header   { return p.headers }

// Err returns a problem with an explicit code; its status comes from the
// code (see codeTable).
func Err(code Code, detail string) error {
	return newProblem(code, detail)
}

func newProblem(code Code, detail string) *Problem {
	status := code.Status()
	return &Problem{Title: http.StatusText(status), Status: status, Code: code, Detail: detail}
}

// FieldErr is a problem naming one field, in huma's shape, so forms show
// the message next to the right input.
func FieldErr(code Code, location, message string, value any) error {
	p := newProblem(code, message)
	p.Errors = []*huma.ErrorDetail{{Location: location, Message: message, Value: value}}
	return p
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
func NotFound() error { return Err(CodeNotFound, "resource not found") }

// Forbidden is for callers who can see an object but not change it.
func Forbidden() error {
	return Err(CodeForbidden, "this action is reserved to the workspace admins")
}

// installErrorsOnce guards huma's error hooks, which are package globals:
// setting them for every API instance raced under parallel tests.
var installErrorsOnce sync.Once

// installErrors makes every huma error a Problem, hides internal causes
// (logged with the request ID instead) and stamps the request ID. The
// logger comes from the request's context, so each API logs to its own.
func installErrors() {
	installErrorsOnce.Do(func() {
		// Arrays are sent as [] rather than null: the schema says so and
		// the web never needs `?? []`.
		huma.DefaultArrayNullable = false
		huma.NewErrorWithContext = newHumaError
		huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
			return newHumaError(nil, status, msg, errs...)
		}
	})
}

func newHumaError(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
	ctx := context.Background()
	if hctx != nil {
		ctx = hctx.Context()
	}
	if t := transientProblem(errs); status >= 500 && t != nil {
		loggerFrom(ctx).WarnContext(ctx, "database gave up waiting", "status", t.Status, "errors", errs, "request_id", RequestID(ctx))
		t.RequestID = RequestID(ctx)
		return t
	}
	if status >= 500 {
		// The last resort for input only the database noticed (a route
		// that forgot a limit): a client error, never a 500.
		if p := fromDatabase(errs); p != nil {
			p.RequestID = RequestID(ctx)
			loggerFrom(ctx).WarnContext(ctx, "input refused by the database", "errors", errs, "request_id", p.RequestID)
			return p
		}
	}
	p := &Problem{Title: http.StatusText(status), Status: status, Code: codeForStatus(status), Detail: msg, RequestID: RequestID(ctx)}
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
		loggerFrom(ctx).ErrorContext(ctx, "internal error", "status", status, "msg", msg, "errors", errs, "request_id", p.RequestID)
		p.Detail = "an internal error occurred; quote the request ID when reporting it"
		p.Errors = nil
	}
	return p
}

// fromDatabase turns PostgreSQL's refusals of the data itself into a 422:
// text it cannot store (NUL, bad encoding), values too long or out of
// range. Any other error stays a 500.
func fromDatabase(errs []error) *Problem {
	for _, e := range errs {
		var pg *pgconn.PgError
		if e == nil || !errors.As(e, &pg) {
			continue
		}
		switch {
		case pg.Code == "22021" || pg.Code == "22P05": // character_not_in_repertoire, untranslatable_character
			return newProblem(CodeInvalidText, "text must be UTF-8 without NUL characters")
		case pg.Code == "22001" || pg.Code == "54000": // string_data_right_truncation, program_limit_exceeded
			return newProblem(CodeTextTooLong, "a value is too long")
		case len(pg.Code) == 5 && pg.Code[:2] == "22": // data_exception: the value itself is wrong
			return newProblem(CodeInvalidInput, "a value is out of range or malformed")
		}
	}
	return nil
}
