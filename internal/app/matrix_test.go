package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// globalRoutes are the operations that are not scoped to a workspace, each
// with the reason. A new route outside /w/{workspace} fails the matrix
// until it is listed here (and covered by its own tests).
var globalRoutes = map[string]string{
	"healthz":                   "process liveness, no data",
	"readyz":                    "database reachability, no data",
	"login":                     "anonymous; throttled (auth tests)",
	"logout":                    "acts on the caller's own session",
	"get-me":                    "the caller's own account",
	"update-me":                 "the caller's own account",
	"change-password":           "the caller's own account",
	"change-email":              "the caller's own account",
	"revoke-other-sessions":     "the caller's own sessions",
	"request-password-reset":    "anonymous; same answer for any email",
	"confirm-password-reset":    "needs a secret reset token",
	"get-invitation":            "needs a secret invitation token",
	"accept-invitation":         "needs a secret invitation token",
	"dev-list-mail":             "development mail driver only; not registered with SMTP",
	"get-public-workspace":      "anonymous; a workspace's public branding only (workspace tests)",
	"get-public-workspace-logo": "anonymous; a workspace's logo only (workspace tests)",
}

// privateMarker is written in every admin note; no client response may
// ever contain it.
const privateMarker = "NOTE-PRIVEE-7f3a"

// matrixFixtures are two workspaces and three projects with one object of
// every kind each, built through the API. The cross-tenant matrix and the
// bad-input sweep share them.
type matrixFixtures struct {
	*apitest.Env
	adminA, clientX, clientY, adminB, clientZ apitest.User
	wsA, wsB                                  apitest.Workspace
	projX, projY, projB                       uuid.UUID

	// Logged-in browsers of the rightful callers: the admin of A and the
	// client of project X.
	asAdminA, asClientX *apitest.Client

	// Path parameter values per owner: "x" = project X of workspace A
	// (client X's; the rightful callers' own objects), "y" = project Y of
	// the same workspace (client Y's), "b" = workspace B's project. "user"
	// is the project's client. A module adding a route with a new path
	// parameter adds its fixture to all three. Keys that are no path
	// parameter name objects that request bodies refer to: "phase" (a
	// phase of the project), "afterTask" (a task of the project's
	// waiting_client column), "checkoutSession" (the open simulated
	// Checkout session of "payment"), "otherTicket" (a second request, the
	// original of a duplicate), "attachment", "commentAttachment" and
	// "messageAttachment" (files the project's client uploaded for
	// requests and messages, not attached yet).
	ids map[string]map[string]string

	// pdf is the content of each owner's filed PDF ("file").
	pdf map[string][]byte
	// siblingVersion is the version of a second file of project X.
	siblingVersion string
}

// owners are the keys of matrixFixtures.ids.
var owners = []string{"x", "y", "b"}

