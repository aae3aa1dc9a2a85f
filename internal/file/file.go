// Package file is spec module E: each project's standard folders (Branding,
// Contenu, Livrables) and their sub-folders, files with versions v1, v2…
// and a "finale" mark, soft deletion restorable for 30 days, and the upload
// pipeline every module attaching files goes through:
//
//	request (name, size, type) → checks → signed PUT URL (≤ 15 min)
//	→ the browser sends the bytes to storage → confirm
//	→ size and magic bytes checked → ready, or deleted with the reason.
//
// Bytes never pass through the JSON API; they live in a blob.Store under
// keys the server generates.
package file

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/parvis/parvis/internal/blob"
	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Figures of the module (security guide points 17–20; project choices).
const (
	PutTTL       = 15 * time.Minute
	GetTTL       = 5 * time.Minute
	RestoreDays  = 30
	RestoreFor   = RestoreDays * 24 * time.Hour
	UploadExpiry = time.Hour // an upload row and its blob live at most this long unconfirmed
	// ConfirmLease is how long a confirm holds its upload: a confirm that
	// died midway (a crash, a kill -9) is taken over by a retry after it.
	// Moving and checking 25 MiB takes seconds, not minutes.
	ConfirmLease = 2 * time.Minute

	RateWindow        = 10 * time.Minute
	MaxUploadsPerUser = 100
	MaxUploadsPerIP   = 300
)

// Handler serves the files module.
type Handler struct {
	d     *httpapi.Deps
	store blob.Store
}

// New returns the files handler.
func New(d *httpapi.Deps, store blob.Store) *Handler { return &Handler{d: d, store: store} }

// Folder as members see it.
type Folder struct {
	ID        uuid.UUID  `json:"id"`
	ParentID  *uuid.UUID `json:"parentId,omitempty"`
	Kind      string     `json:"kind" enum:"branding,content,deliverables" doc:"The standard root this folder belongs to; decides the allowed types"`
	Name      string     `json:"name"`
	Standard  bool       `json:"standard" doc:"One of the three standard folders (not renamable)"`
	FileCount int        `json:"fileCount"`
	Accept    []string   `json:"accept" doc:"Allowed file extensions, e.g. .png"`
}

// File is one file with its current version.
type File struct {
	ID             uuid.UUID `json:"id"`
	FolderID       uuid.UUID `json:"folderId"`
	Name           string    `json:"name"`
	VersionID      uuid.UUID `json:"versionId" doc:"The current (highest) version"`
	Version        int       `json:"version"`
	VersionCount   int       `json:"versionCount"`
	FinalVersion   *int      `json:"finalVersion,omitempty" doc:"Number of the version marked final"`
	Type           string    `json:"type" doc:"png, jpeg, pdf, svg, zip, …"`
	ContentType    string    `json:"contentType"`
	Size           int64     `json:"size"`
	Previewable    bool      `json:"previewable" doc:"Raster image or PDF: may be shown inline"`
	HasThumbnail   bool      `json:"hasThumbnail"`
	Width          *int32    `json:"width,omitempty"`
	Height         *int32    `json:"height,omitempty"`
	UploadedByName string    `json:"uploadedByName"`
	UpdatedAt      time.Time `json:"updatedAt"`
	CreatedAt      time.Time `json:"createdAt"`
}

// Version is one entry of a file's history.
type Version struct {
	ID             uuid.UUID `json:"id"`
	Number         int       `json:"number"`
	Name           string    `json:"name"`
	Type           string    `json:"type"`
	Size           int64     `json:"size"`
	SHA256         string    `json:"sha256" doc:"Hex SHA-256 of the content, fixed forever"`
	Final          bool      `json:"final"`
	HasThumbnail   bool      `json:"hasThumbnail"`
	UploadedByName string    `json:"uploadedByName"`
	CreatedAt      time.Time `json:"createdAt"`
}

// DeletedFile is a trash entry.
type DeletedFile struct {
	ID            uuid.UUID `json:"id"`
	Name          string    `json:"name"`
	FolderName    string    `json:"folderName"`
	Size          int64     `json:"size" doc:"All versions"`
	DeletedAt     time.Time `json:"deletedAt"`
	DeletedByName string    `json:"deletedByName"`
	PurgeAt       time.Time `json:"purgeAt"`
}

