package file_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/app"
	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/file"
	"github.com/parvis/parvis/internal/httpapi"
)

type env struct {
	*apitest.Env
	admin, client   *apitest.Client
	adminU, clientU apitest.User
	ws              apitest.Workspace
	project         uuid.UUID
	folders         map[string]uuid.UUID
}

func setup(t testing.TB, opts ...apitest.Options) *env {
	e := apitest.New(t, opts...)
	admin, client := e.CreateUser("admin@example.com"), e.CreateUser("client@example.com")
	ws := e.CreateWorkspace("atelier", admin)
	p := e.CreateProject(ws, "Refonte", client)
	en := &env{Env: e, admin: e.Client(), client: e.Client(), adminU: admin, clientU: client, ws: ws, project: p}
	en.admin.Login(admin.Email, admin.Password)
	en.client.Login(client.Email, client.Password)
	en.folders = en.admin.Folders(ws.Slug, p)
	return en
}

// relogin opens new sessions after the clock jumped past their lifetime.
func (e *env) relogin() {
	e.admin.Login(e.adminU.Email, e.adminU.Password)
	e.client.Login(e.clientU.Email, e.clientU.Password)
}

func (e *env) url(rest string) string {
	return "/api/v1/w/" + e.ws.Slug + "/projects/" + e.project.String() + rest
}

