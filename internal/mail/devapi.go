package mail

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// RegisterDevMailbox exposes the dev mailbox at GET /api/v1/dev/mail. It is
// registered only when the dev mail driver is active (never in production).
func RegisterDevMailbox(api huma.API, box *DevMailbox) {
	huma.Register(api, huma.Operation{
		OperationID: "dev-list-mail", Method: http.MethodGet, Path: "/api/v1/dev/mail", Tags: []string{"dev"},
		Summary: "Every email sent in development, newest first (dev mail driver only)",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Messages []StoredMessage `json:"messages"`
		}
	}, error) {
		msgs, err := box.List()
		if err != nil {
			return nil, err
		}
		out := &struct {
			Body struct {
				Messages []StoredMessage `json:"messages"`
			}
		}{}
		out.Body.Messages = msgs
		return out, nil
	})
}
