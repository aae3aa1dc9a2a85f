package app_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/httpapi"
)

// requireCleanRefusal checks a bad input got a 4xx problem with a declared
// code whose status matches the response.
func requireCleanRefusal(t *testing.T, r *apitest.Response, what string) apitest.Problem {
	t.Helper()
	require.GreaterOrEqual(t, r.Status, 400, "%s: %s", what, r.Body)
	require.Less(t, r.Status, 500, "%s: %s", what, r.Body)
	require.Equal(t, "application/problem+json", r.Header.Get("Content-Type"), "%s: %s", what, r.Body)
	p := r.Problem(t)
	require.Equal(t, r.Status, p.Status, what)
	require.Contains(t, httpapi.Codes(), httpapi.Code(p.Code), "%s: undeclared code", what)
	require.Equal(t, r.Status, httpapi.Code(p.Code).Status(), "%s: status must follow from the code", what)
	return p
}

func requireLocation(t *testing.T, p apitest.Problem, location string) {
	t.Helper()
	var locs []string
	for _, e := range p.Errors {
		locs = append(locs, e.Location)
	}
	require.Contains(t, locs, location)
}

// Security guide points 15 and 27: text PostgreSQL cannot store is refused
// with 422 invalid_text naming where it is, wherever it comes from; a body
// without a Content-Type is not guessed to be JSON.
func TestInputScreening(t *testing.T) {
	t.Parallel()
	f := newMatrixFixtures(t)
	e := f.Env
	admin := e.Client()
	admin.Login(f.adminA.Email, f.adminA.Password)
	project := "/api/v1/w/" + f.wsA.Slug + "/projects/" + f.projX.String()

	cases := []struct {
		name, method, path string
		body               any
		contentType        string
		status             int
		code, location     string
	}{
		{name: "NUL in the workspace slug (read)", method: "GET", path: "/api/v1/w/ws-a%00", status: 422, code: "invalid_text", location: "path.workspace"},
		{name: "NUL in the workspace slug (write)", method: "PATCH", path: "/api/v1/w/ws%00a", body: map[string]any{"name": "Studio"}, status: 422, code: "invalid_text", location: "path.workspace"},
		{name: "invalid UTF-8 in a path segment", method: "POST", path: "/api/v1/w/%FF/projects", body: map[string]any{"name": "P", "clientName": "C"}, status: 422, code: "invalid_text", location: "path.workspace"},
		{name: "NUL in a query value", method: "GET", path: project + "/activity?kind=a%00b", status: 422, code: "invalid_text", location: "query.kind"},
		{name: "NUL in a JSON string", method: "POST", path: "/api/v1/w/ws-a/projects", body: map[string]any{"name": "Projet\u0000", "clientName": "Client"}, status: 422, code: "invalid_text", location: "body.name"},
		{name: "NUL deep in a JSON document", method: "PUT", path: project + "/phases", body: map[string]any{"phases": []any{map[string]any{"name": "Design"}, map[string]any{"name": "D\u0000ev"}}}, status: 422, code: "invalid_text", location: "body.phases[1].name"},
		{name: "invalid UTF-8 in a JSON string", method: "POST", path: project + "/tasks", body: []byte("{\"title\":\"T\xff\xfe\"}"), contentType: "application/json", status: 422, code: "invalid_text", location: "body.title"},
		{name: "NUL in a property name", method: "POST", path: project + "/tasks", body: map[string]any{"title": "T", "x\u0000": 1}, status: 422, code: "invalid_text", location: "body"},
		{name: "JSON body without Content-Type", method: "POST", path: project + "/tasks", body: []byte(`{"title":"T"}`), status: 415, code: "unsupported_media_type"},
		{name: "a publishable key as the Stripe secret key", method: "PUT", path: "/api/v1/w/" + f.wsA.Slug + "/payment-settings", body: map[string]any{"secretKey": "pk_live_51Abc"}, status: 422, code: "stripe_key_format", location: "body.secretKey"},
		{name: "a webhook secret without whsec_", method: "PUT", path: "/api/v1/w/" + f.wsA.Slug + "/payment-settings", body: map[string]any{"webhookSecret": "we_123"}, status: 422, code: "webhook_secret_invalid", location: "body.webhookSecret"},
		{name: "a Stripe key longer than any", method: "PUT", path: "/api/v1/w/" + f.wsA.Slug + "/payment-settings", body: map[string]any{"secretKey": "sk_test_" + strings.Repeat("x", 300)}, status: 422, code: "invalid_input", location: "body.secretKey"},
		{name: "JSON body as text/plain", method: "POST", path: project + "/tasks", body: []byte(`{"title":"T"}`), contentType: "text/plain", status: 415, code: "unsupported_media_type"},
	}
	before := fingerprint(t, e)
	for _, c := range cases {
		if c.contentType != "" {
			admin.Headers["Content-Type"] = c.contentType
		}
		r := admin.Do(c.method, c.path, c.body)
		delete(admin.Headers, "Content-Type")
		p := requireCleanRefusal(t, r, c.name)
		require.Equal(t, c.status, r.Status, "%s: %s", c.name, r.Body)
		require.Equal(t, c.code, p.Code, c.name)
		if c.location != "" {
			requireLocation(t, p, c.location)
		}
	}
	require.Equal(t, before, fingerprint(t, e), "refused input changed data")

	// Control: the same routes with clean input work.
	r := admin.Do("POST", project+"/tasks", map[string]any{"title": "Propre é ✓"})
	require.Equal(t, 201, r.Status, "%s", r.Body)

	// A User-Agent that is not UTF-8 (stored with the session) is no 5xx.
	ua := e.Client()
	ua.Headers["User-Agent"] = "Agent\xff\xfe"
	ua.Login(f.clientX.Email, f.clientX.Password)
}