func toFolder(f dbq.Folder, count int) Folder {
	return Folder{ID: f.ID, ParentID: f.ParentID, Kind: f.Kind, Name: f.Name, Standard: f.ParentID == nil, FileCount: count, Accept: allowedExts(f.Kind)}
}

func toFileRow(r dbq.ListFolderFilesRow, folder uuid.UUID) File {
	k, _ := kindByID(r.Type)
	f := File{ID: r.ID, FolderID: folder, Name: r.Name, VersionID: r.VersionID, Version: int(r.VersionNumber),
		VersionCount: int(r.VersionCount), Type: r.Type, ContentType: r.ContentType, Size: r.Size,
		Previewable: k.Inline, HasThumbnail: r.HasThumb, Width: r.Width, Height: r.Height,
		UploadedByName: r.UploadedByName, UpdatedAt: r.VersionCreatedAt, CreatedAt: r.CreatedAt}
	if r.FinalNumber > 0 {
		n := int(r.FinalNumber)
		f.FinalVersion = &n
	}
	return f
}

func toVersion(v dbq.FileVersion, by string) Version {
	return Version{ID: v.ID, Number: int(v.Number), Name: v.Name, Type: v.Type, Size: v.Size, SHA256: hexString(v.Sha256),
		Final: v.Final, HasThumbnail: v.ThumbKey != nil, UploadedByName: by, CreatedAt: v.CreatedAt}
}

// ProjectPath is the prefix of every route of the module.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48" doc:"Workspace slug"`
	Project   uuid.UUID `path:"project"`
}

// FolderPath names a folder.
type FolderPath struct {
	ProjectPath
	Folder uuid.UUID `path:"folder"`
}

// FilePath names a file.
type FilePath struct {
	ProjectPath
	File uuid.UUID `path:"file"`
}

// AttachmentsKind is the kind of the per-project system folder « Pièces
// jointes » that holds the attachments of client requests: uploads go
// through the same pipeline as any file, but the folder is not listed on
// the Files page and has no sub-folders.
const AttachmentsKind = "attachments"

func (h *Handler) folder(ctx context.Context, t *httpapi.Tenant, project, id uuid.UUID) (dbq.Folder, error) {
	f, err := t.Q.GetFolder(ctx, dbq.GetFolderParams{WorkspaceID: t.WorkspaceID, ProjectID: project, ID: id})
	if db.IsNotFound(err) {
		return f, httpapi.NotFound()
	}
	return f, err
}

func (h *Handler) file(ctx context.Context, t *httpapi.Tenant, project, id uuid.UUID) (dbq.File, error) {
	f, err := t.Q.GetFile(ctx, dbq.GetFileParams{WorkspaceID: t.WorkspaceID, ProjectID: project, ID: id})
	if db.IsNotFound(err) || (err == nil && f.DeletedAt != nil && !t.IsAdmin()) {
		return f, httpapi.NotFound()
	}
	return f, err
}

