package app_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// globalRoutes are the operations that are not scoped to a workspace, each
// with the reason. A new route outside /w/{workspace} fails the matrix
// until it is listed here (and covered by its own tests).
var globalRoutes = map[string]string{
	"healthz":                "process liveness, no data",
	"readyz":                 "database reachability, no data",
	"login":                  "anonymous; throttled (auth tests)",
	"logout":                 "acts on the caller's own session",
	"get-me":                 "the caller's own account",
	"update-me":              "the caller's own account",
	"change-password":        "the caller's own account",
	"change-email":           "the caller's own account",
	"revoke-other-sessions":  "the caller's own sessions",
	"request-password-reset": "anonymous; same answer for any email",
	"confirm-password-reset": "needs a secret reset token",
	"get-invitation":         "needs a secret invitation token",
	"accept-invitation":      "needs a secret invitation token",
	"dev-list-mail":          "development mail driver only; not registered with SMTP",
}

// privateMarker is written in every admin note; no client response may
// ever contain it.
const privateMarker = "NOTE-PRIVEE-7f3a"

type fixtures struct {
	adminA, clientX, clientY, adminB, clientZ apitest.User
	wsA, wsB                                  apitest.Workspace
	projX, projY, projB                       uuid.UUID
	invA, invY, invB                          uuid.UUID

	// Path parameter values per scenario: "b" = workspace B's objects,
	// "y" = client Y's objects in workspace A, "own" = client X's own
	// objects (admin-only routes must refuse X with 403). A module adding a
	// route with a new path parameter adds its fixture to all three.
	ids map[string]map[string]string
}

type operation struct {
	id, method, path string
	op               *huma.Operation
}

func operations(api huma.API) []operation {
	var ops []operation
	for path, item := range api.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
			if op != nil {
				ops = append(ops, operation{id: op.OperationID, method: method, path: path, op: op})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops
}

var paramRe = regexp.MustCompile(`\{([^}]+)\}`)

// fill replaces every path parameter using values; an unknown parameter
// fails the test so that new routes must declare their fixtures here.
func fill(t *testing.T, op operation, values map[string]string) string {
	return paramRe.ReplaceAllStringFunc(op.path, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := values[name]
		if !ok {
			t.Fatalf("operation %s: path parameter {%s} has no fixture in the cross-tenant matrix; add one", op.id, name)
		}
		return v
	})
}

// body builds a valid request body from the operation's schema, so that
// validation passes and the authorisation check is what answers.
func body(t *testing.T, api huma.API, op operation) (any, string) {
	if op.op.RequestBody == nil {
		return nil, ""
	}
	for ctype, mt := range op.op.RequestBody.Content {
		if strings.HasPrefix(ctype, "image/") {
			img := image.NewRGBA(image.Rect(0, 0, 2, 2))
			img.Set(0, 0, color.RGBA{R: 200, A: 255})
			var b bytes.Buffer
			require.NoError(t, png.Encode(&b, img))
			return b.Bytes(), "image/png"
		}
		if ctype == "application/json" {
			return sample(t, api.OpenAPI().Components.Schemas, mt.Schema), ctype
		}
	}
	t.Fatalf("operation %s: no request body type the matrix knows", op.id)
	return nil, ""
}

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
		items := []any{}
		if s.MinItems != nil {
			for i := 0; i < *s.MinItems; i++ {
				items = append(items, sample(t, reg, s.Items))
			}
		}
		return items
	}
	t.Fatalf("schema type %q not handled by the matrix body generator", s.Type)
	return nil
}

