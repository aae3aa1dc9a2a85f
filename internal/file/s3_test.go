package file_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/blob/blobtest"
)

// The same pipeline with the S3 driver against a real S3-compatible server:
// the browser PUTs straight to the bucket, downloads are presigned there.
func TestPipelineOnS3(t *testing.T) {
	t.Parallel()
	s3 := blobtest.StartS3(t)
	e := setup(t, apitest.Options{Env: map[string]string{
		"PARVIS_STORAGE_DRIVER": "s3", "PARVIS_S3_ENDPOINT": s3.Endpoint, "PARVIS_S3_REGION": s3.Region,
		"PARVIS_S3_BUCKET": s3.Bucket, "PARVIS_S3_ACCESS_KEY_ID": s3.AccessKey, "PARVIS_S3_SECRET_ACCESS_KEY": s3.SecretKey,
		"PARVIS_S3_PATH_STYLE": "true",
	}})
	img := pngBytes(t, 640, 400)
	r, tk := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "photo.png", len(img))
	require.Equal(t, 201, r.Status, string(r.Body))
	require.True(t, strings.HasPrefix(tk.URL, s3.Endpoint+"/"+s3.Bucket+"/uploads/"), tk.URL)
	require.Equal(t, 403, e.client.PutBlob(tk.URL, "text/html", img).Status, "wrong Content-Type")
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, img).Status)
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 200, r.Status, string(r.Body))
	var up apitest.Uploaded
	r.JSON(t, &up)

	loc := e.noFollow(t, e.client, e.url("/files/"+up.ID.String()+"/download?inline=true")).Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, s3.Endpoint), loc)
	got := apitest.External("GET", loc, "", nil)
	require.Equal(t, 200, got.Status)
	require.Equal(t, img, got.Body)
	require.Equal(t, "image/png", got.Header.Get("Content-Type"))
	require.Equal(t, `inline; filename="photo.png"; filename*=UTF-8''photo.png`, got.Header.Get("Content-Disposition"))
	require.Equal(t, 403, apitest.External("GET", strings.Replace(loc, "inline", "attachment", 1), "", nil).Status, "tampered")

	// The thumbnail job reads from and writes to the bucket too.
	require.Eventually(t, func() bool {
		r := e.noFollow(t, e.client, e.url("/files/"+up.ID.String()+"/thumbnail"))
		return r.Status == 302 && apitest.External("GET", r.Header.Get("Location"), "", nil).Status == 200
	}, 10*time.Second, 100*time.Millisecond)

	// A refused upload leaves nothing in the bucket.
	r, tk = e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "faux.pdf", len(img))
	require.Equal(t, 201, r.Status)
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, img).Status)
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 422, r.Status)
	require.Equal(t, "file_content_mismatch", r.Problem(t).Code)
	store := storeOf(t, e)
	var key string
	require.NoError(t, e.DB.Super.QueryRow(t.Context(), "SELECT blob_key FROM uploads WHERE id = $1", tk.UploadID).Scan(&key))
	_, err := store.Stat(t.Context(), key)
	require.Error(t, err, "refused bytes deleted from the bucket")
}
