package httpapi

import (
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
)

// documentOperation completes each operation's OpenAPI entry so the
// document passes Redocly's recommended rules (linted by make test):
//   - an operation that names no security scheme is public and says so
//     (`security: []`) rather than leaving it undefined;
//   - every operation lists a 4xx: at least the 422 invalid_text that the
//     input screening can answer on any route.
//
// It also switches huma's body read deadline off where checkInput sets its
// own (bodyReadTimeout).
func documentOperation(oapi *huma.OpenAPI, op *huma.Operation) {
	if op.RequestBody != nil {
		// checkInput reads the body under its own deadline (bodyReadTimeout).
		op.BodyReadTimeout = -1
	}
	if op.Security == nil {
		op.Security = []map[string][]string{}
	}
	for status := range op.Responses {
		if n, err := strconv.Atoi(status); err == nil && n >= 400 && n < 500 {
			return
		}
	}
	if op.Responses == nil {
		op.Responses = map[string]*huma.Response{}
	}
	schema := oapi.Components.Schemas.Schema(reflect.TypeFor[Problem](), true, "")
	op.Responses[strconv.Itoa(http.StatusUnprocessableEntity)] = &huma.Response{
		Description: http.StatusText(http.StatusUnprocessableEntity),
		Content:     map[string]*huma.MediaType{"application/problem+json": {Schema: schema}},
	}
}