func newMatrixFixtures(t *testing.T) *matrixFixtures {
	t.Helper()
	e := apitest.New(t)
	f := &matrixFixtures{Env: e, pdf: map[string][]byte{}}
	f.adminA, f.clientX, f.clientY = e.CreateUser("admin-a@example.com"), e.CreateUser("x@example.com"), e.CreateUser("y@example.com")
	f.adminB, f.clientZ = e.CreateUser("admin-b@example.com"), e.CreateUser("z@example.com")
	f.wsA, f.wsB = e.CreateWorkspace("ws-a", f.adminA), e.CreateWorkspace("ws-b", f.adminB)
	f.projX = e.CreateProject(f.wsA, "Projet X", f.clientX)
	f.projY = e.CreateProject(f.wsA, "Projet Y", f.clientY)
	f.projB = e.CreateProject(f.wsB, "Projet B", f.clientZ)
	f.asAdminA, f.asClientX = f.login(f.adminA), f.login(f.clientX)
	browsers := map[uuid.UUID]*apitest.Client{f.adminA.ID: f.asAdminA, f.clientX.ID: f.asClientX}
	browser := func(u apitest.User) *apitest.Client {
		if c, ok := browsers[u.ID]; ok {
			return c
		}
		browsers[u.ID] = f.login(u)
		return browsers[u.ID]
	}

	type owner struct {
		admin, client apitest.User
		ws            apitest.Workspace
		proj          uuid.UUID
	}
	all := map[string]owner{
		"x": {f.adminA, f.clientX, f.wsA, f.projX},
		"y": {f.adminA, f.clientY, f.wsA, f.projY},
		"b": {f.adminB, f.clientZ, f.wsB, f.projB},
	}
	f.ids = map[string]map[string]string{}
	for _, name := range owners {
		o := all[name]
		admin, client := browser(o.admin), browser(o.client)
		base := "/api/v1/w/" + o.ws.Slug + "/projects/" + o.proj.String()
		ids := map[string]string{"workspace": o.ws.Slug, "project": o.proj.String(), "user": o.client.ID.String()}
		ids["invitation"] = create(t, admin, base+"/invitations", map[string]any{"email": "pending-" + name + "@example.com"})
		// Board, approvals and notes (issue 3): one of each per owner.
		ids["task"] = create(t, admin, base+"/tasks", map[string]any{"title": "Tâche " + name})
		ids["afterTask"] = create(t, admin, base+"/tasks", map[string]any{"title": "Logo " + name, "column": "waiting_client", "blockedByClient": true, "blockedReason": "Envoyer le logo"})
		r := admin.Do("PUT", base+"/phases", map[string]any{"phases": []any{map[string]any{"name": "Design"}}})
		require.Equal(t, 200, r.Status, string(r.Body))
		var phases struct{ Phases []struct{ ID string } }
		r.JSON(t, &phases)
		ids["phase"] = phases.Phases[0].ID
		ids["approval"] = create(t, admin, base+"/approvals", map[string]any{"kind": "maquette"})
		ids["note"] = create(t, admin, base+"/notes", map[string]any{"body": privateMarker + " " + name})
		// Files (issue 4): the project's client files a PDF (its thumbnail
		// job fails on this fake PDF and changes nothing) and leaves an
		// upload pending.
		folder := client.Folders(o.ws.Slug, o.proj)["Contenu"]
		f.pdf[name] = []byte("%PDF-1.4 matrix " + name)
		up := client.Upload(o.ws.Slug, o.proj, folder, uuid.Nil, "devis-"+name+".pdf", f.pdf[name])
		r, tk := client.RequestUpload(o.ws.Slug, o.proj, folder, uuid.Nil, "pending.pdf", 10)
		require.Equal(t, 201, r.Status, string(r.Body))
		ids["folder"], ids["file"], ids["version"], ids["upload"] = folder.String(), up.ID.String(), up.VersionID.String(), tk.UploadID.String()
		// Final, so that a refused call clearing it shows in a snapshot.
		r = admin.Do("PUT", base+"/files/"+ids["file"]+"/versions/"+ids["version"]+"/final", map[string]any{"final": true})
		require.Equal(t, 200, r.Status, string(r.Body))
		// Payments (issue 12): a request per owner, and its open
		// simulated Checkout session (« Payer » clicked by the client).
		ids["payment"] = create(t, admin, base+"/payments", map[string]any{"kind": "acompte", "title": "Acompte " + name, "amountCents": 120000})
		r = client.Do("POST", base+"/payments/"+ids["payment"]+"/checkout", nil)
		require.Equal(t, 200, r.Status, string(r.Body))
		var session string
		require.NoError(t, e.DB.Super.QueryRow(context.Background(), `SELECT checkout_session_id FROM payment_requests WHERE id = $1`, ids["payment"]).Scan(&session))
		ids["checkoutSession"] = session
		// Client requests (issue 11): the client opens two and comments
		// one; two attachments uploaded for requests, not attached yet
		// (bodies of create-ticket and comment-ticket name them).
		var tl struct{ AttachmentsFolderID uuid.UUID }
		r = client.Do("GET", base+"/tickets", nil)
		require.Equal(t, 200, r.Status, string(r.Body))
		r.JSON(t, &tl)
		ids["ticket"] = create(t, client, base+"/tickets", map[string]any{"type": "bug", "title": "Demande " + name})
		ids["otherTicket"] = create(t, client, base+"/tickets", map[string]any{"type": "question", "title": "Autre demande " + name})
		ids["comment"] = create(t, client, base+"/tickets/"+ids["ticket"]+"/comments", map[string]any{"body": "Précision " + name})
		// An internal note on it: no client response may carry it.
		create(t, admin, base+"/tickets/"+ids["ticket"]+"/comments", map[string]any{"body": privateMarker + " interne " + name, "internal": true})
		ids["attachment"] = client.Upload(o.ws.Slug, o.proj, tl.AttachmentsFolderID, uuid.Nil, "capture-"+name+".pdf", []byte("%PDF-1.4 capture "+name)).ID.String()
		ids["commentAttachment"] = client.Upload(o.ws.Slug, o.proj, tl.AttachmentsFolderID, uuid.Nil, "suite-"+name+".pdf", []byte("%PDF-1.4 suite "+name)).ID.String()
		// Messages (issue 13): the client's message, and a file uploaded
		// for a message, not attached yet (post-message's body names it).
		ids["message"] = create(t, client, base+"/messages", map[string]any{"body": "Bonjour " + name})
		ids["messageAttachment"] = client.Upload(o.ws.Slug, o.proj, tl.AttachmentsFolderID, uuid.Nil, "photo-"+name+".pdf", []byte("%PDF-1.4 photo "+name)).ID.String()
		f.ids[name] = ids
		if name == "x" {
			f.siblingVersion = client.Upload(o.ws.Slug, o.proj, folder, uuid.Nil, "annexe.pdf", []byte("%PDF-1.4 annexe")).VersionID.String()
		}
	}
	f.settle(t)
	// The bell (issue 14): each owner's client's first notification (the
	// inbox jobs ran in settle).
	for _, name := range owners {
		var id uuid.UUID
		require.NoError(t, e.DB.Super.QueryRow(context.Background(), `SELECT event_id FROM notification_inbox WHERE user_id = $1
			ORDER BY created_at, event_id LIMIT 1`, f.ids[name]["user"]).Scan(&id), "owner %s has no notification", name)
		f.ids[name]["notification"] = id.String()
	}
	return f
}

