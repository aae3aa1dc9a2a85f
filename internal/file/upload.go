package file

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

func hexString(b []byte) string { return hex.EncodeToString(b) }

// UploadRequest is what the browser says about a file before sending it.
type UploadRequest struct {
	Name        string `json:"name" minLength:"1" maxLength:"1024" doc:"The file's name on the user's disk (kept for display only)"`
	Size        int64  `json:"size" minimum:"1" doc:"Exact size in bytes"`
	ContentType string `json:"contentType,omitempty" maxLength:"255" doc:"The type the browser reports (may be empty)"`
}

// UploadTicket tells the browser where to PUT the bytes.
type UploadTicket struct {
	UploadID    uuid.UUID `json:"uploadId"`
	URL         string    `json:"url" doc:"Signed URL; relative to the portal's origin with the local driver"`
	Method      string    `json:"method" enum:"PUT"`
	ContentType string    `json:"contentType" doc:"Send exactly this Content-Type header"`
	ExpiresAt   time.Time `json:"expiresAt"`
}

// refusal is a 422 whose code the web client turns into a French sentence
// naming the file.
func refusal(code httpapi.Code, detail, name string) error {
	return httpapi.FieldErr(code, "body.name", detail, name)
}

// UploadPath names an upload.
type UploadPath struct {
	ProjectPath
	Upload uuid.UUID `path:"upload"`
}

