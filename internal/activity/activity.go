// Package activity writes the project's audit trail ("journal d'activité").
// Entries are written in the same transaction as the change they describe,
// so an entry exists exactly when the change does; the app role may insert
// and read them, never update or delete them.
package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
)

// Entry is one line of the journal. Action is a stable code the UI renders
// in the viewer's language ("project.created", "invitation.sent", …).
type Entry struct {
	WorkspaceID uuid.UUID
	ProjectID   *uuid.UUID
	ActorID     *uuid.UUID
	Action      string
	ObjectType  string
	ObjectID    string
	Data        map[string]any
	RequestID   string
	At          time.Time
	// AdminOnly entries (about private notes) are never shown to clients.
	AdminOnly bool
}

// adminOnlyData names the data fields that carry what only admins may
// read: people's email addresses (the people list and invitations are
// admin-only). Whoever writes an entry may put them in; every reader that
// can be a client goes through Visible, which drops them. A new field of
// that sort is added here, once, rather than remembered at each reader.
var adminOnlyData = map[string]bool{"email": true}

// Visible decodes an entry's stored data for a viewer: all of it for an
// admin, without the admin-only fields for anyone else. Unreadable data
// gives an empty map (the entry still shows, without details).
func Visible(raw []byte, admin bool) map[string]any {
	data := map[string]any{}
	if err := json.Unmarshal(raw, &data); err != nil || data == nil {
		return map[string]any{}
	}
	if !admin {
		for k := range data {
			if adminOnlyData[k] {
				delete(data, k)
			}
		}
	}
	return data
}

// Record inserts e; call it inside the transaction of the change.
func Record(ctx context.Context, q *dbq.Queries, e Entry) error {
	data := []byte("{}")
	if len(e.Data) > 0 {
		var err error
		if data, err = json.Marshal(e.Data); err != nil {
			return fmt.Errorf("activity data: %w", err)
		}
	}
	err := q.InsertActivity(ctx, dbq.InsertActivityParams{
		WorkspaceID: e.WorkspaceID,
		ProjectID:   e.ProjectID,
		ActorID:     e.ActorID,
		Action:      e.Action,
		ObjectType:  e.ObjectType,
		ObjectID:    e.ObjectID,
		Data:        data,
		RequestID:   e.RequestID,
		CreatedAt:   e.At.UTC(),
		AdminOnly:   e.AdminOnly,
	})
	if err != nil {
		return fmt.Errorf("record activity %s: %w", e.Action, err)
	}
	return nil
}