// fingerprint hashes every Parvis table (River's job tables excluded: the
// queue runs on its own) as the superuser, bypassing RLS.
func fingerprint(t *testing.T, e *apitest.Env) string {
	ctx := context.Background()
	rows, err := e.DB.Super.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
		AND tablename NOT LIKE 'river\_%' AND tablename <> 'goose_db_version' ORDER BY 1`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	rows.Close()
	var sb strings.Builder
	for _, tb := range tables {
		var h string
		require.NoError(t, e.DB.Super.QueryRow(ctx, fmt.Sprintf(`SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %q x`, tb)).Scan(&h))
		sb.WriteString(tb + ":" + h + ";")
	}
	return sb.String()
}

func setup(t *testing.T) (*apitest.Env, fixtures) {
	e := apitest.New(t)
	var f fixtures
	f.adminA, f.clientX, f.clientY = e.CreateUser("admin-a@example.com"), e.CreateUser("x@example.com"), e.CreateUser("y@example.com")
	f.adminB, f.clientZ = e.CreateUser("admin-b@example.com"), e.CreateUser("z@example.com")
	f.wsA, f.wsB = e.CreateWorkspace("ws-a", f.adminA), e.CreateWorkspace("ws-b", f.adminB)
	f.projX = e.CreateProject(f.wsA, "Projet X", f.clientX)
	f.projY = e.CreateProject(f.wsA, "Projet Y", f.clientY)
	f.projB = e.CreateProject(f.wsB, "Projet B", f.clientZ)

	invite := func(u apitest.User, ws apitest.Workspace, p uuid.UUID, email string) uuid.UUID {
		c := e.Client()
		c.Login(u.Email, u.Password)
		r := c.Do("POST", "/api/v1/w/"+ws.Slug+"/projects/"+p.String()+"/invitations", map[string]any{"email": email})
		require.Equal(t, 201, r.Status, string(r.Body))
		var inv struct{ ID uuid.UUID }
		r.JSON(t, &inv)
		return inv.ID
	}
	f.invA = invite(f.adminA, f.wsA, f.projX, "pending-x@example.com")
	f.invY = invite(f.adminA, f.wsA, f.projY, "pending-y@example.com")
	f.invB = invite(f.adminB, f.wsB, f.projB, "pending-b@example.com")
	f.ids = map[string]map[string]string{
		"b":   {"workspace": f.wsB.Slug, "project": f.projB.String(), "invitation": f.invB.String(), "user": f.clientZ.ID.String()},
		"y":   {"workspace": f.wsA.Slug, "project": f.projY.String(), "invitation": f.invY.String(), "user": f.clientY.ID.String()},
		"own": {"workspace": f.wsA.Slug, "project": f.projX.String(), "invitation": f.invA.String(), "user": f.clientY.ID.String()},
	}

	// Board, approvals and notes (issue 3): one of each per scenario.
	create := func(u apitest.User, path string, body map[string]any) string {
		c := e.Client()
		c.Login(u.Email, u.Password)
		r := c.Do("POST", path, body)
		require.Equal(t, 201, r.Status, "%s: %s", path, r.Body)
		var obj struct{ ID string }
		r.JSON(t, &obj)
		return obj.ID
	}
	for scenario, who := range map[string]struct {
		admin apitest.User
		ws    apitest.Workspace
		proj  uuid.UUID
	}{"b": {f.adminB, f.wsB, f.projB}, "y": {f.adminA, f.wsA, f.projY}, "own": {f.adminA, f.wsA, f.projX}} {
		base := "/api/v1/w/" + who.ws.Slug + "/projects/" + who.proj.String()
		f.ids[scenario]["task"] = create(who.admin, base+"/tasks", map[string]any{"title": "Tâche " + scenario})
		f.ids[scenario]["approval"] = create(who.admin, base+"/approvals", map[string]any{"kind": "maquette"})
		f.ids[scenario]["note"] = create(who.admin, base+"/notes", map[string]any{"body": privateMarker + " " + scenario})
	}

	// Files (issue 4): the project's client files a PDF (no thumbnail job,
	// so nothing changes behind the matrix's back) and leaves an upload pending.
	for scenario, who := range map[string]struct {
		client apitest.User
		ws     apitest.Workspace
		proj   uuid.UUID
	}{"b": {f.clientZ, f.wsB, f.projB}, "y": {f.clientY, f.wsA, f.projY}, "own": {f.clientX, f.wsA, f.projX}} {
		c := e.Client()
		c.Login(who.client.Email, who.client.Password)
		folder := c.Folders(who.ws.Slug, who.proj)["Contenu"]
		up := c.Upload(who.ws.Slug, who.proj, folder, uuid.Nil, "devis-"+scenario+".pdf", []byte("%PDF-1.4 matrix "+scenario))
		r, tk := c.RequestUpload(who.ws.Slug, who.proj, folder, uuid.Nil, "pending.pdf", 10)
		require.Equal(t, 201, r.Status, string(r.Body))
		f.ids[scenario]["folder"] = folder.String()
		f.ids[scenario]["file"] = up.ID.String()
		f.ids[scenario]["version"] = up.VersionID.String()
		f.ids[scenario]["upload"] = tk.UploadID.String()
	}
	return e, f
}

// Security guide point 11: every route, called as workspace A with
// workspace B's IDs, and as client X with client Y's project, answers 404
// and changes nothing. Routes are discovered from the API itself.
func TestCrossTenantMatrix(t *testing.T) {
	t.Parallel()
	e, f := setup(t)
	api := e.Portal.Server.API
	adminA := e.Client()
	adminA.Login(f.adminA.Email, f.adminA.Password)
	clientX := e.Client()
	clientX.Login(f.clientX.Email, f.clientX.Password)

	covered := 0
	for _, op := range operations(api) {
		if !strings.Contains(op.path, "{workspace}") {
			_, ok := globalRoutes[op.id]
			require.True(t, ok, "operation %s (%s %s) is outside /w/{workspace}: scope it or list it in globalRoutes with a reason", op.id, op.method, op.path)
			continue
		}
		access, _ := op.op.Metadata["access"].(string)
		require.Contains(t, []string{"admin", "member"}, access, "operation %s must declare Metadata access (httpapi.AdminOnly or httpapi.AnyMember)", op.id)
		b, ctype := body(t, api, op)

		call := func(c *apitest.Client, path string) *apitest.Response {
			if raw, ok := b.([]byte); ok {
				c.Headers["Content-Type"] = ctype
				defer delete(c.Headers, "Content-Type")
				return c.Do(op.method, path, raw)
			}
			return c.Do(op.method, path, b)
		}
		expect := func(name string, c *apitest.Client, values map[string]string, want int) {
			before := fingerprint(t, e)
			path := fill(t, op, values)
			r := call(c, path)
			require.Equal(t, want, r.Status, "%s: %s %s %s → %s", name, op.id, op.method, path, r.Body)
			require.Equal(t, before, fingerprint(t, e), "%s: %s %s %s changed data", name, op.id, op.method, path)
			covered++
		}

		// Admin of A, everything from B.
		expect("A admin, B workspace", adminA, f.ids["b"], 404)
		// Admin of A, own workspace slug, B's object IDs.
		if len(paramRe.FindAllString(op.path, -1)) > 1 {
			mixed := map[string]string{}
			for k, v := range f.ids["b"] {
				mixed[k] = v
			}
			mixed["workspace"] = f.wsA.Slug
			expect("A admin, B objects in A", adminA, mixed, 404)
		}
		// Client X on client Y's project (same workspace).
		if strings.Contains(op.path, "{project}") {
			expect("client X, Y's project", clientX, f.ids["y"], 404)
		}
		// Client X on its own project: admin-only routes are refused.
		if access == "admin" {
			expect("client X, admin-only route", clientX, f.ids["own"], 403)
		}
	}
	require.Greater(t, covered, 20)
	t.Logf("cross-tenant matrix: %d calls", covered)
}

// The same routes with the caller's own IDs succeed for an admin: the
// matrix's 404s are about tenancy, not broken fixtures.
func TestCrossTenantMatrix_OwnIDsWork(t *testing.T) {
	t.Parallel()
	e, f := setup(t)
	adminA := e.Client()
	adminA.Login(f.adminA.Email, f.adminA.Password)
	for _, path := range []string{"/api/v1/w/ws-a", "/api/v1/w/ws-a/projects", "/api/v1/w/ws-a/projects/" + f.projY.String(), "/api/v1/w/ws-a/projects/" + f.projY.String() + "/people"} {
		r := adminA.Do("GET", path, nil)
		require.Equal(t, 200, r.Status, "%s: %s", path, r.Body)
	}
	clientX := e.Client()
	clientX.Login(f.clientX.Email, f.clientX.Password)
	r := clientX.Do("GET", "/api/v1/w/ws-a/projects", nil)
	require.Equal(t, 200, r.Status)
	var list struct{ Projects []struct{ ID uuid.UUID } }
	r.JSON(t, &list)
	require.Len(t, list.Projects, 1)
	require.Equal(t, f.projX, list.Projects[0].ID)
}

// Security guide point 11 (second half): admin notes never appear in a
// client's response. Every GET route is called as client X with X's own
// IDs; none may contain the notes' text.
func TestAdminOnlyFieldsNeverReachClients(t *testing.T) {
	t.Parallel()
	e, f := setup(t)
	clientX := e.Client()
	clientX.Login(f.clientX.Email, f.clientX.Password)
	calls := 0
	for _, op := range operations(e.Portal.Server.API) {
		if op.method != "GET" || !strings.Contains(op.path, "{workspace}") {
			continue
		}
		r := clientX.Do("GET", fill(t, op, f.ids["own"]), nil)
		require.NotContains(t, string(r.Body), privateMarker, "%s leaks admin notes to a client", op.id)
		calls++
	}
	require.Greater(t, calls, 5)
}