func (f *matrixFixtures) login(u apitest.User) *apitest.Client {
	c := f.Client()
	c.Login(u.Email, u.Password)
	return c
}

// create POSTs body and returns the new object's id.
func create(t testing.TB, c *apitest.Client, path string, body map[string]any) string {
	t.Helper()
	r := c.Do("POST", path, body)
	require.Equal(t, 201, r.Status, "%s: %s", path, r.Body)
	var obj struct{ ID string }
	r.JSON(t, &obj)
	return obj.ID
}

// settle waits for the background work the fixtures started (invitation
// emails, thumbnail attempts) so that nothing changes behind a snapshot.
func (f *matrixFixtures) settle(t testing.TB) {
	t.Helper()
	require.Eventually(t, func() bool {
		return f.count(t, `SELECT count(*) FROM emails WHERE sent_at IS NULL AND last_error IS NULL`) == 0 &&
			f.count(t, `SELECT count(*) FROM river_job WHERE state IN ('available', 'running', 'retryable')`) == 0
	}, 20*time.Second, 20*time.Millisecond, "background jobs did not finish")
}

// count runs a counting query as the superuser (no RLS).
func (f *matrixFixtures) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.DB.Super.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// own returns a copy of the rightful callers' ids.
func (f *matrixFixtures) own() map[string]string { return maps.Clone(f.ids["x"]) }

// caller is the browser of a role: "admin" (admin of A) or "client"
// (client X).
func (f *matrixFixtures) caller(role string) *apitest.Client {
	if role == "client" {
		return f.asClientX
	}
	return f.asAdminA
}

type operation struct {
	id, method, path string
	access           string // "admin" or "member"; empty for global routes
	op               *huma.Operation
}

