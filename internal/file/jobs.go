package file

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "image/gif" // decoders for thumbnails
	_ "image/jpeg"
	_ "image/png"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// Workers act for the system on one workspace, named by the job's
// arguments (IDs only: river_job has no row-level security), through
// db.SystemScope with db.PurposeFileJobs.

// Thumbnail limits: decoding is refused above MaxPixels (a small file can
// declare a huge canvas), and thumbnails fit in ThumbSize².
const (
	MaxPixels = 50_000_000
	ThumbSize = 480
)

// ErrNoPDFRenderer is returned where poppler's pdftoppm is not installed:
// PDFs then show an icon in the list (the browser still previews them).
var ErrNoPDFRenderer = errors.New("pdftoppm (Debian package poppler-utils) is not installed")

// pdfTimeout bounds one rendering; an untrusted PDF can be slow on purpose.
const pdfTimeout = 20 * time.Second

// RenderPDFPage renders the first page of a PDF to PNG with poppler's
// pdftoppm, in a private temporary folder, at most ThumbSize×2 pixels on
// its longer side, within pdfTimeout. The caller decodes the result with
// the same pixel limit as any image.
func RenderPDFPage(ctx context.Context, pdf []byte) ([]byte, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPDFRenderer
	}
	dir, err := os.MkdirTemp("", "parvis-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-f", "1", "-l", "1", "-singlefile", "-png", "-scale-to", strconv.Itoa(2*ThumbSize), in, filepath.Join(dir, "page"))
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return os.ReadFile(filepath.Join(dir, "page.png"))
}

// ThumbnailArgs asks for the thumbnail of one image version.
type ThumbnailArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	VersionID   uuid.UUID `json:"version_id"`
}

// Kind implements river.JobArgs.
func (ThumbnailArgs) Kind() string { return "file.thumbnail" }

// ThumbnailWorker decodes an image with a pixel limit and re-encodes a
// small copy (JPEG when opaque, PNG otherwise); for a PDF, the same from a
// rendering of its first page.
type ThumbnailWorker struct {
	river.WorkerDefaults[ThumbnailArgs]
	Pool  *pgxpool.Pool
	Store blob.Store
}

// Work is idempotent: a version that has its thumbnail is left alone.
func (w *ThumbnailWorker) Work(ctx context.Context, job *river.Job[ThumbnailArgs]) error {
	a := job.Args
	var v dbq.FileVersion
	err := db.Tx(ctx, w.Pool, db.SystemScope(a.WorkspaceID, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) (err error) {
		v, err = q.GetFileVersionByID(ctx, dbq.GetFileVersionByIDParams{WorkspaceID: a.WorkspaceID, ID: a.VersionID})
		return err
	})
	if db.IsNotFound(err) {
		return nil // purged meanwhile
	}
	if err != nil || v.ThumbKey != nil {
		return err
	}
	r, err := w.Store.Open(ctx, v.BlobKey)
	if errors.Is(err, blob.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(r, v.Size+1))
	r.Close()
	if err != nil {
		return err
	}
	var dims bool // an image's own size is recorded; a PDF page's is not
	if v.Type == "pdf" {
		if data, err = RenderPDFPage(ctx, data); err != nil {
			return river.JobCancel(fmt.Errorf("first page of %s: %w", v.ID, err))
		}
	} else {
		dims = true
	}
	thumb, ctype, width, height, err := Thumbnail(data)
	if err != nil {
		// Not decodable or too large: the list shows an icon instead.
		return river.JobCancel(fmt.Errorf("thumbnail of %s: %w", v.ID, err))
	}
	ext := "jpg"
	if ctype == "image/png" {
		ext = "png"
	}
	key := "thumbs/" + a.WorkspaceID.String() + "/" + uuid.NewString() + "-" + ext
	if err := w.Store.Put(ctx, key, ctype, thumb); err != nil {
		return err
	}
	var pw, ph *int32
	if dims {
		w32, h32 := int32(width), int32(height)
		pw, ph = &w32, &h32
	}
	err = db.Tx(ctx, w.Pool, db.SystemScope(a.WorkspaceID, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) error {
		return q.SetVersionThumbnail(ctx, dbq.SetVersionThumbnailParams{ThumbKey: &key, Width: pw, Height: ph, WorkspaceID: a.WorkspaceID, ID: v.ID})
	})
	if err != nil {
		_ = w.Store.Delete(context.WithoutCancel(ctx), key)
	}
	return err
}

func isForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// thumbType is the Content-Type of a thumbnail key.
func thumbType(key string) string {
	if strings.HasSuffix(key, "-png") {
		return "image/png"
	}
	return "image/jpeg"
}

