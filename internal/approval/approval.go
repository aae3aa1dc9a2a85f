// Package approval serves client approvals (spec 3.1): the admin asks the
// client to approve a milestone (maquette, contenu, livraison or a custom
// one); the client approves or asks for changes, with an optional comment.
// Rows are never deleted or re-decided: date, author and comment stay.
package approval

import (
	"context"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

// Handler serves approvals.
type Handler struct{ d *httpapi.Deps }

// New returns the approval handler.
func New(d *httpapi.Deps) *Handler { return &Handler{d: d} }

// Default titles per kind, in the spec's words.
var defaultTitles = map[string]string{"maquette": "Validation de la maquette", "contenu": "Validation du contenu", "livraison": "Validation de la livraison"}

// Approval is a request for the client's approval and its outcome.
type Approval struct {
	ID              string     `json:"id" format:"uuid"`
	Kind            string     `json:"kind" enum:"maquette,contenu,livraison,custom"`
	Title           string     `json:"title"`
	Description     string     `json:"description"`
	Status          string     `json:"status" enum:"pending,approved,changes_requested,cancelled"`
	RequestedAt     time.Time  `json:"requestedAt"`
	RequestedByName string     `json:"requestedByName"`
	DecidedAt       *time.Time `json:"decidedAt"`
	DecidedByName   string     `json:"decidedByName"`
	Comment         string     `json:"comment"`
	// File is the exact version submitted for approval, if any, with the
	// hash of its content at the time: what was approved stays provable.
	File *FileRef `json:"file,omitempty"`
}

// FileRef cites one version of a project file.
type FileRef struct {
	VersionID string  `json:"versionId" format:"uuid"`
	FileID    *string `json:"fileId" format:"uuid" doc:"null when the file is no longer visible to the caller"`
	Name      string  `json:"name"`
	Version   int     `json:"version" doc:"1 for v1, 2 for v2…"`
	SHA256    string  `json:"sha256" doc:"hex SHA-256 of the approved content"`
}

func toApproval(a dbq.Approval, requestedBy, decidedBy string, file *FileRef) Approval {
	return Approval{ID: a.ID.String(), Kind: a.Kind, Title: a.Title, Description: a.Description, Status: a.Status,
		RequestedAt: a.RequestedAt, RequestedByName: requestedBy, DecidedAt: a.DecidedAt, DecidedByName: decidedBy, Comment: a.Comment, File: file}
}

func fileRef(versionID *uuid.UUID, sha []byte, fileID *uuid.UUID, name *string, number *int32) *FileRef {
	if versionID == nil {
		return nil
	}
	ref := &FileRef{VersionID: versionID.String(), SHA256: hex.EncodeToString(sha)}
	if fileID != nil {
		s := fileID.String()
		ref.FileID = &s
	}
	if name != nil {
		ref.Name = *name
	}
	if number != nil {
		ref.Version = int(*number)
	}
	return ref
}

// Page chooses a page of a project's approvals, newest first.
type Page struct {
	Status      string     // one status only; "" for all
	DecidedOnly bool       // leave out the pending ones
	Before      *uuid.UUID // after this approval (the last one shown)
	Max         int
}

// List returns a page of the project's approvals in one query.
func List(ctx context.Context, t *httpapi.Tenant, projectID uuid.UUID, pg Page) ([]Approval, error) {
	var status *string
	if pg.Status != "" {
		status = &pg.Status
	}
	rows, err := t.Q.ListApprovals(ctx, dbq.ListApprovalsParams{ProjectID: projectID, Status: status, DecidedOnly: pg.DecidedOnly, Before: pg.Before, Max: int32(pg.Max)})
	if err != nil {
		return nil, err
	}
	out := make([]Approval, 0, len(rows))
	for _, r := range rows {
		a := dbq.Approval{ID: r.ID, Kind: r.Kind, Title: r.Title, Description: r.Description, Status: r.Status,
			RequestedAt: r.RequestedAt, DecidedAt: r.DecidedAt, Comment: r.Comment}
		out = append(out, toApproval(a, r.RequestedByName, r.DecidedByName,
			fileRef(r.FileVersionID, r.FileSha256, r.FileID, r.FileName, r.FileVersionNumber)))
	}
	return out, nil
}

// ProjectPath is the path of project routes.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48"`
	Project   uuid.UUID `path:"project"`
}

