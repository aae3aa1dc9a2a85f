package message

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// ProjectPath is the path of a project's conversation.
type ProjectPath struct {
	Workspace string    `path:"workspace" maxLength:"48"`
	Project   uuid.UUID `path:"project"`
}

// MessagePath names one message.
type MessagePath struct {
	ProjectPath
	Message uuid.UUID `path:"message"`
}

type messageOut struct{ Body Message }

// Register wires the operations; each calls a named function of Handler.
func (h *Handler) Register(api huma.API) {
	tags := []string{"messages"}
	sec := []map[string][]string{{"session": {}}}
	base := "/api/v1/w/{workspace}/projects/{project}/messages"

	huma.Register(api, huma.Operation{
		OperationID: "list-messages", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base, Tags: tags,
		Summary:     "One page of the project's conversation: the newest first, older ones with before",
		Description: "Cursor pagination, no offset: pass the page's nextCursor as before to get the messages written before it.",
		Errors:      []int{401, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		ListInput
	}) (*struct{ Body MessagePage }, error) {
		var out MessagePage
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.List(ctx, t, p, in.ListInput, in.ViewAs.Admin(t))
			return err
		})
		if err != nil {
			return nil, err
		}
		return &struct{ Body MessagePage }{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "post-message", Metadata: httpapi.AnyMember, Method: http.MethodPost, Path: base, Tags: tags, DefaultStatus: 201,
		Summary:     "Post a message to the project's conversation, with attachments uploaded beforehand",
		Description: "Attachments are files the caller uploaded into the project's attachments folder (attachmentsFolderId) through the Files upload routes: the same checks of type, size, content and quota.",
		Errors:      []int{401, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body NewMessage
	}) (*messageOut, error) {
		var out Message
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Post(ctx, t, p, in.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &messageOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-message", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: base + "/{message}", Tags: tags,
		Summary: "One message (the live stream names messages; the page reads them here)", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		MessagePath
		httpapi.ViewAs
	}) (*messageOut, error) {
		var out Message
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Get(ctx, t, p.ID, in.Message, in.ViewAs.Admin(t))
			return err
		})
		if err != nil {
			return nil, err
		}
		return &messageOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "edit-message", Metadata: httpapi.AnyMember, Method: http.MethodPatch, Path: base + "/{message}", Tags: tags,
		Summary:     "Edit one's own message within 15 minutes (shown as « modifié »)",
		Description: "403 not_author for someone else's message; 409 edit_window_closed after 15 minutes.",
		Errors:      []int{401, 403, 404, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		MessagePath
		Body struct {
			Body string `json:"body" minLength:"1" maxLength:"10000" doc:"Markdown"`
		}
	}) (*messageOut, error) {
		var out Message
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Edit(ctx, t, p, in.Message, in.Body.Body)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &messageOut{Body: out}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "delete-message", Metadata: httpapi.AnyMember, Method: http.MethodDelete, Path: base + "/{message}", Tags: tags, DefaultStatus: 204,
		Summary:     "Delete one's own message within 15 minutes (shown as « supprimé »)",
		Description: "403 not_author for someone else's message; 409 edit_window_closed after 15 minutes.",
		Errors:      []int{401, 403, 404, 409}, Security: sec,
	}, func(ctx context.Context, in *MessagePath) (*struct{}, error) {
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			return h.Delete(ctx, t, p, in.Message)
		})
		if err != nil {
			return nil, err
		}
		return &struct{}{}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "hide-message", Metadata: httpapi.AdminOnly, Method: http.MethodPut, Path: base + "/{message}/hidden", Tags: tags,
		Summary: "Hide a message from the project's clients, or show it again (admin)", Errors: []int{401, 403, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		MessagePath
		Body struct {
			Hidden bool `json:"hidden"`
		}
	}) (*messageOut, error) {
		var out Message
		err := h.d.InProject(ctx, in.Workspace, in.Project, true, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out, err = h.Hide(ctx, t, p, in.Message, in.Body.Hidden)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &messageOut{Body: out}, nil
	})

	type readOut struct {
		Body struct {
			LastReadSeq int64 `json:"lastReadSeq"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "mark-messages-read", Metadata: httpapi.AnyMember, Method: http.MethodPut, Path: base + "/read", Tags: tags,
		Summary: "Mark the conversation read up to a message (the mark never moves back)", Errors: []int{401, 404, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		ProjectPath
		Body struct {
			Seq int64 `json:"seq" minimum:"0" doc:"the seq of the last message displayed"`
		}
	}) (*readOut, error) {
		out := &readOut{}
		err := h.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) (err error) {
			out.Body.LastReadSeq, err = h.MarkRead(ctx, t, p, in.Body.Seq)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})

	type unreadOut struct {
		Body struct {
			Total    int           `json:"total" doc:"across the workspace's projects the caller sees (the navigation badge)"`
			Projects []UnreadCount `json:"projects" doc:"projects with unread messages only"`
		}
	}
	huma.Register(api, huma.Operation{
		OperationID: "unread-messages", Metadata: httpapi.AnyMember, Method: http.MethodGet, Path: "/api/v1/w/{workspace}/messages/unread", Tags: tags,
		Summary: "Unread messages per project and in total", Errors: []int{401, 404}, Security: sec,
	}, func(ctx context.Context, in *struct {
		Workspace string `path:"workspace" maxLength:"48"`
	}) (*unreadOut, error) {
		out := &unreadOut{}
		err := h.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) (err error) {
			out.Body.Projects, out.Body.Total, err = h.Unreads(ctx, t)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}