// Thumbnail decodes data (PNG, JPEG, GIF, WebP) after checking its declared
// dimensions, and returns a copy fitting in ThumbSize², with the original
// width and height.
func Thumbnail(data []byte) (out []byte, ctype string, width, height int, err error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", 0, 0, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, "", 0, 0, fmt.Errorf("image of %d×%d pixels refused", cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", 0, 0, err
	}
	b := src.Bounds()
	tw, th := b.Dx(), b.Dy()
	if tw > ThumbSize || th > ThumbSize {
		if tw >= th {
			th = max(1, th*ThumbSize/tw)
			tw = ThumbSize
		} else {
			tw = max(1, tw*ThumbSize/th)
			th = ThumbSize
		}
	}
	dst := image.NewNRGBA(image.Rect(0, 0, tw, th))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var buf bytes.Buffer
	if dst.Opaque() {
		err, ctype = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}), "image/jpeg"
	} else {
		err, ctype = png.Encode(&buf, dst), "image/png"
	}
	return buf.Bytes(), ctype, b.Dx(), b.Dy(), err
}

// ExpireUploadArgs cleans one upload once it has expired.
type ExpireUploadArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	UploadID    uuid.UUID `json:"upload_id"`
}

// Kind implements river.JobArgs.
func (ExpireUploadArgs) Kind() string { return "file.expire_upload" }

// ExpireUploadWorker deletes whatever sits at an expired upload's keys and
// the upload row: the PUT key, and unless the upload was filed, the key a
// confirm moves the bytes to (a confirm that died midway left them there).
type ExpireUploadWorker struct {
	river.WorkerDefaults[ExpireUploadArgs]
	Pool  *pgxpool.Pool
	Store blob.Store
	Now   func() time.Time
}

// Work is idempotent; an upload not yet expired is retried later.
func (w *ExpireUploadWorker) Work(ctx context.Context, job *river.Job[ExpireUploadArgs]) error {
	a := job.Args
	return db.Tx(ctx, w.Pool, db.SystemScope(a.WorkspaceID, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) error {
		u, err := q.LockUpload(ctx, dbq.LockUploadParams{WorkspaceID: a.WorkspaceID, ID: a.UploadID})
		if db.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		now := w.Now()
		until := u.CreatedAt.Add(UploadExpiry)
		if u.Status == "confirming" && u.ClaimedAt != nil && u.ClaimedAt.Add(ConfirmLease).After(until) {
			until = u.ClaimedAt.Add(ConfirmLease) // a confirm is running: let it finish
		}
		if until.After(now) {
			return river.JobSnooze(until.Sub(now) + time.Second)
		}
		keys := []string{u.BlobKey}
		if u.Status != "done" {
			keys = append(keys, finalKey(u))
		}
		// Delete the bytes first: if that fails the row stays and the job retries.
		for _, k := range keys {
			if err := w.Store.Delete(ctx, k); err != nil {
				return err
			}
		}
		if err := q.DeleteUpload(ctx, dbq.DeleteUploadParams{WorkspaceID: a.WorkspaceID, ID: u.ID}); err != nil {
			return err
		}
		return q.PruneUploadRequests(ctx, w.Now().Add(-24*time.Hour))
	})
}

// PurgeArgs removes a file deleted more than 30 days ago, for good.
type PurgeArgs struct {
	WorkspaceID uuid.UUID `json:"workspace_id"`
	FileID      uuid.UUID `json:"file_id"`
	// Unattached: the file is an upload of a « Pièces jointes » folder
	// never attached to anything (see SweepAttachmentsArgs), not a file of
	// the trash.
	Unattached bool `json:"unattached,omitempty"`
}

// Kind implements river.JobArgs.
func (PurgeArgs) Kind() string { return "file.purge" }

// PurgeWorker deletes the rows, then the bytes, of a file still in the
// trash after 30 days. A restored (or re-deleted) file is left alone.
type PurgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	Pool  *pgxpool.Pool
	Store blob.Store
	Now   func() time.Time
}

// Work is idempotent.
func (w *PurgeWorker) Work(ctx context.Context, job *river.Job[PurgeArgs]) error {
	err := w.purge(ctx, job.Args)
	if errors.Is(err, errPurgeKept) || errors.Is(err, errBlobsLeft) {
		return river.JobCancel(err)
	}
	return err
}

var (
	errPurgeKept = errors.New("kept, a version is still referenced")
	errBlobsLeft = errors.New("blobs left")
)