// mutation is one bad variant of a valid body.
type mutation struct {
	name string
	body any
	// invalidText: the variant carries a NUL, so the answer must be
	// 422 invalid_text.
	invalidText bool
}

// mutations returns, for every field of a valid sample body (nested ones
// included): a NUL in each string, a 100 000-character string, a wrong
// type; plus an unknown property at the top.
func mutations(sample any) []mutation {
	var out []mutation
	var walk func(path []any, v any)
	walk = func(path []any, v any) {
		name := pathName(path)
		if len(path) > 0 {
			switch v.(type) {
			case string:
				out = append(out,
					mutation{name: name + ": NUL", body: replaceAt(sample, path, v.(string)+"\u0000x"), invalidText: true},
					mutation{name: name + ": 100 000 characters", body: replaceAt(sample, path, strings.Repeat("é", 100_000))},
					mutation{name: name + ": number instead of string", body: replaceAt(sample, path, 12345)})
			default:
				out = append(out, mutation{name: name + ": string instead of " + fmt.Sprintf("%T", v), body: replaceAt(sample, path, "not the right type")})
			}
		}
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				walk(append(slices.Clone(path), k), child)
			}
		case []any:
			for i, child := range x {
				walk(append(slices.Clone(path), i), child)
			}
		}
	}
	walk(nil, sample)
	if m, ok := sample.(map[string]any); ok {
		extra := clone(m).(map[string]any)
		extra["zzUnknownField"] = "surprise"
		out = append(out, mutation{name: "unknown property", body: extra})
	}
	return out
}

func pathName(path []any) string {
	s := "body"
	for _, p := range path {
		if i, ok := p.(int); ok {
			s += fmt.Sprintf("[%d]", i)
		} else {
			s += "." + p.(string)
		}
	}
	return s
}

func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func replaceAt(root any, path []any, value any) any {
	out := clone(root)
	cur := out
	for i, p := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p.(string)] = value
			}
			cur = c[p.(string)]
		case []any:
			if last {
				c[p.(int)] = value
			}
			cur = c[p.(int)]
		}
	}
	return out
}

// sample is a schema-valid value for s with every property, optional ones
// included, and at least one item in every array, so that the sweep spoils
// every field, those of array items too.
func sample(t *testing.T, reg huma.Registry, s *huma.Schema) any {
	if s.Ref != "" {
		s = reg.SchemaFromRef(s.Ref)
	}
	switch {
	case len(s.Enum) > 0:
		return s.Enum[0]
	case s.Type == "object":
		out := map[string]any{}
		for name, p := range s.Properties {
			out[name] = sample(t, reg, p)
		}
		return out
	case s.Type == "string":
		switch {
		case s.Format == "email":
			return "matrix@example.com"
		case s.Format == "uuid":
			return uuid.NewString()
		case s.Format == "date":
			return "2026-04-01"
		case s.Pattern != "" && strings.Contains(s.Pattern, "#"):
			return "#123456"
		case s.MinLength != nil && *s.MinLength > 12:
			return strings.Repeat("m", *s.MinLength)
		}
		return "Matrix value 1"
	case s.Type == "boolean":
		return true
	case s.Type == "integer" || s.Type == "number":
		if s.Minimum != nil {
			return *s.Minimum
		}
		return 1
	case s.Type == "array":
		items := []any{sample(t, reg, s.Items)}
		for s.MinItems != nil && len(items) < *s.MinItems {
			items = append(items, sample(t, reg, s.Items))
		}
		return items
	}
	t.Fatalf("schema type %q not handled by the matrix body generator", s.Type)
	return nil
}