func pngBytes(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: 120, B: uint8(y), A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

var pdfBytes = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// thumbnail waits for the background job to make a file's thumbnail.
func (e *env) thumbnail(t *testing.T, fileID uuid.UUID) *apitest.Response {
	t.Helper()
	var thumb *apitest.Response
	require.Eventually(t, func() bool {
		_, thumb = e.follow(t, e.client, e.url("/files/"+fileID.String()+"/thumbnail"))
		return thumb != nil && thumb.Status == 200
	}, 20*time.Second, 50*time.Millisecond)
	return thumb
}

// blobs lists every stored object (temporary files excluded).
func (e *env) blobs(t *testing.T) []string {
	var out []string
	root := e.Config.Storage.Dir
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(p, "/.tmp/") {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func (e *env) count(t *testing.T, sql string, args ...any) int {
	var n int
	require.NoError(t, e.DB.Super.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// noFollow calls a redirecting route without following it.
func (e *env) noFollow(t testing.TB, c *apitest.Client, path string) *apitest.Response {
	req, err := http.NewRequest("GET", e.Server.URL+path, nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: c.Session})
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &apitest.Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// follow calls a redirecting route and then the signed URL.
func (e *env) follow(t *testing.T, c *apitest.Client, path string) (*apitest.Response, *apitest.Response) {
	r := e.noFollow(t, c, path)
	if r.Status != 302 {
		return r, &apitest.Response{Status: r.Status}
	}
	loc := r.Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, "/api/v1/blob/"), loc)
	return r, e.anon().Do("GET", loc, nil)
}

func (e *env) anon() *apitest.Client { return e.Env.Client() }

func TestStandardFolders(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.Contains(t, e.folders, "Branding")
	require.Contains(t, e.folders, "Contenu")
	require.Contains(t, e.folders, "Livrables")
	require.Len(t, e.client.Folders(e.ws.Slug, e.project), 3)

	r := e.admin.Do("POST", e.url("/folders/"+e.folders["Livrables"].String()+"/folders"), map[string]any{"name": "Maquettes"})
	require.Equal(t, 201, r.Status, string(r.Body))
	r = e.admin.Do("POST", e.url("/folders/"+e.folders["Livrables"].String()+"/folders"), map[string]any{"name": "maquettes"})
	require.Equal(t, 422, r.Status, "same name, other case")
	require.Equal(t, "folder_exists", r.Problem(t).Code)
	r = e.client.Do("POST", e.url("/folders/"+e.folders["Livrables"].String()+"/folders"), map[string]any{"name": "Client"})
	require.Equal(t, 403, r.Status)
	require.Len(t, e.client.Folders(e.ws.Slug, e.project), 4)
}

func TestUploadPreviewAndDownload(t *testing.T) {
	t.Parallel()
	e := setup(t)
	img := pngBytes(t, 900, 600)
	up := e.client.Upload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "Photo équipe.png", img)
	require.Equal(t, 1, up.Version)

	r := e.client.Do("GET", e.url("/folders/"+e.folders["Contenu"].String()+"/files"), nil)
	require.Equal(t, 200, r.Status)
	var list struct{ Files []file.File }
	r.JSON(t, &list)
	require.Len(t, list.Files, 1)
	f := list.Files[0]
	require.Equal(t, "Photo équipe.png", f.Name)
	require.Equal(t, "png", f.Type)
	require.True(t, f.Previewable)
	require.EqualValues(t, len(img), f.Size)

	// Inline preview: the exact bytes, the type, RFC 6266 name, nosniff.
	_, got := e.follow(t, e.client, e.url("/files/"+up.ID.String()+"/download?inline=true"))
	require.Equal(t, 200, got.Status)
	require.Equal(t, img, got.Body)
	require.Equal(t, "image/png", got.Header.Get("Content-Type"))
	require.Equal(t, `inline; filename="Photo _quipe.png"; filename*=UTF-8''Photo%20%C3%A9quipe.png`, got.Header.Get("Content-Disposition"))
	require.Equal(t, "nosniff", got.Header.Get("X-Content-Type-Options"))
	_, got = e.follow(t, e.client, e.url("/files/"+up.ID.String()+"/download"))
	require.True(t, strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment;"))

	// The version's hash is the content's.
	r = e.client.Do("GET", e.url("/files/"+up.ID.String()), nil)
	var detail struct{ Versions []file.Version }
	r.JSON(t, &detail)
	sum := sha256.Sum256(img)
	require.Equal(t, hex.EncodeToString(sum[:]), detail.Versions[0].SHA256)

	// The thumbnail job runs in the background.
	thumb := e.thumbnail(t, up.ID)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(thumb.Body))
	require.NoError(t, err)
	require.Equal(t, 480, cfg.Width)
	require.Equal(t, 320, cfg.Height)

	// Signed GET URLs expire within 5 minutes.
	r = e.noFollow(t, e.client, e.url("/files/"+up.ID.String()+"/download"))
	loc := r.Header.Get("Location")
	e.Clock.Advance(5*time.Minute + time.Second)
	require.Equal(t, 403, e.anon().Do("GET", loc, nil).Status, "download URL used after expiry")
	tampered := strings.Replace(loc, "attachment", "inline", 1)
	require.Equal(t, 403, e.anon().Do("GET", tampered, nil).Status)
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	e := setup(t)
	contenu, branding := e.folders["Contenu"], e.folders["Branding"]
	type tc struct {
		name   string
		folder uuid.UUID
		file   string
		data   []byte
		code   string
	}
	for _, c := range []tc{
		{"PNG renamed .pdf", contenu, "devis.pdf", pngBytes(t, 4, 4), "file_content_mismatch"},
		{"HTML renamed .jpg", contenu, "photo.jpg", []byte("<!doctype html><script>alert(1)</script>"), "file_content_mismatch"},
		{"SVG with a script", branding, "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "file_unsafe"},
		{"SVG with an event handler", branding, "logo2.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>`), "file_unsafe"},
		{"SVG with an entity-encoded javascript: link", branding, "logo3.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><use href="java&#115;cript:alert(1)"/></svg>`), "file_unsafe"},
		{"SVG with an XHTML script", branding, "logo4.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`), "file_unsafe"},
		{"text with HTML", contenu, "notes.txt", []byte("hello <script>alert(1)</script>"), "file_content_mismatch"},
	} {
		r, tk := e.client.RequestUpload(e.ws.Slug, e.project, c.folder, uuid.Nil, c.file, len(c.data))
		require.Equal(t, 201, r.Status, "%s: %s", c.name, r.Body)
		require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, c.data).Status, c.name)
		r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
		require.Equal(t, 422, r.Status, "%s: %s", c.name, r.Body)
		p := r.Problem(t)
		require.Equal(t, c.code, p.Code, c.name)
		require.Equal(t, c.file, p.Errors[0].Value, "the refusal names the file")
		require.Equal(t, 404, e.client.Confirm(e.ws.Slug, e.project, tk.UploadID).Status, "a refused upload cannot be confirmed again")
	}
	require.Empty(t, e.blobs(t), "refused bytes are deleted")
	require.Zero(t, e.count(t, "SELECT count(*) FROM files"))
	require.Zero(t, e.count(t, "SELECT count(*) FROM file_versions"))

	// Refused before any byte is sent.
	for _, c := range []struct {
		folder uuid.UUID
		name   string
		size   int
		code   string
	}{
		{contenu, "setup.exe", 10, "file_type_not_allowed"},
		{contenu, "logo.svg", 10, "file_type_not_allowed"}, // SVG only in Branding and Livrables
		{contenu, "page.html", 10, "file_type_not_allowed"},
		{contenu, "sans-extension", 10, "file_type_not_allowed"},
		{contenu, "gros.pdf", 25<<20 + 1, "file_too_large"},
	} {
		r, _ := e.client.RequestUpload(e.ws.Slug, e.project, c.folder, uuid.Nil, c.name, c.size)
		require.Equal(t, 422, r.Status, "%s: %s", c.name, r.Body)
		require.Equal(t, c.code, r.Problem(t).Code, c.name)
	}
	// A declared type naming another kind is refused too.
	r := e.client.Do("POST", e.url("/folders/"+contenu.String()+"/uploads"), map[string]any{"name": "a.jpg", "size": 10, "contentType": "text/html"})
	require.Equal(t, 422, r.Status)
	require.Equal(t, "file_type_not_allowed", r.Problem(t).Code)
	// Exactly 25 MiB is accepted.
	r, _ = e.client.RequestUpload(e.ws.Slug, e.project, contenu, uuid.Nil, "ok.pdf", 25<<20)
	require.Equal(t, 201, r.Status)
}

func TestConfirmSomeoneElsesUpload(t *testing.T) {
	t.Parallel()
	e := setup(t)
	r, tk := e.admin.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", len(pdfBytes))
	require.Equal(t, 201, r.Status)
	require.Equal(t, 200, e.admin.PutBlob(tk.URL, tk.ContentType, pdfBytes).Status)
	require.Equal(t, 404, e.client.Confirm(e.ws.Slug, e.project, tk.UploadID).Status)
	require.Equal(t, 404, e.client.Do("DELETE", e.url("/uploads/"+tk.UploadID.String()), nil).Status)
	require.Equal(t, 200, e.admin.Confirm(e.ws.Slug, e.project, tk.UploadID).Status)
}

func TestConfirmBeforeBytesAndWrongPut(t *testing.T) {
	t.Parallel()
	e := setup(t)
	r, tk := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", len(pdfBytes))
	require.Equal(t, 201, r.Status)
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 409, r.Status)
	require.Equal(t, "upload_not_received", r.Problem(t).Code)
	require.Equal(t, 403, e.client.PutBlob(tk.URL, "text/html", pdfBytes).Status, "wrong Content-Type")
	require.Equal(t, 403, e.client.PutBlob(tk.URL, tk.ContentType, append(pdfBytes, 'x')).Status, "wrong size")
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, pdfBytes).Status)
	require.Equal(t, 200, e.client.Confirm(e.ws.Slug, e.project, tk.UploadID).Status)
	// The PUT URL is still within its 15 minutes, but the bytes were moved
	// to a key no URL was signed for: the filed version cannot change.
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, []byte("%PDF-evil-but-same-len-abcdefghijklmnopqrstuvw")[:len(pdfBytes)]).Status)
	r = e.client.Do("GET", e.url("/folders/"+e.folders["Contenu"].String()+"/files"), nil)
	var list struct{ Files []file.File }
	r.JSON(t, &list)
	_, got := e.follow(t, e.client, e.url("/files/"+list.Files[0].ID.String()+"/download"))
	require.Equal(t, pdfBytes, got.Body)
}