// purge deletes a file's rows, then its bytes, if it is (still, under the
// transaction) one to purge; otherwise it does nothing. Errors wrapping
// errPurgeKept or errBlobsLeft are final: retrying cannot help.
func (w *PurgeWorker) purge(ctx context.Context, a PurgeArgs) error {
	var keys []string
	err := db.Tx(ctx, w.Pool, db.SystemScope(a.WorkspaceID, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) error {
		if a.Unattached {
			// Lock first, then look for a link with a fresh snapshot: an
			// attach that committed meanwhile is seen; one that comes
			// after waits for this transaction and finds no file.
			f, err := q.LockAttachmentFile(ctx, dbq.LockAttachmentFileParams{WorkspaceID: a.WorkspaceID, ID: a.FileID})
			if db.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return err
			}
			if f.CreatedAt.Add(AbandonedAfter).After(w.Now()) {
				return nil
			}
			attached, err := q.AttachmentVisible(ctx, a.FileID)
			if err != nil || attached {
				return err
			}
		} else {
			file, err := q.GetFileByID(ctx, dbq.GetFileByIDParams{WorkspaceID: a.WorkspaceID, ID: a.FileID})
			if db.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return err
			}
			if file.DeletedAt == nil || file.DeletedAt.Add(RestoreFor).After(w.Now()) {
				return nil
			}
		}
		versions, err := q.ListFileVersions(ctx, dbq.ListFileVersionsParams{WorkspaceID: a.WorkspaceID, FileID: a.FileID})
		if err != nil {
			return err
		}
		for _, v := range versions {
			keys = append(keys, v.BlobKey)
			if v.ThumbKey != nil {
				keys = append(keys, *v.ThumbKey)
			}
		}
		// Fails (and retries) if another record, e.g. an approval, still
		// points at one of its versions.
		return q.PurgeFile(ctx, dbq.PurgeFileParams{WorkspaceID: a.WorkspaceID, ID: a.FileID})
	})
	if isForeignKeyViolation(err) {
		// Another record (an approval) cites one of its versions: the
		// proof must outlive the trash. The file stays, hidden and deleted.
		return fmt.Errorf("purge %s: %w: %w", a.FileID, errPurgeKept, err)
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, k := range keys {
		if err := w.Store.Delete(ctx, k); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		// The rows are gone; retrying cannot find the keys again.
		return fmt.Errorf("purge %s: %d %w: %w", a.FileID, len(errs), errBlobsLeft, errors.Join(errs...))
	}
	return nil
}

// AbandonedAfter is how long an upload into a « Pièces jointes » folder may
// wait to be attached to a request or a comment before it is purged.
const AbandonedAfter = 24 * time.Hour

// sweepBatch bounds the files purged per workspace in one run; the next
// run takes the rest.
const sweepBatch = 500

// SweepAttachmentsArgs is the periodic job purging attachment uploads
// whose form was abandoned: files of a « Pièces jointes » folder older than
// AbandonedAfter and attached to nothing. They counted in the quota.
type SweepAttachmentsArgs struct{}

// Kind implements river.JobArgs.
func (SweepAttachmentsArgs) Kind() string { return "file.sweep_attachments" }

// SweepAttachmentsWorker runs SweepAttachmentsArgs through the purge of
// PurgeWorker (rows, then bytes and thumbnails).
type SweepAttachmentsWorker struct {
	river.WorkerDefaults[SweepAttachmentsArgs]
	Pool  *pgxpool.Pool
	Store blob.Store
	Now   func() time.Time
}

// Work visits each workspace under its own system scope. Running it twice
// is harmless: each file is checked again, locked, before it goes.
func (w *SweepAttachmentsWorker) Work(ctx context.Context, _ *river.Job[SweepAttachmentsArgs]) error {
	var workspaces []uuid.UUID
	err := db.Tx(ctx, w.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		var err error
		workspaces, err = q.JobWorkspaceIDs(ctx)
		return err
	})
	if err != nil {
		return err
	}
	p := &PurgeWorker{Pool: w.Pool, Store: w.Store, Now: w.Now}
	before := w.Now().Add(-AbandonedAfter)
	var errs []error
	for _, ws := range workspaces {
		var files []uuid.UUID
		err := db.Tx(ctx, w.Pool, db.SystemScope(ws, db.PurposeFileJobs), func(_ pgx.Tx, q *dbq.Queries) error {
			var err error
			files, err = q.AbandonedAttachments(ctx, dbq.AbandonedAttachmentsParams{WorkspaceID: ws, Before: before, Max: sweepBatch})
			return err
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if err := p.purge(ctx, PurgeArgs{WorkspaceID: ws, FileID: f, Unattached: true}); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