func (h *Handler) registerUploads(api huma.API, base string, tags []string, sec []map[string][]string) {
	type ticketOut struct{ Body UploadTicket }

	huma.Register(api, huma.Operation{
		OperationID: "request-upload", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/folders/{folder}/uploads", Tags: tags,
		Summary:       "Ask to upload a new file into a folder: checks type, size and quota, returns a signed PUT URL (≤ 15 min)",
		Description:   "Refusals are 422 problems with code file_type_not_allowed, file_too_large, file_empty, invalid_file_name or quota_exceeded; 429 too_many_uploads when over the rate limit.",
		DefaultStatus: 201, Errors: []int{401, 404, 422, 429}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FolderPath
		Body UploadRequest
	}) (*ticketOut, error) {
		var out UploadTicket
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			f, err := h.folder(ctx, t, p.ID, in.Folder)
			if err != nil {
				return err
			}
			out, err = h.issue(ctx, t, p.ID, f, nil, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &ticketOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "request-version-upload", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/files/{file}/uploads", Tags: tags,
		Summary: "Ask to upload a new version of a file (same checks as a new file)", DefaultStatus: 201, Errors: []int{401, 404, 422, 429}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FilePath
		Body UploadRequest
	}) (*ticketOut, error) {
		var out UploadTicket
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			fl, err := h.file(ctx, t, p.ID, in.File)
			if err != nil {
				return err
			}
			if fl.DeletedAt != nil {
				return httpapi.NotFound()
			}
			f, err := h.folder(ctx, t, p.ID, fl.FolderID)
			if err != nil {
				return err
			}
			if f.Kind == AttachmentsKind {
				// An attachment is what was sent in the thread: no one
				// replaces it with a new version afterwards.
				return httpapi.NotFound()
			}
			out, err = h.issue(ctx, t, p.ID, f, &fl.ID, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &ticketOut{Body: out}, nil
	})

	type confirmOut struct {
		Body struct {
			File
			Versions []Version `json:"versions"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "confirm-upload", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base + "/uploads/{upload}/confirm", Tags: tags,
		Summary:     "Tell the server the bytes were sent: it checks size and content, then files the version, or deletes it and says why",
		Description: "Refusals: 422 upload_incomplete, file_content_mismatch, file_unsafe, quota_exceeded (the upload is deleted); 409 upload_not_received (nothing arrived yet; retry) or upload_confirming (a confirm is under way, or died less than 2 minutes ago; retry); a retry of a confirm that succeeded answers the same file again; 404 for someone else's upload.",
		Errors:      []int{401, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *UploadPath) (*confirmOut, error) {
		out := &confirmOut{}
		var err error
		out.Body.File, out.Body.Versions, err = h.confirm(ctx, in.Workspace, in.Project, in.Upload)
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "cancel-upload", Metadata: httpapi.AnyMember, Method: http.MethodDelete, Path: base + "/uploads/{upload}", Tags: tags,
		Summary: "Abandon an upload: whatever was sent is deleted", DefaultStatus: 204, Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *UploadPath) (*struct{}, error) {
		var u dbq.Upload
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			now := h.d.Now()
			var err error
			u, err = t.Q.ClaimUpload(ctx, dbq.ClaimUploadParams{Now: now, StaleBefore: now.Add(-ConfirmLease),
				WorkspaceID: t.WorkspaceID, ProjectID: p.ID, ID: in.Upload, UserID: t.UserID})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			return t.Q.SetUploadStatus(ctx, dbq.SetUploadStatusParams{Status: "refused", WorkspaceID: t.WorkspaceID, ID: u.ID})
		})
		if err != nil {
			return nil, err
		}
		// Both keys: a confirm that died midway may have moved the bytes.
		// The expiry job deletes them again if this fails.
		for _, key := range []string{u.BlobKey, finalKey(u)} {
			if err := h.store.Delete(ctx, key); err != nil {
				h.d.Log.WarnContext(ctx, "cancel upload: delete blob", "err", err)
			}
		}
		return nil, nil
	})
}

// checkRate refuses a caller over the upload budget (security guide point 20).
func (h *Handler) checkRate(ctx context.Context, q *dbq.Queries, userID uuid.UUID, ip string) error {
	now := h.d.Now()
	var retry time.Duration
	for _, c := range []struct {
		scope, key string
		max        int
	}{{"user", userID.String(), MaxUploadsPerUser}, {"ip", ip, MaxUploadsPerIP}} {
		r, err := q.CountUploadRequests(ctx, dbq.CountUploadRequestsParams{Scope: c.scope, Key: c.key, Since: now.Add(-RateWindow)})
		if err != nil {
			return err
		}
		if int(r.Requests) >= c.max {
			if d := r.Oldest.Add(RateWindow).Sub(now); d > retry {
				retry = d
			}
		}
	}
	if retry > 0 {
		h.d.Log.WarnContext(ctx, "upload rate limited", "user_id", userID, "ip", ip)
		hd := http.Header{}
		hd.Set("Retry-After", strconv.Itoa(int(math.Max(1, math.Ceil(retry.Seconds())))))
		return httpapi.WithHeaders(httpapi.Err(httpapi.CodeTooManyUploads, "too many uploads; retry later"), hd)
	}
	return nil
}

// issue runs the checks of an upload request and signs the PUT.
func (h *Handler) issue(ctx context.Context, t *httpapi.Tenant, project uuid.UUID, folder dbq.Folder, fileID *uuid.UUID, req UploadRequest) (UploadTicket, error) {
	cfg := h.d.Config.Storage
	name := cleanName(req.Name)
	if name == "" {
		return UploadTicket{}, refusal(httpapi.CodeInvalidFileName, "the file name is empty", req.Name)
	}
	k, ok := kindByExt(extOf(name))
	if !ok || !isAllowed(folder.Kind, k.ID) || !declaredMatches(k, req.ContentType) {
		return UploadTicket{}, refusal(httpapi.CodeFileTypeNotAllowed, "this type of file is not accepted in this folder", name)
	}
	if req.Size > cfg.MaxFileBytes {
		return UploadTicket{}, refusal(httpapi.CodeFileTooLarge, fmt.Sprintf("files are limited to %d bytes", cfg.MaxFileBytes), name)
	}
	if err := t.Q.LockWorkspaceUploads(ctx, t.WorkspaceID); err != nil {
		return UploadTicket{}, err
	}
	ip := httpapi.ClientIP(ctx)
	if err := h.checkRate(ctx, t.Q, t.UserID, ip); err != nil {
		return UploadTicket{}, err
	}
	used, err := t.Q.WorkspaceStorageUsed(ctx, t.WorkspaceID)
	if err != nil {
		return UploadTicket{}, err
	}
	if used+req.Size > cfg.QuotaBytes {
		return UploadTicket{}, refusal(httpapi.CodeQuotaExceeded, "the workspace's storage is full", name)
	}
	now := h.d.Now()
	key := "uploads/" + t.WorkspaceID.String() + "/" + uuid.NewString()
	u, err := t.Q.CreateUpload(ctx, dbq.CreateUploadParams{WorkspaceID: t.WorkspaceID, ProjectID: project, FolderID: folder.ID, FileID: fileID,
		UserID: t.UserID, BlobKey: key, Name: name, Type: k.ID, ContentType: k.MIME, Size: req.Size, CreatedAt: now, ExpiresAt: now.Add(PutTTL)})
	if err != nil {
		return UploadTicket{}, err
	}
	for _, r := range []dbq.RecordUploadRequestParams{{Scope: "user", Key: t.UserID.String(), At: now}, {Scope: "ip", Key: ip, At: now}} {
		if err := t.Q.RecordUploadRequest(ctx, r); err != nil {
			return UploadTicket{}, err
		}
	}
	// Whatever happens next, this job removes the upload row and any bytes
	// left at its key once the upload has expired.
	if _, err := h.d.River.InsertTx(ctx, t.Tx, ExpireUploadArgs{WorkspaceID: t.WorkspaceID, UploadID: u.ID}, &river.InsertOpts{ScheduledAt: now.Add(UploadExpiry)}); err != nil {
		return UploadTicket{}, err
	}
	url, err := h.store.SignPut(ctx, key, k.MIME, req.Size, PutTTL)
	if err != nil {
		return UploadTicket{}, err
	}
	return UploadTicket{UploadID: u.ID, URL: url, Method: "PUT", ContentType: k.MIME, ExpiresAt: u.ExpiresAt}, nil
}

// inspect reads a stored upload once: its SHA-256, and whether its bytes
// are what its name says.
func (h *Handler) inspect(ctx context.Context, key string, k kind, size int64) (sum []byte, ok bool, err error) {
	r, err := h.store.Open(ctx, key)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	hash := sha256.New()
	var head bytes.Buffer
	var all []byte
	if k.Text {
		var buf bytes.Buffer
		if _, err := io.Copy(io.MultiWriter(hash, &buf), io.LimitReader(r, size+1)); err != nil {
			return nil, false, err
		}
		all = buf.Bytes()
		head.Write(all[:min(len(all), 512)])
	} else {
		if _, err := io.CopyN(io.MultiWriter(hash, &head), r, min(size, 512)); err != nil && !errors.Is(err, io.EOF) {
			return nil, false, err
		}
		if _, err := io.Copy(hash, r); err != nil {
			return nil, false, err
		}
	}
	return hash.Sum(nil), k.Magic(head.Bytes(), all), nil
}

// finalKey is where an upload's bytes go on confirm. It derives from the
// upload, so a confirm that died after moving them can be retried, and the
// expiry job finds and deletes them if nobody retries: no byte ever sits
// under a key that nothing refers to. No URL is ever signed for it.
func finalKey(u dbq.Upload) string { return "files/" + u.WorkspaceID.String() + "/" + u.ID.String() }

// confirm is the second half of the pipeline. It claims the upload for
// ConfirmLease (one confirm at a time), moves the bytes out of reach of
// the PUT URL, inspects them outside any transaction, then either files
// the version, or deletes the bytes and says why. Every step can be
// retried: a confirm that died midway leaves a lapsing claim and the bytes
// at finalKey, where the retry (or the expiry job) finds them.
func (h *Handler) confirm(ctx context.Context, slug string, projectID, uploadID uuid.UUID) (File, []Version, error) {
	var up dbq.Upload
	var file File
	var versions []Version
	var filed bool
	err := h.d.InProject(ctx, slug, projectID, false, func(t *httpapi.Tenant, p dbq.Project) error {
		now := h.d.Now()
		var err error
		up, err = t.Q.ClaimUpload(ctx, dbq.ClaimUploadParams{Now: now, StaleBefore: now.Add(-ConfirmLease),
			WorkspaceID: t.WorkspaceID, ProjectID: p.ID, ID: uploadID, UserID: t.UserID})
		if !db.IsNotFound(err) {
			return err
		}
		file, versions, filed, err = h.unclaimable(ctx, t, p, uploadID)
		return err
	})
	if err != nil || filed {
		return file, versions, err
	}
	bg := context.WithoutCancel(ctx)
	// release ends the claim, only if it is still ours (a confirm slower
	// than its lease was taken over and must leave everything to the new one).
	release := func(status string) bool {
		var n int64
		err := h.d.InProject(bg, slug, projectID, false, func(t *httpapi.Tenant, _ dbq.Project) (err error) {
			n, err = t.Q.ReleaseUpload(bg, dbq.ReleaseUploadParams{Status: status, WorkspaceID: t.WorkspaceID, ID: up.ID, ClaimedAt: *up.ClaimedAt})
			return err
		})
		if err != nil {
			// The claim lapses by itself; the expiry job cleans up.
			h.d.Log.ErrorContext(ctx, "upload status", "upload_id", up.ID, "status", status, "err", err)
		}
		return n == 1
	}
	// First move the bytes to a key no URL was ever signed for, then check
	// them there: a second PUT with the still-valid URL can neither swap
	// the bytes between the check and the filing nor change a filed version.
	final := finalKey(up)
	if err := h.store.Move(ctx, up.BlobKey, final); err != nil {
		if !errors.Is(err, blob.ErrNotFound) {
			// A half-done move (S3 copied, then failed to delete the
			// source) leaves the source for a retry, which moves it over
			// the copy; without a retry the expiry job deletes both.
			release("pending")
			return File{}, nil, err
		}
		// Nothing at the upload key: nothing was sent yet, or a confirm
		// that died midway had already moved it.
		if _, statErr := h.store.Stat(ctx, final); statErr != nil {
			release("pending")
			if errors.Is(statErr, blob.ErrNotFound) {
				return File{}, nil, httpapi.Err(httpapi.CodeUploadNotReceived, "nothing was received for this upload yet")
			}
			return File{}, nil, statErr
		}
	}
	// From here on the bytes live at final only: anything but filing them
	// deletes them.
	fail := func(err error) (File, []Version, error) {
		if release("refused") {
			if delErr := h.store.Delete(bg, final); delErr != nil {
				h.d.Log.ErrorContext(ctx, "failed confirm: delete blob", "upload_id", up.ID, "key", final, "err", delErr)
			}
		}
		return File{}, nil, err
	}
	refuse := func(code httpapi.Code, detail string) (File, []Version, error) {
		h.d.Log.InfoContext(ctx, "upload refused", "upload_id", up.ID, "code", code)
		return fail(refusal(code, detail, up.Name))
	}

	size, err := h.store.Stat(ctx, final)
	if err != nil {
		return fail(err)
	}
	if size != up.Size {
		return refuse(httpapi.CodeUploadIncomplete, fmt.Sprintf("received %d bytes, expected %d", size, up.Size))
	}
	k, _ := kindByID(up.Type)
	sum, ok, err := h.inspect(ctx, final, k, size)
	if err != nil {
		return fail(err)
	}
	if !ok {
		if up.Type == "svg" {
			return refuse(httpapi.CodeFileUnsafe, "this SVG contains scripts or is not an SVG")
		}
		return refuse(httpapi.CodeFileContentMismatch, "the content of the file does not match its type")
	}

	err = h.d.InProject(ctx, slug, projectID, false, func(t *httpapi.Tenant, p dbq.Project) error {
		used, err := t.Q.WorkspaceStorageUsed(ctx, t.WorkspaceID)
		if err != nil {
			return err
		}
		if used > h.d.Config.Storage.QuotaBytes {
			return errQuota
		}
		// Filing ends the claim in the same transaction: a version exists
		// exactly when its upload is done.
		n, err := t.Q.ReleaseUpload(ctx, dbq.ReleaseUploadParams{Status: "done", WorkspaceID: t.WorkspaceID, ID: up.ID, ClaimedAt: *up.ClaimedAt})
		if err != nil {
			return err
		}
		if n != 1 {
			return errClaimLost
		}
		now := h.d.Now()
		var fileID uuid.UUID
		action := event.FileUploaded
		if up.FileID != nil {
			if _, err := t.Q.LockFile(ctx, dbq.LockFileParams{WorkspaceID: t.WorkspaceID, ID: *up.FileID}); err != nil {
				if db.IsNotFound(err) {
					return errFileGone
				}
				return err
			}
			fileID = *up.FileID
			action = event.FileVersionAdded
		} else {
			f, err := t.Q.CreateFile(ctx, dbq.CreateFileParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, FolderID: up.FolderID, Name: up.Name, CreatedBy: &t.UserID, Now: now})
			if err != nil {
				return err
			}
			fileID = f.ID
		}
		v, err := t.Q.CreateFileVersion(ctx, dbq.CreateFileVersionParams{WorkspaceID: t.WorkspaceID, FileID: fileID, BlobKey: final, Name: up.Name,
			Type: up.Type, ContentType: up.ContentType, Size: up.Size, Sha256: sum, UploadedBy: &t.UserID, CreatedAt: now})
		if err != nil {
			return err
		}
		if k.Raster || k.ID == "pdf" {
			if _, err := h.d.River.InsertTx(ctx, t.Tx, ThumbnailArgs{WorkspaceID: t.WorkspaceID, VersionID: v.ID}, nil); err != nil {
				return err
			}
		}
		folder, err := h.folder(ctx, t, p.ID, up.FolderID)
		if err != nil {
			return err
		}
		record := t.Record
		if folder.Kind == AttachmentsKind {
			// An attachment reaches clients with its request or comment
			// (never with an internal note): its upload alone is not news
			// for them, and its name may be the admin's business.
			record = t.RecordAdminOnly
		}
		if err := record(&p.ID, action, "file", fileID.String(), map[string]any{"name": up.Name, "version": v.Number, "versionId": v.ID.String(), "size": up.Size, "sha256": hexString(sum)}); err != nil {
			return err
		}
		file, versions, err = h.loadFile(ctx, t, p.ID, fileID)
		return err
	})
	switch {
	case err == nil:
		return file, versions, nil
	case errors.Is(err, errClaimLost):
		// Another confirm took over: the bytes are its business now.
		return File{}, nil, errConfirming()
	case errors.Is(err, errQuota):
		return fail(refusal(httpapi.CodeQuotaExceeded, "the workspace's storage is full", up.Name))
	case errors.Is(err, errFileGone):
		return fail(httpapi.NotFound())
	}
	return fail(err)
}

// unclaimable says why an upload cannot be claimed. An upload already
// filed (its confirm succeeded but the answer was lost) answers with its
// file again, so a retry always ends the same way.
func (h *Handler) unclaimable(ctx context.Context, t *httpapi.Tenant, p dbq.Project, uploadID uuid.UUID) (File, []Version, bool, error) {
	u, err := t.Q.GetOwnUpload(ctx, dbq.GetOwnUploadParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, ID: uploadID, UserID: t.UserID})
	if db.IsNotFound(err) {
		return File{}, nil, false, httpapi.NotFound()
	}
	if err != nil {
		return File{}, nil, false, err
	}
	switch u.Status {
	case "done":
		v, err := t.Q.GetVersionByBlobKey(ctx, dbq.GetVersionByBlobKeyParams{WorkspaceID: t.WorkspaceID, BlobKey: finalKey(u)})
		if db.IsNotFound(err) {
			return File{}, nil, false, httpapi.NotFound()
		}
		if err != nil {
			return File{}, nil, false, err
		}
		f, versions, err := h.loadFile(ctx, t, p.ID, v.FileID)
		return f, versions, err == nil, err
	case "confirming", "pending":
		return File{}, nil, false, errConfirming()
	}
	return File{}, nil, false, httpapi.NotFound()
}

func errConfirming() error {
	return httpapi.Err(httpapi.CodeUploadConfirming, "this upload is being confirmed; retry in a minute")
}

var (
	errQuota     = errors.New("quota exceeded")
	errFileGone  = errors.New("file deleted meanwhile")
	errClaimLost = errors.New("confirm taken over by another")
)

// A pgx.Tx is used by River's InsertTx through the tenant transaction.
var _ pgx.Tx = (pgx.Tx)(nil)