func operations(api huma.API) []operation {
	var ops []operation
	for path, item := range api.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
			if op != nil {
				access, _ := op.Metadata["access"].(string)
				ops = append(ops, operation{id: op.OperationID, method: method, path: path, access: access, op: op})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops
}

// scopedOperations returns the workspace operations, after checking that
// every other one is a listed global route and every scoped one declares
// who may call it.
func scopedOperations(t *testing.T, api huma.API) []operation {
	t.Helper()
	var scoped []operation
	seen := map[string]bool{}
	for _, op := range operations(api) {
		seen[op.id] = true
		if !strings.Contains(op.path, "{workspace}") {
			_, ok := globalRoutes[op.id]
			require.True(t, ok, "operation %s (%s %s) is outside /w/{workspace}: scope it or list it in globalRoutes with a reason", op.id, op.method, op.path)
			continue
		}
		require.Contains(t, []string{"admin", "member"}, op.access, "operation %s must declare Metadata access (httpapi.AdminOnly or httpapi.AnyMember)", op.id)
		scoped = append(scoped, op)
	}
	for id := range globalRoutes {
		require.True(t, seen[id], "globalRoutes lists %s, which the API no longer has: remove it", id)
	}
	return scoped
}

var paramRe = regexp.MustCompile(`\{([^}]+)\}`)

// params lists op's path parameters in order.
func (op operation) params() []string {
	var out []string
	for _, m := range paramRe.FindAllStringSubmatch(op.path, -1) {
		out = append(out, m[1])
	}
	return out
}

// children are the path parameters below the workspace and the project.
func (op operation) children() []string {
	return slices.DeleteFunc(op.params(), func(p string) bool { return p == "workspace" || p == "project" })
}

// fill replaces every path parameter using values; an unknown parameter
// fails the test so that new routes must declare their fixtures here.
func fill(t testing.TB, op operation, values map[string]string) string {
	t.Helper()
	return paramRe.ReplaceAllStringFunc(op.path, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := values[name]
		if !ok {
			t.Fatalf("operation %s: path parameter {%s} has no fixture in the cross-tenant matrix; add one", op.id, name)
		}
		return v
	})
}

// send calls op on the object named by ids with op's valid body for ids.
func send(t testing.TB, c *apitest.Client, op operation, ids map[string]string) *apitest.Response {
	t.Helper()
	path := fill(t, op, ids)
	b := bodyFor(t, op, ids)
	switch {
	case b == nil:
		return c.Do(op.method, path, nil)
	case b.Raw != nil:
		c.Headers["Content-Type"] = b.ContentType
		defer delete(c.Headers, "Content-Type")
		return c.Do(op.method, path, b.Raw)
	}
	return c.Do(op.method, path, b.JSON)
}

