package notify

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
	"github.com/parvis/parvis/internal/httpapi"
)

type WorkspacePath struct {
	Workspace string `path:"workspace" maxLength:"48" doc:"Workspace slug"`
}

// FamilyPreference is one family's choice.
type FamilyPreference struct {
	Family string `json:"family" enum:"requests,messages,payments,approvals,files,tasks" doc:"NotificationFamily"`
	Mode   string `json:"mode" enum:"immediate,digest,never" doc:"immediate: « immédiat »; digest: « résumé quotidien »; never: « jamais »"`
}

// Preferences are the caller's notification settings in a workspace.
type Preferences struct {
	Families      []FamilyPreference `json:"families"`
	DigestHour    int                `json:"digestHour" minimum:"0" maximum:"23" doc:"local hour of the daily digest"`
	TimeZone      string             `json:"timeZone" doc:"IANA time zone, e.g. Europe/Paris"`
	MutedProjects []string           `json:"mutedProjects" doc:"projects the caller hears nothing of"`
}

// PreferencesInput changes some of them; what is omitted stays.
type PreferencesInput struct {
	Families   []FamilyPreference `json:"families,omitempty" maxItems:"6"`
	DigestHour *int               `json:"digestHour,omitempty" minimum:"0" maximum:"23"`
	TimeZone   *string            `json:"timeZone,omitempty" minLength:"1" maxLength:"64"`
}

type preferencesOutput struct{ Body Preferences }