// Register adds the module's operations and nothing else; the blob routes
// are mounted by the app.
func (h *Handler) Register(api huma.API) {
	tags := []string{"files"}
	sec := []map[string][]string{{"session": {}}}
	base := "/api/v1/w/{workspace}/projects/{project}"

	huma.Register(api, huma.Operation{
		OperationID: "list-folders", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/folders", Tags: tags,
		Summary: "The project's folders: the three standard ones and their sub-folders", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*struct {
		Body struct {
			Folders    []Folder `json:"folders"`
			MaxBytes   int64    `json:"maxBytes" doc:"Largest file accepted"`
			QuotaBytes int64    `json:"quotaBytes"`
			UsedBytes  int64    `json:"usedBytes"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Folders    []Folder `json:"folders"`
				MaxBytes   int64    `json:"maxBytes" doc:"Largest file accepted"`
				QuotaBytes int64    `json:"quotaBytes"`
				UsedBytes  int64    `json:"usedBytes"`
			}
		}{}
		out.Body.Folders = []Folder{}
		out.Body.MaxBytes, out.Body.QuotaBytes = h.d.Config.Storage.MaxFileBytes, h.d.Config.Storage.QuotaBytes
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			rows, err := t.Q.ListFolders(ctx, dbq.ListFoldersParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID})
			if err != nil {
				return err
			}
			for _, r := range rows {
				out.Body.Folders = append(out.Body.Folders, toFolder(dbq.Folder{ID: r.ID, ParentID: r.ParentID, Kind: r.Kind, Name: r.Name}, int(r.FileCount)))
			}
			if t.IsAdmin() {
				out.Body.UsedBytes, err = t.Q.WorkspaceStorageUsed(ctx, t.WorkspaceID)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "create-folder", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: base + "/folders/{folder}/folders", Tags: tags,
		Summary: "Add a sub-folder (admin)", DefaultStatus: 201, Errors: []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FolderPath
		Body struct {
			Name string `json:"name" minLength:"1" maxLength:"80"`
		}
	}) (*struct{ Body Folder }, error) {
		name := strings.TrimSpace(in.Body.Name)
		if name == "" || strings.ContainsAny(name, "/\\") {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.name", "expected length >= 1", in.Body.Name)
		}
		var out Folder
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			parent, err := h.folder(ctx, t, p.ID, in.Folder)
			if err != nil {
				return err
			}
			if parent.Kind == AttachmentsKind {
				return httpapi.NotFound() // the system folder has no sub-folders
			}
			f, err := t.Q.CreateFolder(ctx, dbq.CreateFolderParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, ParentID: &parent.ID,
				Kind: parent.Kind, Name: name, CreatedBy: &t.UserID, CreatedAt: h.d.Now()})
			if db.IsUniqueViolation(err, "folders_name_key") {
				return httpapi.FieldErr(httpapi.CodeFolderExists, "body.name", "a folder with this name already exists here", name)
			}
			if err != nil {
				return err
			}
			out = toFolder(f, 0)
			return t.Record(&p.ID, event.FolderCreated, "folder", f.ID.String(), map[string]any{"name": f.Name, "parent": parent.Name})
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body Folder }{Body: out}, nil
	})

	type filesOut struct {
		Body struct {
			Files []File `json:"files"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "list-folder-files", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/folders/{folder}/files", Tags: tags,
		Summary: "Files of a folder with their current version", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *FolderPath) (*filesOut, error) {
		out := &filesOut{}
		out.Body.Files = []File{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			f, err := h.folder(ctx, t, p.ID, in.Folder)
			if err != nil {
				return err
			}
			if f.Kind == AttachmentsKind {
				// Attachments are listed by their request, where the
				// thread's visibility (internal notes) applies.
				return httpapi.NotFound()
			}
			rows, err := t.Q.ListFolderFiles(ctx, dbq.ListFolderFilesParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, FolderID: f.ID})
			for _, r := range rows {
				out.Body.Files = append(out.Body.Files, toFileRow(r, f.ID))
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	type fileOut struct {
		Body struct {
			File
			Versions []Version `json:"versions" doc:"Newest first"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "get-file", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/files/{file}", Tags: tags,
		Summary: "One file and its version history", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *FilePath) (*fileOut, error) {
		out := &fileOut{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			var err error
			out.Body.File, out.Body.Versions, err = h.loadFile(ctx, t, p.ID, in.File)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	type redirect struct {
		Status       int
		Location     string `header:"Location"`
		CacheControl string `header:"Cache-Control"`
	}
	huma.Register(api, huma.Operation{
		OperationID: "download-file", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/files/{file}/download", Tags: tags,
		Summary:       "Redirect to a signed download URL (≤ 5 min) of a version (default: current)",
		Description:   "Only raster images and PDFs are ever served inline; everything else is an attachment.",
		DefaultStatus: 302, Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FilePath
		Version int  `query:"version" minimum:"0" doc:"Version number; 0 or absent for the current one"`
		Inline  bool `query:"inline" doc:"Display in the browser when the type allows it"`
	}) (*redirect, error) {
		var u string
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			v, err := h.version(ctx, t, p.ID, in.File, in.Version)
			if err != nil {
				return err
			}
			k, _ := kindByID(v.Type)
			u, err = h.store.SignGet(ctx, v.BlobKey, blob.GetOptions{ContentType: v.ContentType, Filename: v.Name, Inline: in.Inline && k.Inline}, GetTTL)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &redirect{Status: 302, Location: u, CacheControl: "no-store"}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "file-thumbnail", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/files/{file}/thumbnail", Tags: tags,
		Summary: "Redirect to a signed URL of a version's thumbnail (404 until it is made)", DefaultStatus: 302, Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FilePath
		Version int `query:"version" minimum:"0"`
	}) (*redirect, error) {
		var u string
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			v, err := h.version(ctx, t, p.ID, in.File, in.Version)
			if err != nil {
				return err
			}
			if v.ThumbKey == nil {
				return httpapi.NotFound()
			}
			u, err = h.store.SignGet(ctx, *v.ThumbKey, blob.GetOptions{ContentType: thumbType(*v.ThumbKey), Inline: true}, GetTTL)
			return err
		})
		if err != nil {
			return nil, err
		}
		// The browser may reuse the redirect briefly; the signed URL outlives it.
		return &redirect{Status: 302, Location: u, CacheControl: "private, max-age=60"}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "set-final-version", Metadata: httpapi.AdminOnly, Method: http.MethodPut, Path: base + "/files/{file}/versions/{version}/final", Tags: tags,
		Summary: "Mark a version as final, or unmark it (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		FilePath
		Version uuid.UUID `path:"version"`
		Body    struct {
			Final bool `json:"final"`
		}
	}) (*fileOut, error) {
		out := &fileOut{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			f, err := h.file(ctx, t, p.ID, in.File)
			if err != nil {
				return err
			}
			if f.DeletedAt != nil {
				return httpapi.NotFound()
			}
			if in.Body.Final {
				if err := t.Q.ClearFinalVersion(ctx, dbq.ClearFinalVersionParams{WorkspaceID: t.WorkspaceID, FileID: f.ID}); err != nil {
					return err
				}
			}
			v, err := t.Q.SetFinalVersion(ctx, dbq.SetFinalVersionParams{Final: in.Body.Final, WorkspaceID: t.WorkspaceID, FileID: f.ID, ID: in.Version})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			action := event.FileFinalMarked
			if !in.Body.Final {
				action = event.FileFinalUnmarked
			}
			if err := t.Record(&p.ID, action, "file", f.ID.String(), map[string]any{"name": f.Name, "version": v.Number, "versionId": v.ID.String()}); err != nil {
				return err
			}
			out.Body.File, out.Body.Versions, err = h.loadFile(ctx, t, p.ID, f.ID)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "delete-file", Metadata: httpapi.AdminOnly, Method: http.MethodDelete, Path: base + "/files/{file}", Tags: tags,
		Summary: "Move a file to the trash, restorable for 30 days (admin)", DefaultStatus: 204, Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *FilePath) (*struct{}, error) {
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			now := h.d.Now()
			f, err := t.Q.SoftDeleteFile(ctx, dbq.SoftDeleteFileParams{Now: now, DeletedBy: &t.UserID, WorkspaceID: t.WorkspaceID, ID: in.File})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			if f.ProjectID != p.ID {
				return httpapi.NotFound() // rolled back
			}
			if _, err := h.d.River.InsertTx(ctx, t.Tx, PurgeArgs{WorkspaceID: t.WorkspaceID, FileID: f.ID}, &river.InsertOpts{ScheduledAt: now.Add(RestoreFor).Add(time.Minute)}); err != nil {
				return err
			}
			return t.Record(&p.ID, event.FileDeleted, "file", f.ID.String(), map[string]any{"name": f.Name})
		})
		if err != nil {
			return nil, err
		}
		return nil, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "restore-file", Metadata: httpapi.AdminOnly, Method: http.MethodPost, Path: base + "/files/{file}/restore", Tags: tags,
		Summary: "Restore a file from the trash (admin, within 30 days)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *FilePath) (*fileOut, error) {
		out := &fileOut{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			now := h.d.Now()
			f, err := t.Q.RestoreFile(ctx, dbq.RestoreFileParams{Now: now, WorkspaceID: t.WorkspaceID, ID: in.File, Since: now.Add(-RestoreFor)})
			if db.IsNotFound(err) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			if f.ProjectID != p.ID {
				return httpapi.NotFound()
			}
			if err := t.Record(&p.ID, event.FileRestored, "file", f.ID.String(), map[string]any{"name": f.Name}); err != nil {
				return err
			}
			out.Body.File, out.Body.Versions, err = h.loadFile(ctx, t, p.ID, f.ID)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "list-deleted-files", Metadata: httpapi.AdminOnly, Method: http.MethodGet, Path: base + "/trash", Tags: tags,
		Summary: "Files deleted in the last 30 days (admin)", Errors: []int{401, 403, 404}, Security: sec,
	}, func(ctx context.Context, in *ProjectPath) (*struct {
		Body struct {
			Files []DeletedFile `json:"files"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Files []DeletedFile `json:"files"`
			}
		}{}
		out.Body.Files = []DeletedFile{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			now := h.d.Now()
			rows, err := t.Q.ListDeletedFiles(ctx, dbq.ListDeletedFilesParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Since: now.Add(-RestoreFor)})
			for _, r := range rows {
				out.Body.Files = append(out.Body.Files, DeletedFile{ID: r.ID, Name: r.Name, FolderName: r.FolderName, Size: r.TotalSize,
					DeletedAt: *r.DeletedAt, DeletedByName: r.DeletedByName, PurgeAt: r.DeletedAt.Add(RestoreFor)})
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	h.registerUploads(api, base, tags, sec)
}

// version picks a file's version by number (0: the current one).
func (h *Handler) version(ctx context.Context, t *httpapi.Tenant, project, fileID uuid.UUID, number int) (dbq.FileVersion, error) {
	f, err := h.file(ctx, t, project, fileID)
	if err != nil {
		return dbq.FileVersion{}, err
	}
	var v dbq.FileVersion
	if number > 0 {
		v, err = t.Q.GetFileVersionByNumber(ctx, dbq.GetFileVersionByNumberParams{WorkspaceID: t.WorkspaceID, FileID: f.ID, Number: int32(number)})
	} else {
		v, err = t.Q.GetLatestFileVersion(ctx, dbq.GetLatestFileVersionParams{WorkspaceID: t.WorkspaceID, FileID: f.ID})
	}
	if db.IsNotFound(err) {
		return v, httpapi.NotFound()
	}
	return v, err
}

func (h *Handler) loadFile(ctx context.Context, t *httpapi.Tenant, project, id uuid.UUID) (File, []Version, error) {
	f, err := h.file(ctx, t, project, id)
	if err != nil {
		return File{}, nil, err
	}
	rows, err := t.Q.ListFileVersions(ctx, dbq.ListFileVersionsParams{WorkspaceID: t.WorkspaceID, FileID: f.ID})
	if err != nil {
		return File{}, nil, err
	}
	if len(rows) == 0 {
		return File{}, nil, httpapi.NotFound()
	}
	versions := make([]Version, 0, len(rows))
	var final *int
	for _, r := range rows {
		v := dbq.FileVersion{ID: r.ID, WorkspaceID: r.WorkspaceID, FileID: r.FileID, Number: r.Number, BlobKey: r.BlobKey, Name: r.Name,
			Type: r.Type, ContentType: r.ContentType, Size: r.Size, Sha256: r.Sha256, Final: r.Final, ThumbKey: r.ThumbKey,
			Width: r.Width, Height: r.Height, UploadedBy: r.UploadedBy, CreatedAt: r.CreatedAt}
		versions = append(versions, toVersion(v, r.UploadedByName))
		if r.Final {
			n := int(r.Number)
			final = &n
		}
	}
	cur := rows[0]
	k, _ := kindByID(cur.Type)
	return File{ID: f.ID, FolderID: f.FolderID, Name: f.Name, VersionID: cur.ID, Version: int(cur.Number), VersionCount: len(rows),
		FinalVersion: final, Type: cur.Type, ContentType: cur.ContentType, Size: cur.Size, Previewable: k.Inline,
		HasThumbnail: cur.ThumbKey != nil, Width: cur.Width, Height: cur.Height, UploadedByName: cur.UploadedByName,
		UpdatedAt: cur.CreatedAt, CreatedAt: f.CreatedAt}, versions, nil
}