func TestUnconfirmedUploadIsCleaned(t *testing.T) {
	t.Parallel()
	e := setup(t, apitest.Options{NoWorkers: true}) // the test runs the jobs itself
	r, tk := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", len(pdfBytes))
	require.Equal(t, 201, r.Status)
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, pdfBytes).Status)
	require.Len(t, e.blobs(t), 1)
	require.Equal(t, 1, e.count(t, "SELECT count(*) FROM river_job WHERE kind = 'file.expire_upload' AND state = 'scheduled'"))

	w := &file.ExpireUploadWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	job := &river.Job[file.ExpireUploadArgs]{Args: file.ExpireUploadArgs{WorkspaceID: e.ws.ID, UploadID: tk.UploadID}}
	err := w.Work(context.Background(), job)
	require.Error(t, err, "not expired yet: snoozed")
	require.Len(t, e.blobs(t), 1)

	e.Clock.Advance(file.UploadExpiry + time.Second)
	require.NoError(t, w.Work(context.Background(), job))
	require.NoError(t, w.Work(context.Background(), job), "twice is harmless")
	require.Empty(t, e.blobs(t))
	require.Zero(t, e.count(t, "SELECT count(*) FROM uploads"))
	e.client.Login(e.clientU.Email, e.clientU.Password) // the session idled out meanwhile
	require.Equal(t, 404, e.client.Confirm(e.ws.Slug, e.project, tk.UploadID).Status)
}