// Register adds the notification operations; the unsubscribe link is a
// plain handler (see ServeUnsubscribe) the caller mounts.
func (n *Notifier) Register(api huma.API) {
	tags := []string{"notifications"}
	sec := []map[string][]string{{"session": {}}}
	errs := []int{401, 404, 422}

	huma.Register(api, huma.Operation{
		OperationID: "get-notification-preferences", Metadata: httpapi.AnyMember, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/notification-preferences", Tags: tags, Errors: errs, Security: sec,
		Summary: "The caller's notification preferences in this workspace",
	}, func(ctx context.Context, in *struct{ WorkspacePath }) (*preferencesOutput, error) {
		var out Preferences
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) (err error) {
			out, err = load(ctx, t)
			return err
		})
		return &preferencesOutput{Body: out}, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-notification-preferences", Metadata: httpapi.AnyMember, Method: http.MethodPut,
		Path: "/api/v1/w/{workspace}/notification-preferences", Tags: tags, Errors: errs, Security: sec,
		Summary: "Change the caller's notification preferences (per family, digest hour and time zone)",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Body PreferencesInput
	}) (*preferencesOutput, error) {
		if in.Body.TimeZone != nil {
			if _, err := time.LoadLocation(*in.Body.TimeZone); err != nil || *in.Body.TimeZone == "Local" {
				return nil, httpapi.FieldErr(httpapi.CodeInvalidInput, "body.timeZone", "unknown time zone (IANA name, e.g. Europe/Paris)", *in.Body.TimeZone)
			}
		}
		var out Preferences
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			now := n.d.Now()
			for _, f := range in.Body.Families {
				if err := t.Q.UpsertNotificationPreference(ctx, dbq.UpsertNotificationPreferenceParams{WorkspaceID: t.WorkspaceID,
					UserID: t.UserID, Family: f.Family, Mode: f.Mode, Now: now}); err != nil {
					return err
				}
			}
			if in.Body.DigestHour != nil || in.Body.TimeZone != nil {
				cur, err := load(ctx, t)
				if err != nil {
					return err
				}
				if in.Body.DigestHour != nil {
					cur.DigestHour = *in.Body.DigestHour
				}
				if in.Body.TimeZone != nil {
					cur.TimeZone = *in.Body.TimeZone
				}
				if err := t.Q.UpsertNotificationSettings(ctx, dbq.UpsertNotificationSettingsParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID,
					DigestHour: int16(cur.DigestHour), TimeZone: cur.TimeZone, Now: now}); err != nil {
					return err
				}
			}
			var err error
			out, err = load(ctx, t)
			return err
		})
		return &preferencesOutput{Body: out}, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "set-project-notification-mute", Metadata: httpapi.AnyMember, Method: http.MethodPut,
		Path: "/api/v1/w/{workspace}/projects/{project}/notification-mute", Tags: tags, Errors: errs, Security: sec,
		Summary: "Mute or unmute a project's notifications for the caller",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		Body    struct {
			Muted bool `json:"muted"`
		}
	}) (*preferencesOutput, error) {
		var out Preferences
		err := n.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			var err error
			if in.Body.Muted {
				err = t.Q.MuteProject(ctx, dbq.MuteProjectParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, ProjectID: p.ID, Now: n.d.Now()})
			} else {
				err = t.Q.UnmuteProject(ctx, dbq.UnmuteProjectParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID, ProjectID: p.ID})
			}
			if err != nil {
				return err
			}
			out, err = load(ctx, t)
			return err
		})
		return &preferencesOutput{Body: out}, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-ticket-read", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/tickets/{ticket}/read", Tags: tags, Errors: errs, Security: sec,
		DefaultStatus: http.StatusNoContent,
		Summary:       "The caller read this request's thread: replies waiting for an email are not sent",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		Ticket  uuid.UUID `path:"ticket"`
	}) (*struct{}, error) {
		err := n.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			if _, err := t.Q.GetTicket(ctx, dbq.GetTicketParams{ProjectID: p.ID, ID: in.Ticket}); err != nil {
				if db.IsNotFound(err) {
					return httpapi.NotFound()
				}
				return err
			}
			return MarkRead(ctx, t, "request:"+in.Ticket.String())
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-file-read", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/files/{file}/read", Tags: tags, Errors: errs, Security: sec,
		DefaultStatus: http.StatusNoContent,
		Summary:       "The caller opened this file (its preview or history): the bell's items about it are read",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		File    uuid.UUID `path:"file"`
	}) (*struct{}, error) {
		err := n.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			// What the caller may see of it, as the Files routes: RLS, and a
			// deleted file is the admin's only (the trash).
			f, err := t.Q.GetFile(ctx, dbq.GetFileParams{WorkspaceID: t.WorkspaceID, ProjectID: p.ID, ID: in.File})
			if db.IsNotFound(err) || (err == nil && f.DeletedAt != nil && !t.IsAdmin()) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			return MarkInboxObjectRead(ctx, t, p.ID, "file", f.ID.String())
		})
		return nil, err
	})

	huma.Register(api, huma.Operation{
		OperationID: "mark-task-read", Metadata: httpapi.AnyMember, Method: http.MethodPost,
		Path: "/api/v1/w/{workspace}/projects/{project}/tasks/{task}/read", Tags: tags, Errors: errs, Security: sec,
		DefaultStatus: http.StatusNoContent,
		Summary:       "The caller opened this task (its sheet on the board): the bell's items about it are read",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		Project uuid.UUID `path:"project"`
		Task    uuid.UUID `path:"task"`
	}) (*struct{}, error) {
		err := n.d.InProject(ctx, in.Workspace, in.Project, false, func(t *httpapi.Tenant, p dbq.Project) error {
			// A deleted task opens nowhere (get-task answers 410): nothing to read.
			task, err := t.Q.GetTask(ctx, dbq.GetTaskParams{ProjectID: p.ID, ID: in.Task})
			if db.IsNotFound(err) || (err == nil && task.DeletedAt != nil) {
				return httpapi.NotFound()
			}
			if err != nil {
				return err
			}
			return MarkInboxObjectRead(ctx, t, p.ID, "task", task.ID.String())
		})
		return nil, err
	})
}

// load reads the caller's preferences with the defaults filled in.
func load(ctx context.Context, t *httpapi.Tenant) (Preferences, error) {
	out := Preferences{DigestHour: DefaultDigestHour, TimeZone: DefaultTimeZone, MutedProjects: []string{}}
	rows, err := t.Q.ListNotificationPreferences(ctx, dbq.ListNotificationPreferencesParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID})
	if err != nil {
		return out, err
	}
	chosen := map[string]string{}
	for _, r := range rows {
		chosen[r.Family] = r.Mode
	}
	for _, f := range event.Families {
		m, ok := chosen[string(f)]
		if !ok {
			m = defaultModes[f]
		}
		out.Families = append(out.Families, FamilyPreference{Family: string(f), Mode: m})
	}
	s, err := t.Q.GetNotificationSettings(ctx, dbq.GetNotificationSettingsParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID})
	if err == nil {
		out.DigestHour, out.TimeZone = int(s.DigestHour), s.TimeZone
	} else if !db.IsNotFound(err) {
		return out, err
	}
	mutes, err := t.Q.ListNotificationMutes(ctx, dbq.ListNotificationMutesParams{WorkspaceID: t.WorkspaceID, UserID: t.UserID})
	for _, m := range mutes {
		out.MutedProjects = append(out.MutedProjects, m.String())
	}
	return out, err
}
