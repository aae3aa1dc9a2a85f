package file_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/file"
	"github.com/parvis/parvis/internal/httpapi"
)

// crashingStore kills the confirm right after it moved the bytes, as a
// kill -9 would: the request dies with its connection and no line of the
// confirm after the move runs.
type crashingStore struct {
	blob.Store
	armed atomic.Bool
}

func (s *crashingStore) Move(ctx context.Context, src, dst string) error {
	if err := s.Store.Move(ctx, src, dst); err != nil {
		return err
	}
	if s.armed.CompareAndSwap(true, false) {
		panic(http.ErrAbortHandler)
	}
	return nil
}

// crashedConfirm sends the bytes of an upload and confirms it through a
// store that dies after the move; before runs between the PUT and the
// confirm.
func crashedConfirm(t *testing.T, before ...func(e *env)) (*env, apitest.Ticket) {
	t.Helper()
	crash := &crashingStore{}
	// No workers: the test runs the expiry job itself, at the fake time.
	e := setup(t, apitest.Options{NoWorkers: true, WrapStore: func(s blob.Store) blob.Store { crash.Store = s; return crash }})
	r, tk := e.client.RequestUpload(e.ws.Slug, e.project, e.folders["Contenu"], uuid.Nil, "devis.pdf", len(pdfBytes))
	require.Equal(t, 201, r.Status)
	require.Equal(t, 200, e.client.PutBlob(tk.URL, tk.ContentType, pdfBytes).Status)
	for _, b := range before {
		b(e)
	}

	crash.armed.Store(true)
	req, err := http.NewRequest("POST", e.Server.URL+e.url("/uploads/"+tk.UploadID.String()+"/confirm"), nil)
	require.NoError(t, err)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: e.client.Session})
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		res.Body.Close()
	}
	require.Error(t, err, "the connection died with the confirm")
	require.False(t, crash.armed.Load(), "the crash happened after the move")
	require.Equal(t, 1, e.count(t, "SELECT count(*) FROM uploads WHERE status = 'confirming'"))
	require.Len(t, e.blobs(t), 1, "the bytes were moved, not copied")
	return e, tk
}

// A retry after a confirm died midway completes it (issue 8, point 6).
func TestConfirmAfterCrashCompletes(t *testing.T) {
	t.Parallel()
	e, tk := crashedConfirm(t)

	r := e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 409, r.Status, "the dead confirm's claim has not lapsed yet")
	require.Equal(t, "upload_confirming", r.Problem(t).Code)

	e.Clock.Advance(file.ConfirmLease + time.Second)
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 200, r.Status, string(r.Body))
	var filed struct {
		file.File
		Versions []file.Version
	}
	r.JSON(t, &filed)
	require.Len(t, filed.Versions, 1)
	_, got := e.follow(t, e.client, e.url("/files/"+filed.ID.String()+"/download"))
	require.Equal(t, pdfBytes, got.Body)

	// The answer was lost? Confirming again says the same, files nothing.
	r = e.client.Confirm(e.ws.Slug, e.project, tk.UploadID)
	require.Equal(t, 200, r.Status, string(r.Body))
	var again struct{ file.File }
	r.JSON(t, &again)
	require.Equal(t, filed.ID, again.ID)
	require.Equal(t, 1, e.count(t, "SELECT count(*) FROM file_versions"))

	// The sweep keeps the filed bytes.
	e.Clock.Advance(file.UploadExpiry)
	w := &file.ExpireUploadWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	require.NoError(t, w.Work(context.Background(), &river.Job[file.ExpireUploadArgs]{Args: file.ExpireUploadArgs{WorkspaceID: e.ws.ID, UploadID: tk.UploadID}}))
	require.Len(t, e.blobs(t), 1)
	e.relogin()
	_, got = e.follow(t, e.client, e.url("/files/"+filed.ID.String()+"/download"))
	require.Equal(t, pdfBytes, got.Body)
}

// Nobody retries: the sweeper deletes the moved bytes too, and the quota
// they held is free again.
func TestCrashedConfirmIsSwept(t *testing.T) {
	t.Parallel()
	e, tk := crashedConfirm(t)
	require.Equal(t, len(pdfBytes), e.count(t, "SELECT coalesce(sum(size), 0)::int FROM uploads WHERE status IN ('pending', 'confirming')"),
		"bytes in a stuck confirm count against the quota")

	w := &file.ExpireUploadWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	job := &river.Job[file.ExpireUploadArgs]{Args: file.ExpireUploadArgs{WorkspaceID: e.ws.ID, UploadID: tk.UploadID}}
	e.Clock.Advance(file.UploadExpiry + time.Second)
	require.NoError(t, w.Work(context.Background(), job))
	require.Empty(t, e.blobs(t), "no byte left under a key nothing refers to")
	require.Zero(t, e.count(t, "SELECT count(*) FROM uploads"))
	require.NoError(t, w.Work(context.Background(), job), "twice is harmless")
}

// A confirm still within its lease when the upload expires is let finish.
func TestSweepWaitsForARunningConfirm(t *testing.T) {
	t.Parallel()
	e, tk := crashedConfirm(t, func(e *env) {
		e.Clock.Advance(file.UploadExpiry - time.Minute)
		e.relogin()
	})
	e.Clock.Advance(time.Minute + time.Second) // the upload expired, the claim has not
	w := &file.ExpireUploadWorker{Pool: e.DB.App, Store: storeOf(t, e), Now: e.Clock.Now}
	job := &river.Job[file.ExpireUploadArgs]{Args: file.ExpireUploadArgs{WorkspaceID: e.ws.ID, UploadID: tk.UploadID}}
	require.Error(t, w.Work(context.Background(), job), "snoozed until the claim lapses")
	require.Len(t, e.blobs(t), 1)
	e.Clock.Advance(file.ConfirmLease)
	require.NoError(t, w.Work(context.Background(), job))
	require.Empty(t, e.blobs(t))
}
