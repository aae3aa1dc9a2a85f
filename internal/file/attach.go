package file

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Attach links files to their owner (a request, a comment, a message):
// each must be a file the caller uploaded into the project's « Pièces
// jointes » folder through the upload pipeline (so it passed every check
// of type, size, content and quota) and not attached to anything yet.
// link writes the owner's link row; a unique violation of linkKey (a file
// attached at the same moment elsewhere) is the same refusal. Errors name
// the body field at field[i].
func Attach(ctx context.Context, t *httpapi.Tenant, projectID uuid.UUID, files []uuid.UUID, field, linkKey string, link func(fileID uuid.UUID) error) error {
	seen := map[uuid.UUID]bool{}
	for i, id := range files {
		loc := fmt.Sprintf("%s[%d]", field, i)
		if seen[id] {
			return httpapi.FieldErr(httpapi.CodeAttachmentInvalid, loc, "this file is named twice", id.String())
		}
		seen[id] = true
		_, err := t.Q.AttachableFile(ctx, dbq.AttachableFileParams{WorkspaceID: t.WorkspaceID, ProjectID: projectID, ID: id, UserID: t.UserID})
		if db.IsNotFound(err) {
			return httpapi.FieldErr(httpapi.CodeAttachmentInvalid, loc, "not a file you uploaded for this project's attachments, or already attached", id.String())
		}
		if err != nil {
			return err
		}
		err = link(id)
		if db.IsUniqueViolation(err, linkKey) {
			return httpapi.FieldErr(httpapi.CodeAttachmentInvalid, loc, "this file is already attached", id.String())
		}
		if db.IsForeignKeyViolation(err) {
			// Purged meanwhile as abandoned (AbandonedAfter).
			return httpapi.FieldErr(httpapi.CodeAttachmentInvalid, loc, "this upload has expired; send the file again", id.String())
		}
		if err != nil {
			return err
		}
	}
	return nil
}
