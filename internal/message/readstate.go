package message

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
)

// ReadState answers notifications' question « has this person read the
// project's conversation since? » from the read marks (the page marks
// read what it displayed). thread is "messages:<project id>".
type ReadState struct{}

// ReadAt is when userID last moved his read mark in the thread's project;
// zero when never, or when thread names no project.
func (ReadState) ReadAt(ctx context.Context, q *dbq.Queries, workspaceID, userID uuid.UUID, thread string) (time.Time, error) {
	id, err := uuid.Parse(strings.TrimPrefix(thread, "messages:"))
	if err != nil {
		return time.Time{}, nil
	}
	at, err := q.MessageReadAt(ctx, dbq.MessageReadAtParams{WorkspaceID: workspaceID, ProjectID: id, UserID: userID})
	if db.IsNotFound(err) {
		return time.Time{}, nil
	}
	return at, err
}
