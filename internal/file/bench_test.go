package file_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/blob"
)

// `make bench` runs these (issue 4): the time to issue a signed URL, and to
// list a folder of 1 000 files through the API.

func BenchmarkSignPut(b *testing.B) {
	l, err := blob.NewLocal(b.TempDir(), make([]byte, 32), nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := l.SignPut(ctx, "uploads/ws/"+uuid.NewString(), "image/png", 1234, 15*time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDownloadRedirect(b *testing.B) {
	e := setup(b)
	up := e.client.Upload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", pdfBytes)
	path := e.url("/files/" + up.ID.String() + "/download")
	for b.Loop() {
		if r := e.noFollow(b, e.client, path); r.Status != 302 {
			b.Fatalf("status %d", r.Status)
		}
	}
}

func BenchmarkListFolder1000(b *testing.B) {
	e := setup(b)
	folder := e.folders["Livrables"]
	ctx := context.Background()
	// 1 000 files with two versions each, inserted directly.
	_, err := e.DB.Super.Exec(ctx, `
		WITH f AS (
		  INSERT INTO files (workspace_id, project_id, folder_id, name, created_at, updated_at)
		  SELECT $1, $2, $3, 'Fichier ' || g || '.png', now(), now() FROM generate_series(1, 1000) g
		  RETURNING id)
		INSERT INTO file_versions (workspace_id, file_id, number, blob_key, name, type, content_type, size, sha256, created_at)
		SELECT $1, f.id, n, 'files/bench/' || f.id || '-' || n, 'v.png', 'png', 'image/png', 1000, sha256(f.id::text::bytea), now()
		FROM f, generate_series(1, 2) n`, e.ws.ID, e.project, folder)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.DB.Super.Exec(ctx, "ANALYZE files, file_versions"); err != nil {
		b.Fatal(err)
	}
	path := e.url("/folders/" + folder.String() + "/files")
	for b.Loop() {
		r := e.client.Do("GET", path, nil)
		if r.Status != 200 || len(r.Body) < 1000*100 {
			b.Fatalf("status %d, %d bytes", r.Status, len(r.Body))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/list")
}
