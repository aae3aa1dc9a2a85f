package ticket_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/file"
)

// scopeNames lists, as a scope sees them, the files of a folder and how
// many versions of a file it reads: what the Files routes are built on.
func scopeNames(t *testing.T, f *fixture, s db.Scope, folder uuid.UUID) []string {
	t.Helper()
	var names []string
	err := db.Tx(context.Background(), f.e.DB.App, s, func(tx pgx.Tx, _ *dbq.Queries) error {
		rows, err := tx.Query(context.Background(), `SELECT name FROM files WHERE folder_id = $1 ORDER BY name`, folder)
		if err != nil {
			return err
		}
		names, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	require.NoError(t, err)
	return names
}

func scopeCount(t *testing.T, f *fixture, s db.Scope, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, db.Tx(context.Background(), f.e.DB.App, s, func(tx pgx.Tx, _ *dbq.Queries) error {
		return tx.QueryRow(context.Background(), sql, args...).Scan(&n)
	}))
	return n
}

// TestInternalAttachmentsStayAdminOnly: the attachment of an internal note
// (and an upload not attached yet, someone else's) is refused by the
// database itself to a client, so every Files route answers 404 even to a
// client who knows its id; what he may see still downloads.
func TestInternalAttachmentsStayAdminOnly(t *testing.T) {
	t.Parallel()
	f := setup(t)
	other := f.e.CreateUser("associe@client.example")
	f.e.AddClient(f.ws, f.project, other)
	oc := f.e.Client()
	oc.Login(other.Email, other.Password)

	tk := f.create(t, f.cc, map[string]any{"type": "bug", "title": "Bouton cassé"})
	folder := uuid.MustParse(f.thread(t, f.cc, tk.ID).AttachmentsFolderID)
	img := pngBytes(t, 6, 4)
	shot := f.cc.Upload("studio", f.project, folder, uuid.Nil, "capture.png", img)
	require.Equal(t, 201, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "La capture", "attachments": []string{shot.ID.String()}}).Status)
	secret := f.ac.Upload("studio", f.project, folder, uuid.Nil, "devis-interne.png", img)
	r := f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "note", "internal": true, "attachments": []string{secret.ID.String()}})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	public := f.ac.Upload("studio", f.project, folder, uuid.Nil, "correctif.png", img)
	r = f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "Corrigé", "attachments": []string{public.ID.String()}})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	pending := f.ac.Upload("studio", f.project, folder, uuid.Nil, "brouillon.png", img)
	oc.Upload("studio", f.project, folder, uuid.Nil, "pas-encore.png", img)

	// Below the API: each scope reads exactly what it may.
	admin := db.Scope{WorkspaceID: f.ws.ID, UserID: f.admin.ID, Role: "admin"}
	client := db.Scope{WorkspaceID: f.ws.ID, UserID: f.client.ID, Role: "client"}
	second := db.Scope{WorkspaceID: f.ws.ID, UserID: other.ID, Role: "client"}
	require.Equal(t, []string{"brouillon.png", "capture.png", "correctif.png", "devis-interne.png", "pas-encore.png"}, scopeNames(t, f, admin, folder))
	require.Equal(t, []string{"capture.png", "correctif.png"}, scopeNames(t, f, client, folder))
	require.Equal(t, []string{"capture.png", "correctif.png", "pas-encore.png"}, scopeNames(t, f, second, folder))
	for _, id := range []uuid.UUID{secret.ID, pending.ID} {
		require.Zero(t, scopeCount(t, f, client, `SELECT count(*) FROM file_versions WHERE file_id = $1`, id))
		require.Zero(t, scopeCount(t, f, client, `SELECT count(*) FROM ticket_attachments WHERE file_id = $1`, id))
		require.Equal(t, 1, scopeCount(t, f, admin, `SELECT count(*) FROM file_versions WHERE file_id = $1`, id))
	}
	require.Equal(t, 1, scopeCount(t, f, client, `SELECT count(*) FROM file_versions WHERE file_id = $1`, public.ID))

	// Through the Files routes, with the id in hand.
	files := "/api/v1/w/studio/projects/" + f.project.String() + "/files/"
	for _, id := range []uuid.UUID{secret.ID, pending.ID} {
		for _, path := range []string{"", "/download", "/download?inline=true", "/download?version=1", "/thumbnail"} {
			r := f.cc.Do("GET", files+id.String()+path, nil)
			code(t, r, 404, "not_found")
			require.NotContains(t, string(r.Body), "devis-interne")
			require.NotContains(t, string(r.Body), "brouillon")
		}
		code(t, f.cc.Do("POST", files+id.String()+"/uploads", map[string]any{"name": "x.png", "size": 3}), 404, "not_found")
	}
	// The admin reads them; the client reads what was sent to him.
	var got struct{ Name string }
	r = f.ac.Do("GET", files+secret.ID.String(), nil)
	require.Equal(t, 200, r.Status)
	r.JSON(t, &got)
	require.Equal(t, "devis-interne.png", got.Name)
	r = f.cc.Do("GET", files+public.ID.String(), nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r.JSON(t, &got)
	require.Equal(t, "correctif.png", got.Name)
	dl := f.cc.Do("GET", files+public.ID.String()+"/download", nil)
	require.Equal(t, 200, dl.Status)
	require.Equal(t, img, dl.Body)
	// The folder is not listed to anyone through Files; the thread lists
	// what the caller may see, and the activity feed names no attachment
	// upload to a client.
	code(t, f.cc.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/folders/"+folder.String()+"/files", nil), 404, "not_found")
	th := f.thread(t, f.cc, tk.ID)
	var names []string
	for _, c := range th.Comments {
		for _, a := range c.Attachments {
			names = append(names, a.Name)
		}
	}
	sort.Strings(names)
	require.Equal(t, []string{"capture.png", "correctif.png"}, names)
	for _, c := range []*apitest.Client{f.cc, oc} {
		r = c.Do("GET", "/api/v1/w/studio/projects/"+f.project.String()+"/activity", nil)
		require.Equal(t, 200, r.Status)
		for _, name := range []string{"devis-interne", "brouillon", "pas-encore"} {
			require.NotContains(t, string(r.Body), name)
		}
	}
	// An attachment is what was sent: nobody replaces it by a new version.
	code(t, f.ac.Do("POST", files+public.ID.String()+"/uploads", map[string]any{"name": "x.png", "size": 3}), 404, "not_found")
	code(t, f.cc.Do("POST", files+shot.ID.String()+"/uploads", map[string]any{"name": "x.png", "size": 3}), 404, "not_found")
}

// TestAbandonedAttachmentsSwept: uploads for a form never sent are purged
// (rows, bytes, quota) after a day of fake time; attached files, recent
// uploads and other folders stay; a second run changes nothing.
func TestAbandonedAttachmentsSwept(t *testing.T) {
	t.Parallel()
	e := apitest.New(t, apitest.Options{NoWorkers: true}) // the test runs the sweep itself
	f := &fixture{e: e}
	f.admin, f.client = e.CreateUser("admin@studio.example"), e.CreateUser("client@client.example")
	f.ws = e.CreateWorkspace("studio", f.admin)
	f.project = e.CreateProject(f.ws, "Refonte", f.client)
	f.base = "/api/v1/w/studio/projects/" + f.project.String() + "/tickets"
	f.ac, f.cc = e.Client(), e.Client()
	f.ac.Login(f.admin.Email, f.admin.Password)
	f.cc.Login(f.client.Email, f.client.Password)
	// A second workspace with an abandoned upload of its own.
	admin2 := e.CreateUser("admin@autre.example")
	ws2 := e.CreateWorkspace("autre", admin2)
	p2 := e.CreateProject(ws2, "Site")
	a2 := e.Client()
	a2.Login(admin2.Email, admin2.Password)

	ctx := context.Background()
	var folder, folder2 uuid.UUID
	require.NoError(t, e.DB.Super.QueryRow(ctx, `SELECT id FROM folders WHERE project_id = $1 AND kind = 'attachments'`, f.project).Scan(&folder))
	require.NoError(t, e.DB.Super.QueryRow(ctx, `SELECT id FROM folders WHERE project_id = $1 AND kind = 'attachments'`, p2).Scan(&folder2))
	img := pngBytes(t, 5, 5)
	sent := f.cc.Upload("studio", f.project, folder, uuid.Nil, "envoyee.png", img)
	tk := f.create(t, f.cc, map[string]any{"type": "bug", "title": "Bug", "attachments": []string{sent.ID.String()}})
	note := f.ac.Upload("studio", f.project, folder, uuid.Nil, "note.png", img)
	require.Equal(t, 201, f.ac.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "n", "internal": true, "attachments": []string{note.ID.String()}}).Status)
	abandoned := f.cc.Upload("studio", f.project, folder, uuid.Nil, "abandonnee.png", img)
	other := a2.Upload("autre", p2, folder2, uuid.Nil, "ailleurs.png", img)
	livrable := f.ac.Upload("studio", f.project, f.ac.Folders("studio", f.project)["Livrables"], uuid.Nil, "maquette.png", img)

	store, err := app.Storage(e.Config, e.Clock.Now)
	require.NoError(t, err)
	w := &file.SweepAttachmentsWorker{Pool: e.DB.App, Store: store, Now: e.Clock.Now}
	sweep := func() { require.NoError(t, w.Work(ctx, &river.Job[file.SweepAttachmentsArgs]{})) }
	alive := func() []string {
		rows, err := e.DB.Super.Query(ctx, `SELECT name FROM files ORDER BY name`)
		require.NoError(t, err)
		names, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err)
		return names
	}
	blobs := func() int {
		n := 0
		_ = filepath.WalkDir(e.Config.Storage.Dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, "/.tmp/") && strings.Contains(p, "files/") {
				n++
			}
			return nil
		})
		return n
	}
	used := func() int64 {
		var n int64
		require.NoError(t, db.Tx(ctx, e.DB.App, db.SystemScope(f.ws.ID, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) error {
			var err error
			n, err = q.WorkspaceStorageUsed(ctx, f.ws.ID)
			return err
		}))
		return n
	}
	all := []string{"abandonnee.png", "ailleurs.png", "envoyee.png", "maquette.png", "note.png"}

	// Less than a day: nothing goes.
	e.Clock.Advance(file.AbandonedAfter - time.Minute)
	sweep()
	require.Equal(t, all, alive())
	before, usedBefore := blobs(), used()
	// Past a day: the two abandoned uploads go, bytes and quota included.
	e.Clock.Advance(2 * time.Minute)
	sweep()
	require.Equal(t, []string{"envoyee.png", "maquette.png", "note.png"}, alive())
	require.Equal(t, before-2, blobs())
	require.Equal(t, usedBefore-int64(len(img)), used())
	// Twice is harmless.
	sweep()
	require.Equal(t, []string{"envoyee.png", "maquette.png", "note.png"}, alive())
	require.Equal(t, before-2, blobs())
	// The attached ones still download; the purged one is gone for its
	// uploader too, and cannot be attached any more.
	f.cc.Login(f.client.Email, f.client.Password)
	f.ac.Login(f.admin.Email, f.admin.Password)
	files := "/api/v1/w/studio/projects/" + f.project.String() + "/files/"
	require.Equal(t, img, f.cc.Do("GET", files+sent.ID.String()+"/download", nil).Body)
	require.Equal(t, 200, f.ac.Do("GET", files+note.ID.String(), nil).Status)
	code(t, f.cc.Do("GET", files+abandoned.ID.String(), nil), 404, "not_found")
	code(t, f.cc.Do("POST", f.base+"/"+tk.ID+"/comments", map[string]any{"body": "x", "attachments": []string{abandoned.ID.String()}}), 422, "attachment_invalid")
	_ = other
	_ = livrable
}