// fingerprint hashes every Parvis table (River's job tables excluded: the
// queue runs on its own) as the superuser, bypassing RLS, in one query,
// once River has settled (the side effects of earlier calls landed).
func fingerprint(t testing.TB, e *apitest.Env) map[string]string {
	t.Helper()
	e.Settle(t)
	ctx := context.Background()
	rows, err := e.DB.Super.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
		AND tablename NOT LIKE 'river\_%' AND tablename <> 'goose_db_version' ORDER BY 1`)
	require.NoError(t, err)
	var parts []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		parts = append(parts, fmt.Sprintf(`SELECT %s, (SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %q x)`, quoteLiteral(n), n))
	}
	rows.Close()
	require.NoError(t, rows.Err())
	rows, err = e.DB.Super.Query(ctx, strings.Join(parts, " UNION ALL "))
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var tb, h string
		require.NoError(t, rows.Scan(&tb, &h))
		out[tb] = h
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, out)
	return out
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// changedTables names the tables whose fingerprint differs.
func changedTables(before, after map[string]string) []string {
	var out []string
	for tb, h := range after {
		if before[tb] != h {
			out = append(out, tb)
		}
	}
	sort.Strings(out)
	return out
}

// A denial is one row of the matrix: who calls, with which ids, and the
// answer expected. ids returns one or several id sets for op (none: the
// row does not apply to op).
type denial struct {
	name string
	as   string // "admin", "client", or "rightful" (the caller of op's success scenario)
	ids  func(f *matrixFixtures, op operation) []map[string]string
	want []int // the status, or the statuses a handler may choose among
}

var (
	notFound  = []int{404}
	forbidden = []int{403}
	// A body naming someone else's object is refused as the handler sees
	// fit (404, 409 stale_order, 422 unknown_…), never accepted.
	badReference = []int{404, 409, 422}
)

// Security guide point 11: every route, called as workspace A with
// workspace B's IDs, as client X with client Y's project, and by the
// rightful caller with its own workspace and project but a child object of
// someone else, answers 404; an admin route answers a client 403.
var denials = []denial{
	{"admin of A, everything from B", "admin", func(f *matrixFixtures, _ operation) []map[string]string {
		return []map[string]string{f.ids["b"]}
	}, notFound},
	{"admin of A, own workspace, B's project and objects", "admin", func(f *matrixFixtures, op operation) []map[string]string {
		if !slices.Contains(op.params(), "project") {
			return nil
		}
		ids := maps.Clone(f.ids["b"])
		ids["workspace"] = f.wsA.Slug
		return []map[string]string{ids}
	}, notFound},
	{"client X on client Y's project", "client", func(f *matrixFixtures, op operation) []map[string]string {
		if !slices.Contains(op.params(), "project") {
			return nil
		}
		return []map[string]string{f.ids["y"]}
	}, notFound},
	{"own workspace and project, child of another project", "rightful", func(f *matrixFixtures, op operation) []map[string]string {
		// Without a project in the path, another project's object is in
		// the caller's own workspace, where an admin may reach it.
		if !slices.Contains(op.params(), "project") {
			return nil
		}
		return foreignChild(f, op, "y")
	}, notFound},
	{"own workspace and project, child of another workspace", "rightful", func(f *matrixFixtures, op operation) []map[string]string {
		return foreignChild(f, op, "b")
	}, notFound},
	{"own project and file, version of another file of the project", "rightful", func(f *matrixFixtures, op operation) []map[string]string {
		if !slices.Contains(op.params(), "version") {
			return nil
		}
		ids := f.own()
		ids["version"] = f.siblingVersion
		return []map[string]string{ids}
	}, notFound},
	// Uploads are their uploader's: even the workspace's admin gets 404.
	{"admin of A on client X's pending upload", "admin", func(f *matrixFixtures, op operation) []map[string]string {
		if !slices.Contains(op.params(), "upload") {
			return nil
		}
		return []map[string]string{f.own()}
	}, notFound},
	{"own path, body naming an object of another project", "rightful", func(f *matrixFixtures, op operation) []map[string]string {
		return foreignReference(f, op, "y")
	}, badReference},
	{"own path, body naming an object of another workspace", "rightful", func(f *matrixFixtures, op operation) []map[string]string {
		return foreignReference(f, op, "b")
	}, badReference},
	{"client X on an admin-only route with its own ids", "client", func(f *matrixFixtures, op operation) []map[string]string {
		if op.access != "admin" {
			return nil
		}
		return []map[string]string{f.own()}
	}, forbidden},
}

// foreignChild returns, for each child parameter of op, the rightful ids
// with that one child taken from owner.
func foreignChild(f *matrixFixtures, op operation, owner string) []map[string]string {
	var out []map[string]string
	for _, c := range op.children() {
		ids := f.own()
		ids[c] = f.ids[owner][c]
		out = append(out, ids)
	}
	return out
}

// foreignReference returns, for each object op's valid body refers to
// (an ids key that is no path parameter and changes the body), the
// rightful ids with that one object taken from owner.
func foreignReference(f *matrixFixtures, op operation, owner string) []map[string]string {
	build, ok := validBodies[op.id]
	if !ok {
		return nil
	}
	own := f.own()
	mine, _ := json.Marshal(build(own))
	var out []map[string]string
	for _, k := range slices.Sorted(maps.Keys(own)) {
		if slices.Contains(op.params(), k) {
			continue
		}
		ids := f.own()
		ids[k] = f.ids[owner][k]
		if theirs, _ := json.Marshal(build(ids)); !bytes.Equal(mine, theirs) {
			out = append(out, ids)
		}
	}
	return out
}

// TestCrossTenantMatrix runs security guide point 11 over every operation
// of the OpenAPI document: the denials above, then one success scenario
// per operation (the matrix's 404s are about tenancy, not broken
// fixtures), then the check that admin notes never reach a client. The
// handlers mounted outside the document are vetted one by one.
func TestCrossTenantMatrix(t *testing.T) {
	t.Parallel()
	start := time.Now()
	f := newMatrixFixtures(t)
	built := time.Since(start)
	ops := scopedOperations(t, f.Portal.Server.API)
	require.Greater(t, len(ops), 40)
	calls := map[string]int{} // per subtest

	t.Run("denied, changes nothing", func(t *testing.T) {
		baseline := fingerprint(t, f.Env)
		for _, op := range ops {
			for _, d := range denials {
				role := d.as
				if role == "rightful" {
					role = successFor(t, op).as
				}
				for _, ids := range d.ids(f, op) {
					r := send(t, f.caller(role), op, ids)
					require.Contains(t, d.want, r.Status, "%s: %s as %s %s %s → %s", d.name, op.id, role, op.method, fill(t, op, ids), r.Body)
					after := fingerprint(t, f.Env)
					require.Empty(t, changedTables(baseline, after), "%s: %s as %s %s %s changed these tables", d.name, op.id, role, op.method, fill(t, op, ids))
					calls["denied"]++
				}
			}
		}
	})

	t.Run("plain handlers", func(t *testing.T) {
		mounted := f.Portal.Server.PlainPatterns()
		for _, p := range mounted {
			pr, ok := plainRoutes[p]
			require.True(t, ok, "%q is mounted with Server.Handle, outside the OpenAPI document and so outside this matrix: list it in plainRoutes with a reason and a test", p)
			t.Run(p, func(t *testing.T) { pr.test(t, f) })
			calls["plain"]++
		}
		for p := range plainRoutes {
			require.Contains(t, mounted, p, "plainRoutes lists %q, which is no longer mounted: remove it", p)
		}
	})

	t.Run("rightful caller succeeds", func(t *testing.T) {
		for _, op := range ops {
			s := successFor(t, op)
			ids := f.own()
			if s.prepare != nil {
				s.prepare(t, f, ids)
			}
			r := send(t, f.caller(s.as), op, ids)
			require.Equal(t, s.status, r.Status, "%s as %s %s %s → %s", op.id, s.as, op.method, fill(t, op, ids), r.Body)
			s.check(t, f, ids, r)
			if s.as == "client" {
				require.NotContains(t, string(r.Body), privateMarker, "%s leaks admin notes to a client", op.id)
			}
			calls["success"]++
			// What a client may read, the workspace's admin reads too.
			if op.method == "GET" && s.as == "client" {
				r := send(t, f.asAdminA, op, ids)
				require.Equal(t, s.status, r.Status, "%s as admin %s %s → %s", op.id, op.method, fill(t, op, ids), r.Body)
				calls["success"]++
			}
		}
		for id := range successes {
			require.True(t, slices.ContainsFunc(ops, func(op operation) bool { return op.id == id }), "successes lists %s, which the API no longer has: remove it", id)
		}
	})

	// Security guide point 11 (second half), after the success scenarios
	// wrote notes about client X and its project: every GET, as client X
	// with X's own ids, is free of them.
	t.Run("admin notes never reach clients", func(t *testing.T) {
		gets := 0
		for _, op := range ops {
			if op.method != "GET" {
				continue
			}
			r := f.asClientX.Do("GET", fill(t, op, f.own()), nil)
			require.NotContains(t, string(r.Body), privateMarker, "%s leaks admin notes to a client", op.id)
			require.NotContains(t, string(r.Body), f.ids["x"]["note"], "%s shows a client the id of a note", op.id)
			require.NotContains(t, string(r.Body), `"action":"note.`, "%s shows a client the admin-only activity about notes", op.id)
			require.NotContains(t, string(r.Body), `"action":"request.noted"`, "%s shows a client the admin-only activity about internal notes", op.id)
			gets++
			calls["leak"]++
		}
		require.Greater(t, gets, 5)
		// The markers are real: the admin does see them.
		r := f.asAdminA.Do("GET", projectPath(f, "/activity"), nil)
		require.Contains(t, string(r.Body), `"action":"note.`)
		require.Contains(t, string(f.asAdminA.Do("GET", projectPath(f, "/notes"), nil).Body), f.ids["x"]["note"])
		require.Contains(t, string(f.asAdminA.Do("GET", projectPath(f, "/tickets/"+f.ids["x"]["ticket"]), nil).Body), privateMarker+" interne")
	})
	t.Logf("cross-tenant matrix: %d operations, calls %v in %s (fixtures %s)", len(ops), calls, time.Since(start).Round(time.Millisecond), built.Round(time.Millisecond))
}