// Issue 8: a bad-input sweep, generated from the OpenAPI document. Every
// write operation is called as an admin of the workspace with valid IDs and
// a body spoiled in one place at a time; every answer is a 4xx problem with
// a declared code, and nothing changes in the database.
func TestBadInputSweep(t *testing.T) {
	t.Parallel()
	f := newMatrixFixtures(t)
	e := f.Env
	api := e.Portal.Server.API
	admin := e.Client()
	admin.Login(f.adminA.Email, f.adminA.Password)
	reg := api.OpenAPI().Components.Schemas

	calls := 0
	for _, op := range operations(api) {
		if op.method == "GET" {
			continue
		}
		before := fingerprint(t, e)
		values := map[string]string{"token": "an-invitation-token"}
		for k, v := range f.own() {
			values[k] = v
		}

		// A NUL in each path parameter.
		for _, name := range paramRe.FindAllStringSubmatch(op.path, -1) {
			spoilt := map[string]string{}
			for k, v := range values {
				spoilt[k] = v
			}
			spoilt[name[1]] = url.PathEscape(values[name[1]] + "\x00")
			what := fmt.Sprintf("%s %s: NUL in {%s}", op.method, op.id, name[1])
			r := admin.Do(op.method, fill(t, op, spoilt), nil)
			p := requireCleanRefusal(t, r, what)
			require.Equal(t, "invalid_text", p.Code, what)
			calls++
		}

		path := fill(t, op, values)
		var sampleBody any
		if op.op.RequestBody != nil {
			if mt, ok := op.op.RequestBody.Content["application/json"]; ok {
				sampleBody = sample(t, reg, mt.Schema)
			}
		}
		for _, m := range mutations(sampleBody) {
			what := fmt.Sprintf("%s %s: %s", op.method, op.id, m.name)
			r := admin.Do(op.method, path, m.body)
			p := requireCleanRefusal(t, r, what)
			if m.invalidText {
				require.Equal(t, "invalid_text", p.Code, what)
			}
			calls++
		}
		require.Equal(t, before, fingerprint(t, e), "%s %s: refused input changed data", op.method, op.id)
	}
	require.Greater(t, calls, 100)
	t.Logf("bad-input sweep: %d calls", calls)
}

// Issue 9: arrays in the API document are never null. Every GET route is
// called as an admin (some lists are empty in the fixtures); wherever the
// schema says array, the response holds an array.
func TestArraysAreNeverNull(t *testing.T) {
	t.Parallel()
	f := newMatrixFixtures(t)
	e := f.Env
	api := e.Portal.Server.API
	reg := api.OpenAPI().Components.Schemas
	admin := e.Client()
	admin.Login(f.adminB.Email, f.adminB.Password)
	values := map[string]string{"token": "x", "slug": f.wsB.Slug}
	for k, v := range f.ids["b"] {
		values[k] = v
	}
	var check func(where string, s *huma.Schema, v any)
	check = func(where string, s *huma.Schema, v any) {
		if s.Ref != "" {
			s = reg.SchemaFromRef(s.Ref)
		}
		switch s.Type {
		case "array":
			items, ok := v.([]any)
			require.True(t, ok, "%s: expected an array, got %#v", where, v)
			for i, it := range items {
				check(fmt.Sprintf("%s[%d]", where, i), s.Items, it)
			}
		case "object":
			obj, _ := v.(map[string]any)
			for name, p := range s.Properties {
				if pv, ok := obj[name]; ok && pv != nil || p.Type == "array" {
					check(where+"."+name, p, obj[name])
				}
			}
		}
	}
	checked := 0
	for _, op := range operations(api) {
		if op.method != "GET" {
			continue
		}
		res := op.op.Responses["200"]
		if res == nil || res.Content["application/json"] == nil {
			continue
		}
		r := admin.Do("GET", fill(t, op, values), nil)
		if r.Status != 200 {
			continue
		}
		var body any
		r.JSON(t, &body)
		check(op.id, res.Content["application/json"].Schema, body)
		checked++
	}
	require.Greater(t, checked, 10)
}