func TestVersionsFinalDeleteRestore(t *testing.T) {
	t.Parallel()
	e := setup(t, apitest.Options{NoWorkers: true}) // the test runs the purge itself
	livrables := e.folders["Livrables"]
	v1 := e.admin.Upload(e.ws.Slug, e.project, livrables, uuid.Nil, "Maquette accueil.png", pngBytes(t, 40, 30))
	v2 := e.admin.Upload(e.ws.Slug, e.project, livrables, v1.ID, "Maquette accueil v2.png", pngBytes(t, 50, 30))
	require.Equal(t, v1.ID, v2.ID)
	require.Equal(t, 2, v2.Version)
	// Clients may add a version too.
	v3 := e.client.Upload(e.ws.Slug, e.project, livrables, v1.ID, "retour client.pdf", pdfBytes)
	require.Equal(t, 3, v3.Version)

	final := e.url("/files/" + v1.ID.String() + "/versions/" + v2.VersionID.String() + "/final")
	require.Equal(t, 403, e.client.Do("PUT", final, map[string]any{"final": true}).Status)
	r := e.admin.Do("PUT", final, map[string]any{"final": true})
	require.Equal(t, 200, r.Status, string(r.Body))
	var f struct {
		file.File
		Versions []file.Version
	}
	r.JSON(t, &f)
	require.Equal(t, 2, *f.FinalVersion)
	require.Equal(t, 3, f.Version, "the list shows the current version")
	require.Len(t, f.Versions, 3)
	require.Equal(t, "client", f.Versions[0].UploadedByName)
	require.Equal(t, "admin", f.Versions[1].UploadedByName)
	// Marking another version moves the mark.
	r = e.admin.Do("PUT", e.url("/files/"+v1.ID.String()+"/versions/"+v3.VersionID.String()+"/final"), map[string]any{"final": true})
	r.JSON(t, &f)
	require.Equal(t, 3, *f.FinalVersion)
	require.Equal(t, 1, e.count(t, "SELECT count(*) FROM file_versions WHERE final"))
	// Old versions stay downloadable.
	_, got := e.follow(t, e.client, e.url("/files/"+v1.ID.String()+"/download?version=1"))
	require.Equal(t, 200, got.Status)

	// Only admins delete; clients then see nothing.
	require.Equal(t, 403, e.client.Do("DELETE", e.url("/files/"+v1.ID.String()), nil).Status)
	require.Equal(t, 204, e.admin.Do("DELETE", e.url("/files/"+v1.ID.String()), nil).Status)
	require.Equal(t, 404, e.client.Do("GET", e.url("/files/"+v1.ID.String()), nil).Status)
	require.Equal(t, 404, e.client.Do("GET", e.url("/files/"+v1.ID.String()+"/download"), nil).Status)
	require.Equal(t, 404, e.client.Do("POST", e.url("/files/"+v1.ID.String()+"/uploads"), map[string]any{"name": "x.png", "size": 3}).Status)
	r = e.client.Do("GET", e.url("/folders/"+livrables.String()+"/files"), nil)
	require.Equal(t, `{"files":[]}`, strings.TrimSpace(string(r.Body)))
	require.Equal(t, 403, e.client.Do("GET", e.url("/trash"), nil).Status)
	r = e.admin.Do("GET", e.url("/trash"), nil)
	var trash struct{ Files []file.DeletedFile }
	r.JSON(t, &trash)
	require.Len(t, trash.Files, 1)
	require.Equal(t, "admin", trash.Files[0].DeletedByName)

	// Restore within 30 days.
	e.Clock.Advance(29 * 24 * time.Hour)
	e.relogin()
	require.Equal(t, 403, e.client.Do("POST", e.url("/files/"+v1.ID.String()+"/restore"), nil).Status)
	require.Equal(t, 200, e.admin.Do("POST", e.url("/files/"+v1.ID.String()+"/restore"), nil).Status)
	require.Equal(t, 200, e.client.Do("GET", e.url("/files/"+v1.ID.String()), nil).Status)

	// Past 30 days a deleted file is gone, bytes included.
	require.Equal(t, 204, e.admin.Do("DELETE", e.url("/files/"+v1.ID.String()), nil).Status)
	e.Clock.Advance(30*24*time.Hour + time.Hour)
	e.relogin()
	require.Equal(t, 404, e.admin.Do("POST", e.url("/files/"+v1.ID.String()+"/restore"), nil).Status)
	before := len(e.blobs(t))
	pw := &file.PurgeWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	require.NoError(t, pw.Work(context.Background(), &river.Job[file.PurgeArgs]{Args: file.PurgeArgs{WorkspaceID: e.ws.ID, FileID: v1.ID}}))
	require.Zero(t, e.count(t, "SELECT count(*) FROM files"))
	require.Less(t, len(e.blobs(t)), before)
	for _, b := range e.blobs(t) {
		require.False(t, strings.HasPrefix(b, "files/"), "version bytes purged: %s", b)
	}

	var actions []string
	rows, err := e.DB.Super.Query(context.Background(), "SELECT action FROM activity WHERE object_type = 'file' ORDER BY id")
	require.NoError(t, err)
	for rows.Next() {
		var a string
		require.NoError(t, rows.Scan(&a))
		actions = append(actions, a)
	}
	require.Equal(t, []string{"file.uploaded", "file.version_added", "file.version_added", "file.final_marked", "file.final_marked", "file.deleted", "file.restored", "file.deleted"}, actions)
}

