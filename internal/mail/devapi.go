package mail

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// RegisterDevMailbox exposes the dev mailbox at GET /api/v1/dev/mail. It is
// registered only when the dev mail driver is active (never in production).
// Its messages hold live reset and invitation links, so it answers only
// callers on this machine (local says whether the request's client, as
// the gateway reported it, is a loopback address); anyone else gets 404,
// as if the route did not exist.
func RegisterDevMailbox(api huma.API, box *DevMailbox, local func(context.Context) bool) {
	huma.Register(api, huma.Operation{
		OperationID: "dev-list-mail", Method: http.MethodGet, Path: "/api/v1/dev/mail", Tags: []string{"dev"},
		Summary: "Every email sent in development, newest first (dev mail driver only)",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Messages []StoredMessage `json:"messages"`
		}
	}, error) {
		if !local(ctx) {
			return nil, huma.Error404NotFound("the dev mailbox answers on this machine only")
		}
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