// ListInput chooses a page of approvals.
type ListInput struct {
	ProjectPath
	Status  string    `query:"status" enum:"pending,approved,changes_requested,cancelled" doc:"only this status"`
	Decided bool      `query:"decided" doc:"only approvals no longer pending (the history)"`
	Before  uuid.UUID `query:"before" doc:"id of the last approval already shown (next page)"`
	Limit   int       `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

// ListPage is a page of approvals.
type ListPage struct {
	Approvals  []Approval `json:"approvals"`
	NextBefore *string    `json:"nextBefore" doc:"pass as before= for the next page; null at the end"`
}

// ApprovalPath is the path of one approval.
type ApprovalPath struct {
	ProjectPath
	Approval uuid.UUID `path:"approval"`
}

type approvalOutput struct{ Body Approval }

func (h *Handler) userName(ctx context.Context, t *httpapi.Tenant, id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	u, err := t.Q.GetUser(ctx, *id)
	if err != nil {
		return ""
	}
	return u.Name
}

// Register adds the approval operations.
func (h *Handler) Register(api huma.API) {
	tags := []string{"approvals"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "list-approvals", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/projects/{project}/approvals", Tags: tags,
		Summary: "The approvals asked on the project, newest first, with their outcome, a page at a time", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *ListInput) (*struct{ Body ListPage }, error) {
		out := &struct{ Body ListPage }{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			var before *uuid.UUID
			if in.Before != uuid.Nil {
				before = &in.Before
			}
			// One more than asked says whether a next page exists.
			list, err := List(ctx, t, p.ID, Page{Status: in.Status, DecidedOnly: in.Decided, Before: before, Max: in.Limit + 1})
			if err != nil {
				return err
			}
			if len(list) > in.Limit {
				list = list[:in.Limit]
				last := list[len(list)-1].ID
				out.Body.NextBefore = &last
			}
			out.Body.Approvals = list
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "request-approval", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/approvals", Tags: tags, DefaultStatus: 201,
		Summary: "Ask the client to approve a milestone (admin)", Errors: []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Kind          string `json:"kind" enum:"maquette,contenu,livraison,custom"`
			Title         string `json:"title,omitempty" maxLength:"120" doc:"required for custom; defaults to the kind's name"`
			Description   string `json:"description,omitempty" maxLength:"5000"`
			FileVersionID string `json:"fileVersionId,omitempty" format:"uuid" doc:"the exact file version to approve (e.g. v2 of the mockup)"`
		}
	}) (*approvalOutput, error) {
		title := strings.TrimSpace(in.Body.Title)
		if title == "" {
			title = defaultTitles[in.Body.Kind]
		}
		if title == "" {
			return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.title", "a custom approval needs a title", in.Body.Title)
		}
		var out Approval
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			params := dbq.CreateApprovalParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, Kind: in.Body.Kind,
				Title: title, Description: strings.TrimSpace(in.Body.Description), RequestedBy: &t.UserID, RequestedAt: h.d.Now()}
			var ref *FileRef
			data := map[string]any{"title": title, "kind": in.Body.Kind}
			if in.Body.FileVersionID != "" {
				vid, _ := uuid.Parse(in.Body.FileVersionID)
				v, err := t.Q.GetProjectFileVersion(ctx, dbq.GetProjectFileVersionParams{ProjectID: p.ID, ID: vid})
				if db.IsNotFound(err) {
					return httpapi.FieldErr(httpapi.CodeUnknownFileVersion, "body.fileVersionId", "no such file version in this project", in.Body.FileVersionID)
				}
				if err != nil {
					return err
				}
				params.FileVersionID, params.FileSha256 = &v.ID, v.Sha256
				ref = fileRef(&v.ID, v.Sha256, &v.FileID, &v.Name, &v.Number)
				data["file"], data["version"] = v.Name, v.Number
			}
			a, err := t.Q.CreateApproval(ctx, params)
			if err != nil {
				return err
			}
			out = toApproval(a, h.userName(ctx, t, &t.UserID), "", ref)
			if err := t.Q.TouchProject(ctx, dbq.TouchProjectParams{Now: h.d.Now(), WorkspaceID: t.WorkspaceID, ID: p.ID}); err != nil {
				return err
			}
			return t.Record(&p.ID, event.ApprovalRequested, "approval", a.ID.String(), data)
		})
		if err != nil {
			return nil, err
		}
		return &approvalOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "decide-approval", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/approvals/{approval}/decision", Tags: tags,
		Summary: "The client approves, or asks for changes, with an optional comment (clients of the project)",
		Errors:  []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ApprovalPath
		Body struct {
			Decision string `json:"decision" enum:"approved,changes_requested"`
			Comment  string `json:"comment,omitempty" maxLength:"5000"`
		}
	}) (*approvalOutput, error) {
		comment := strings.TrimSpace(in.Body.Comment)
		if in.Body.Decision == "changes_requested" && comment == "" {
			return nil, httpapi.FieldErr(httpapi.CodeCommentRequired, "body.comment", "say what should change", in.Body.Comment)
		}
		var out Approval
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			// The approval is the client's to give: an admin cannot approve
			// on the client's behalf (they can cancel instead).
			if t.IsAdmin() {
				return httpapi.Err(httpapi.CodeClientOnly, "only the client decides on an approval")
			}
			return h.decide(ctx, t, p, in.Approval, in.Body.Decision, comment, &out)
		})
		if err != nil {
			return nil, err
		}
		return &approvalOutput{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "cancel-approval", Metadata: httpapi.AdminOnly, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/approvals/{approval}/cancel", Tags: tags,
		Summary: "Withdraw a pending approval request (admin)", Errors: []int{401, 403, 404, 409}, Security: sec,
	}, func(ctx context.Context, in *ApprovalPath) (*approvalOutput, error) {
		var out Approval
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) error {
			return h.decide(ctx, t, p, in.Approval, "cancelled", "", &out)
		})
		if err != nil {
			return nil, err
		}
		return &approvalOutput{Body: out}, nil
	})
}

// decide records a decision once: a decided approval answers 409.
func (h *Handler) decide(ctx context.Context, t *httpapi.Tenant, p dbq.Project, id uuid.UUID, status, comment string, out *Approval) error {
	a, err := t.Q.GetApprovalForUpdate(ctx, dbq.GetApprovalForUpdateParams{ProjectID: p.ID, ID: id})
	if db.IsNotFound(err) {
		return httpapi.NotFound()
	}
	if err != nil {
		return err
	}
	if a.Status != "pending" {
		return httpapi.Err(httpapi.CodeAlreadyDecided, "this approval was already "+a.Status)
	}
	now := h.d.Now()
	na, err := t.Q.DecideApproval(ctx, dbq.DecideApprovalParams{Status: status, DecidedBy: &t.UserID, Now: now, Comment: comment, ProjectID: p.ID, ID: id})
	if err != nil {
		return err
	}
	var ref *FileRef
	data := map[string]any{"title": na.Title, "kind": na.Kind, "comment": comment}
	if na.FileVersionID != nil {
		ref = fileRef(na.FileVersionID, na.FileSha256, nil, nil, nil)
		if v, err := t.Q.GetProjectFileVersion(ctx, dbq.GetProjectFileVersionParams{ProjectID: p.ID, ID: *na.FileVersionID}); err == nil {
			ref = fileRef(&v.ID, v.Sha256, &v.FileID, &v.Name, &v.Number)
			data["file"], data["version"] = v.Name, v.Number
		}
		data["sha256"] = ref.SHA256
	}
	*out = toApproval(na, h.userName(ctx, t, na.RequestedBy), h.userName(ctx, t, &t.UserID), ref)
	return t.Record(&p.ID, event.ApprovalDecided(status), "approval", na.ID.String(), data)
}