func TestQuotaAndRateLimit(t *testing.T) {
	t.Parallel()
	e := setup(t, apitest.Options{NoWorkers: true, Env: map[string]string{"PARVIS_FILES_QUOTA_BYTES": "100"}})
	contenu := e.folders["Contenu"]
	e.client.Upload(e.ws.Slug, e.project, contenu, uuid.Nil, "a.pdf", pdfBytes) // 48 bytes
	r, _ := e.client.RequestUpload(e.ws.Slug, e.project, contenu, uuid.Nil, "b.pdf", 60)
	require.Equal(t, 422, r.Status)
	require.Equal(t, "quota_exceeded", r.Problem(t).Code)
	// Pending uploads count against the quota too.
	r, _ = e.client.RequestUpload(e.ws.Slug, e.project, contenu, uuid.Nil, "c.pdf", 40)
	require.Equal(t, 201, r.Status)
	r, _ = e.client.RequestUpload(e.ws.Slug, e.project, contenu, uuid.Nil, "d.pdf", 40)
	require.Equal(t, 422, r.Status)

	// Rate limit per user: the 101st upload URL within 10 minutes is refused.
	e2 := setup(t)
	for i := 0; i < file.MaxUploadsPerUser; i++ {
		r, _ := e2.client.RequestUpload(e2.ws.Slug, e2.project, e2.folders["Contenu"], uuid.Nil, "n.pdf", 10)
		require.Equal(t, 201, r.Status, "request %d", i)
	}
	r, _ = e2.client.RequestUpload(e2.ws.Slug, e2.project, e2.folders["Contenu"], uuid.Nil, "n.pdf", 10)
	require.Equal(t, 429, r.Status)
	require.Equal(t, "too_many_uploads", r.Problem(t).Code)
	require.NotEmpty(t, r.Header.Get("Retry-After"))
	// Another user is not affected; the window slides.
	r, _ = e2.admin.RequestUpload(e2.ws.Slug, e2.project, e2.folders["Contenu"], uuid.Nil, "n.pdf", 10)
	require.Equal(t, 201, r.Status)
	e2.Clock.Advance(file.RateWindow + time.Second)
	r, _ = e2.client.RequestUpload(e2.ws.Slug, e2.project, e2.folders["Contenu"], uuid.Nil, "n.pdf", 10)
	require.Equal(t, 201, r.Status)
}

