package app_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
)

// The notification bell's routes (issue 14) in the cross-tenant matrix:
// client X reads and marks his own inbox; the fixture "notification" is
// each owner's client's first item (matrix_test.go). Opening a file or a
// task reads client X's item about a fresh one the admin filed or blocked.
func init() {
	successes["mark-file-read"] = success{as: "client", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		up := f.asAdminA.Upload(f.wsA.Slug, f.projX, uuid.MustParse(ids["folder"]), uuid.Nil, "livrable.pdf", f.pdf["x"])
		ids["file"] = up.ID.String()
		f.settle(t)
		require.Equal(t, 1, unreadAbout(t, f, "file", ids["file"]), "the admin's upload is in client X's bell")
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, unreadAbout(t, f, "file", ids["file"]))
	}}
	successes["mark-task-read"] = success{as: "client", status: 204, prepare: func(t *testing.T, f *matrixFixtures, ids map[string]string) {
		newTask(t, f, ids)
		r := f.asAdminA.Do("PATCH", projectPath(f, "/tasks/"+ids["task"]), map[string]any{"blockedByClient": true, "blockedReason": "Vos textes"})
		require.Equal(t, 200, r.Status, string(r.Body))
		f.settle(t)
		require.Equal(t, 1, unreadAbout(t, f, "task", ids["task"]), "the blocked task is in client X's bell")
	}, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, unreadAbout(t, f, "task", ids["task"]))
	}}
	validBodies["mark-project-notifications-read"] = func(ids map[string]string) requestBody {
		return jsonBody(map[string]any{"objectType": "payment", "objectId": ids["payment"]})
	}
	successes["mark-project-notifications-read"] = success{as: "client", status: 204, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM notification_inbox i JOIN notification_events e ON e.id = i.event_id
			WHERE i.user_id = $1 AND e.object_type = 'payment' AND e.object_id = $2 AND i.read_at IS NULL`, f.clientX.ID, ids["payment"]))
	}}
	successes["list-notifications"] = success{as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, ids map[string]string, r *apitest.Response) {
		items, _ := decode(t, r)["items"].([]any)
		require.NotEmpty(t, items)
		found := false
		for _, it := range items {
			found = found || it.(map[string]any)["id"] == ids["notification"]
		}
		require.True(t, found, "the caller's own item is listed")
	}}
	successes["count-unread-notifications"] = success{as: "client", status: 200, check: func(t *testing.T, _ *matrixFixtures, _ map[string]string, r *apitest.Response) {
		require.Contains(t, decode(t, r), "unread")
	}}
	successes["mark-notification-read"] = success{as: "client", status: 204, check: func(t *testing.T, f *matrixFixtures, ids map[string]string, _ *apitest.Response) {
		require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notification_inbox WHERE user_id = $1 AND event_id = $2 AND read_at IS NOT NULL`, f.clientX.ID, ids["notification"]))
	}}
	successes["mark-all-notifications-read"] = success{as: "client", status: 204, check: func(t *testing.T, f *matrixFixtures, _ map[string]string, _ *apitest.Response) {
		require.Equal(t, 0, f.count(t, `SELECT count(*) FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`, f.clientX.ID))
		require.Positive(t, f.count(t, `SELECT count(*) FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`, f.clientY.ID), "nobody else's")
	}}
}

// unreadAbout counts client X's unread bell items about one object.
func unreadAbout(t *testing.T, f *matrixFixtures, objectType, id string) int {
	return f.count(t, `SELECT count(*) FROM notification_inbox i JOIN notification_events e ON e.id = i.event_id
		WHERE i.user_id = $1 AND e.object_type = $2 AND e.object_id = $3 AND i.read_at IS NULL`, f.clientX.ID, objectType, id)
}