func TestThumbnailPixelLimit(t *testing.T) {
	t.Parallel()
	// A PNG header declaring 20000×20000 pixels: refused before decoding.
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))))
	data := b.Bytes()
	// IHDR width/height live at bytes 16..24, its CRC at 29..33.
	copy(data[16:24], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(data[29:33], crc32.ChecksumIEEE(data[12:29]))
	_, _, _, _, err := file.Thumbnail(data)
	require.ErrorContains(t, err, "pixels refused")
	_, _, _, _, err = file.Thumbnail([]byte("not an image"))
	require.Error(t, err)
}

func TestSVGIsNeverInline(t *testing.T) {
	t.Parallel()
	e := setup(t)
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>`)
	up := e.admin.Upload(e.ws.Slug, e.project, e.folders["Branding"], uuid.Nil, "logo.svg", svg)
	r, got := e.follow(t, e.client, e.url("/files/"+up.ID.String()+"/download?inline=true"))
	require.Equal(t, http.StatusFound, r.Status)
	require.True(t, strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment;"), got.Header.Get("Content-Disposition"))
	require.Equal(t, "nosniff", got.Header.Get("X-Content-Type-Options"))
}

func storeOf(t *testing.T, e *env) blob.Store {
	s, err := app.Storage(e.Config, e.Clock.Now)
	require.NoError(t, err)
	return s
}

// An approval (issue 3) will cite a version by (workspace_id, id) and copy
// its sha256; the purge then keeps the file instead of breaking the proof.
func TestPurgeKeepsReferencedVersions(t *testing.T) {
	t.Parallel()
	e := setup(t, apitest.Options{NoWorkers: true}) // the test runs the purge itself
	up := e.admin.Upload(e.ws.Slug, e.project, e.folders["Livrables"], uuid.Nil, "maquette.pdf", pdfBytes)
	ctx := context.Background()
	_, err := e.DB.Super.Exec(ctx, `CREATE TABLE approval_ref (workspace_id uuid, version_id uuid, sha256 bytea,
		FOREIGN KEY (workspace_id, version_id) REFERENCES file_versions (workspace_id, id))`)
	require.NoError(t, err)
	_, err = e.DB.Super.Exec(ctx, `INSERT INTO approval_ref SELECT workspace_id, id, sha256 FROM file_versions WHERE id = $1`, up.VersionID)
	require.NoError(t, err)
	require.Equal(t, 204, e.admin.Do("DELETE", e.url("/files/"+up.ID.String()), nil).Status)
	e.Clock.Advance(file.RestoreFor + time.Hour)
	pw := &file.PurgeWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	err = pw.Work(ctx, &river.Job[file.PurgeArgs]{Args: file.PurgeArgs{WorkspaceID: e.ws.ID, FileID: up.ID}})
	require.ErrorContains(t, err, "still referenced")
	require.Equal(t, 1, e.count(t, "SELECT count(*) FROM file_versions WHERE id = $1", up.VersionID))
	require.Len(t, e.blobs(t), 1, "the bytes stay with the proof")
}

// racingStore plays an uploader who PUTs other bytes with the still-valid
// URL right after the server has read the upload for its checks.
type racingStore struct {
	blob.Store
	mu     sync.Mutex
	signed string
	evil   []byte
}

func (s *racingStore) SignPut(ctx context.Context, key, contentType string, size int64, ttl time.Duration) (string, error) {
	s.mu.Lock()
	s.signed = key
	s.mu.Unlock()
	return s.Store.SignPut(ctx, key, contentType, size, ttl)
}

func (s *racingStore) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := s.Store.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	return &racingReader{ReadCloser: r, s: s}, nil
}

type racingReader struct {
	io.ReadCloser
	s *racingStore
}

func (r *racingReader) Close() error {
	err := r.ReadCloser.Close()
	r.s.mu.Lock()
	evil, key := r.s.evil, r.s.signed
	r.s.evil = nil
	r.s.mu.Unlock()
	if evil != nil {
		if perr := r.s.Store.Put(context.Background(), key, "application/pdf", evil); perr != nil {
			return perr
		}
	}
	return err
}

// Bytes swapped between the server's checks and the filing never become
// the version: what is filed is exactly what was checked and hashed.
func TestConfirmFilesExactlyWhatWasChecked(t *testing.T) {
	t.Parallel()
	race := &racingStore{}
	e := setup(t, apitest.Options{WrapStore: func(s blob.Store) blob.Store { race.Store = s; return race }})
	r, tk := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", len(pdfBytes))
	require.Equal(t, 201, r.Status)
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, pdfBytes).Status)
	evil := []byte("<html><script>alert(1)</script>")
	evil = append(evil, bytes.Repeat([]byte(" "), len(pdfBytes)-len(evil))...)
	race.mu.Lock()
	race.evil = evil
	race.mu.Unlock()
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 200, r.Status, string(r.Body))
	var filed struct{ Versions []file.Version }
	r.JSON(t, &filed)
	require.Len(t, filed.Versions, 1)
	race.mu.Lock()
	require.Nil(t, race.evil, "the swap happened during the confirm")
	race.mu.Unlock()

	r = e.client.Do("GET", e.url("/folders/"+e.folders["Contenu"].String()+"/files"), nil)
	var list struct{ Files []file.File }
	r.JSON(t, &list)
	require.Len(t, list.Files, 1)
	_, got := e.follow(t, e.client, e.url("/files/"+list.Files[0].ID.String()+"/download"))
	require.Equal(t, pdfBytes, got.Body)
	sum := sha256.Sum256(pdfBytes)
	require.Equal(t, hex.EncodeToString(sum[:]), filed.Versions[0].SHA256)
}

// Parallel upload requests cannot each pass the quota check: the space they
// reserve is counted one request at a time.
func TestQuotaHoldsUnderConcurrentRequests(t *testing.T) {
	t.Parallel()
	e := setup(t, apitest.Options{Env: map[string]string{"PARVIS_FILES_QUOTA_BYTES": "100"}})
	const n = 8
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "p.pdf", 40)
			statuses <- r.Status
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	require.Equal(t, map[int]int{201: 2, 422: n - 2}, got, "100 bytes hold two 40-byte uploads")
	require.Equal(t, 2, e.count(t, "SELECT count(*) FROM uploads"))
}

// pagePDF is a well-formed one-page PDF (a red square on white), with a
// correct cross-reference table.
func pagePDF() []byte {
	content := "1 0 0 rg 50 50 200 200 re f"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// A PDF gets a preview of its first page, rendered by pdftoppm and then
// decoded and re-encoded like any image.
func TestPDFFirstPagePreview(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm is missing: run scripts/tools.sh browser (Debian package poppler-utils)")
	}
	e := setup(t)
	f := e.client.Upload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "Devis signé.pdf", pagePDF())
	thumb := e.thumbnail(t, f.ID)
	img, _, err := image.Decode(bytes.NewReader(thumb.Body))
	require.NoError(t, err)
	require.Equal(t, 480, img.Bounds().Dx(), "a 300 pt square page, rendered at 960 px and scaled to 480")
	require.Equal(t, 480, img.Bounds().Dy())
	r, g, b, _ := img.At(240, 240).RGBA()
	require.Greater(t, r>>8, uint32(200), "the middle of the page is red")
	require.Less(t, g>>8, uint32(60))
	require.Less(t, b>>8, uint32(60))
	r, g, b, _ = img.At(10, 10).RGBA()
	require.Greater(t, g>>8, uint32(200), "the corner is white")

	// A PDF that pdftoppm cannot read keeps its icon; nothing else breaks.
	_, err = file.RenderPDFPage(t.Context(), []byte("%PDF-1.4\nnot really a pdf"))
	require.Error(t, err)
}
