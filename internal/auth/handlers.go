package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
	"github.com/parvis/parvis/internal/mail"
)

// Reset links live 60 minutes; at most 3 are mailed per account per hour
// (security guide point 7).
const (
	ResetTTL         = time.Hour
	MaxResetsPerHour = 3
)

// User is the caller's own account.
type User struct {
	ID     uuid.UUID `json:"id"`
	Email  string    `json:"email"`
	Name   string    `json:"name"`
	Locale string    `json:"locale" enum:"fr,en"`
}

// WorkspaceRef is a workspace the caller belongs to (for the switcher).
type WorkspaceRef struct {
	ID          uuid.UUID `json:"id"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Role        string    `json:"role" enum:"admin,client"`
	AccentColor string    `json:"accentColor"`
	HasLogo     bool      `json:"hasLogo"`
}

// Me is who the caller is and where they belong.
type Me struct {
	User       User           `json:"user"`
	Workspaces []WorkspaceRef `json:"workspaces"`
}

// LoadMe reads the caller's account and workspaces; q must run with the
// user's scope (memberships are visible to their own user).
func LoadMe(ctx context.Context, q *dbq.Queries, userID uuid.UUID) (*Me, error) {
	u, err := q.GetUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	rows, err := q.ListUserWorkspaces(ctx, userID)
	if err != nil {
		return nil, err
	}
	me := &Me{User: User{ID: u.ID, Email: u.Email, Name: u.Name, Locale: u.Locale}, Workspaces: []WorkspaceRef{}}
	for _, r := range rows {
		me.Workspaces = append(me.Workspaces, WorkspaceRef{ID: r.ID, Slug: r.Slug, Name: r.Name, Role: r.Role, AccentColor: r.AccentColor, HasLogo: r.HasLogo})
	}
	return me, nil
}

// NormalizeEmail lower-cases and trims an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// PasswordProblem turns a CheckNewPassword error into a 422 on field.
func PasswordProblem(err error, field string) error {
	switch {
	case errors.Is(err, ErrPasswordTooShort):
		return httpapi.FieldErr(httpapi.CodePasswordTooShort, field, "expected length >= 8", nil)
	case errors.Is(err, ErrPasswordTooLong):
		return httpapi.FieldErr(httpapi.CodePasswordTooLong, field, "expected length <= 128", nil)
	case errors.Is(err, ErrPasswordTooCommon):
		return httpapi.FieldErr(httpapi.CodePasswordTooCommon, field, "this password is among the most common ones", nil)
	}
	return err
}

type meOutput struct {
	SetCookie []http.Cookie `header:"Set-Cookie"`
	Body      *Me
}

type emptyOutput struct {
	SetCookie []http.Cookie `header:"Set-Cookie"`
}

// Register adds the auth and account operations to api.
func (s *Service) Register(api huma.API) {
	tags := []string{"auth"}
	sec := []map[string][]string{{"session": {}}}

	huma.Register(api, huma.Operation{
		OperationID: "login", Method: http.MethodPost, Path: "/api/v1/auth/login", Tags: tags,
		Summary: "Log in with email and password", Errors: []int{401, 422, 429},
	}, func(ctx context.Context, in *struct {
		Body struct {
			Email    string `json:"email" format:"email" maxLength:"254"`
			Password string `json:"password" minLength:"1" maxLength:"1024"`
			Remember bool   `json:"remember,omitempty" doc:"Keep the session across browser restarts (never beyond 12 h)"`
		}
	}) (*meOutput, error) {
		email := NormalizeEmail(in.Body.Email)
		ip := httpapi.ClientIP(ctx)
		// The attempt is taken out of the budgets first (reserve: short
		// locks), then the password is checked; a correct one gives the
		// attempt back in the transaction that opens the session.
		var user *dbq.User
		ids, refused, err := s.reserve(ctx, email, ip, func(q *dbq.Queries) error {
			u, err := q.GetUserByEmail(ctx, email)
			if err == nil {
				user = &u
			} else if !db.IsNotFound(err) {
				return err
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if refused != nil {
			return nil, refused
		}
		// Checked outside any transaction: no connection waits on the hash.
		hash := dummyHash
		if user != nil {
			hash = user.PasswordHash
		}
		if ok := VerifyPassword(hash, in.Body.Password); !ok || user == nil || user.DisabledAt != nil {
			// The reserved attempt stays: it is the failure counted.
			s.d.Log.WarnContext(ctx, "login failed", "ip", ip, "request_id", httpapi.RequestID(ctx))
			return nil, httpapi.Err(httpapi.CodeInvalidCredentials, "email or password is incorrect")
		}
		u := *user
		var out *meOutput
		err = db.Tx(ctx, s.d.Pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
			if err := release(ctx, q, ids); err != nil {
				return err
			}
			if err := q.ClearAuthFailures(ctx, dbq.ClearAuthFailuresParams{Scope: "account", Key: email}); err != nil {
				return err
			}
			cookie, err := s.startSession(ctx, q, u.ID, in.Body.Remember)
			if err != nil {
				return err
			}
			me, err := s.loadMeAsUser(ctx, tx, q, u.ID)
			if err != nil {
				return err
			}
			out = &meOutput{SetCookie: []http.Cookie{cookie}, Body: me}
			return nil
		})
		if err != nil {
			return nil, err
		}
		s.d.Log.InfoContext(ctx, "login succeeded", "user_id", out.Body.User.ID, "ip", ip)
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "logout", Method: http.MethodPost, Path: "/api/v1/auth/logout", Tags: tags,
		Summary: "Log out (ends this session on the server)", DefaultStatus: 204, Security: sec,
	}, func(ctx context.Context, _ *struct{}) (*emptyOutput, error) {
		p, err := httpapi.CurrentUser(ctx)
		if err != nil {
			return nil, err
		}
		if p != nil {
			err := db.Tx(ctx, s.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
				return q.DeleteSession(ctx, p.SessionHash)
			})
			if err != nil {
				return nil, err
			}
		}
		return &emptyOutput{SetCookie: []http.Cookie{ClearCookie()}}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "get-me", Method: http.MethodGet, Path: "/api/v1/me", Tags: []string{"account"},
		Summary: "The logged-in user and their workspaces", Errors: []int{401}, Security: sec,
	}, func(ctx context.Context, _ *struct{}) (*meOutput, error) {
		p, err := httpapi.RequireUser(ctx)
		if err != nil {
			return nil, err
		}
		var me *Me
		err = db.Tx(ctx, s.d.Pool, db.Scope{UserID: p.UserID}, func(_ pgx.Tx, q *dbq.Queries) error {
			me, err = LoadMe(ctx, q, p.UserID)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &meOutput{Body: me}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "update-me", Method: http.MethodPatch, Path: "/api/v1/me", Tags: []string{"account"},
		Summary: "Change name or language", Errors: []int{401, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		Body struct {
			Name   *string `json:"name,omitempty" minLength:"1" maxLength:"120"`
			Locale *string `json:"locale,omitempty" enum:"fr,en"`
		}
	}) (*meOutput, error) {
		p, err := httpapi.RequireUser(ctx)
		if err != nil {
			return nil, err
		}
		var me *Me
		err = db.Tx(ctx, s.d.Pool, db.Scope{UserID: p.UserID}, func(_ pgx.Tx, q *dbq.Queries) error {
			u, err := q.GetUser(ctx, p.UserID)
			if err != nil {
				return err
			}
			name, locale := u.Name, u.Locale
			if in.Body.Name != nil {
				name = strings.TrimSpace(*in.Body.Name)
				if name == "" {
					return httpapi.FieldErr(httpapi.CodeInvalidInput, "body.name", "expected length >= 1", *in.Body.Name)
				}
			}
			if in.Body.Locale != nil {
				locale = *in.Body.Locale
			}
			if _, err := q.UpdateUserProfile(ctx, dbq.UpdateUserProfileParams{Name: name, Locale: locale, Now: s.d.Now(), ID: p.UserID}); err != nil {
				return err
			}
			me, err = LoadMe(ctx, q, p.UserID)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &meOutput{Body: me}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "change-password", Method: http.MethodPost, Path: "/api/v1/me/password", Tags: []string{"account"},
		Summary: "Change password (needs the current one)", DefaultStatus: 204, Errors: []int{401, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		Body struct {
			CurrentPassword  string `json:"currentPassword" minLength:"1" maxLength:"1024"`
			NewPassword      string `json:"newPassword" minLength:"1" maxLength:"1024"`
			EndOtherSessions bool   `json:"endOtherSessions,omitempty" doc:"Log out every other session of this account"`
		}
	}) (*emptyOutput, error) {
		p, err := httpapi.RequireUser(ctx)
		if err != nil {
			return nil, err
		}
		if err := CheckNewPassword(in.Body.NewPassword); err != nil {
			return nil, PasswordProblem(err, "body.newPassword")
		}
		hash, err := HashPassword(in.Body.NewPassword)
		if err != nil {
			return nil, err
		}
		err = db.Tx(ctx, s.d.Pool, db.Scope{UserID: p.UserID}, func(_ pgx.Tx, q *dbq.Queries) error {
			u, err := q.GetUser(ctx, p.UserID)
			if err != nil {
				return err
			}
			if err := s.VerifyThrottled(ctx, u.Email, u.PasswordHash, in.Body.CurrentPassword); errors.Is(err, ErrWrongPassword) {
				return httpapi.FieldErr(httpapi.CodeWrongPassword, "body.currentPassword", "current password is incorrect", nil)
			} else if err != nil {
				return err
			}
			if err := q.UpdateUserPassword(ctx, dbq.UpdateUserPasswordParams{PasswordHash: hash, Now: s.d.Now(), ID: p.UserID}); err != nil {
				return err
			}
			if err := q.InvalidateUserPasswordResets(ctx, dbq.InvalidateUserPasswordResetsParams{Now: s.d.Now(), UserID: p.UserID}); err != nil {
				return err
			}
			if in.Body.EndOtherSessions {
				return q.DeleteOtherUserSessions(ctx, dbq.DeleteOtherUserSessionsParams{UserID: p.UserID, Keep: p.SessionHash})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &emptyOutput{}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "revoke-other-sessions", Method: http.MethodPost, Path: "/api/v1/me/sessions/revoke-others", Tags: []string{"account"},
		Summary: "Log out everywhere else", DefaultStatus: 204, Errors: []int{401}, Security: sec,
	}, func(ctx context.Context, _ *struct{}) (*emptyOutput, error) {
		p, err := httpapi.RequireUser(ctx)
		if err != nil {
			return nil, err
		}
		err = db.Tx(ctx, s.d.Pool, db.Scope{UserID: p.UserID}, func(_ pgx.Tx, q *dbq.Queries) error {
			return q.DeleteOtherUserSessions(ctx, dbq.DeleteOtherUserSessionsParams{UserID: p.UserID, Keep: p.SessionHash})
		})
		if err != nil {
			return nil, err
		}
		return &emptyOutput{}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "change-email", Method: http.MethodPost, Path: "/api/v1/me/email", Tags: []string{"account"},
		Summary: "Change email (needs the password; the old address is notified)", DefaultStatus: 204, Errors: []int{401, 409, 422}, Security: sec,
	}, func(ctx context.Context, in *struct {
		Body struct {
			Password string `json:"password" minLength:"1" maxLength:"1024"`
			NewEmail string `json:"newEmail" format:"email" maxLength:"254"`
		}
	}) (*emptyOutput, error) {
		p, err := httpapi.RequireUser(ctx)
		if err != nil {
			return nil, err
		}
		newEmail := NormalizeEmail(in.Body.NewEmail)
		err = db.Tx(ctx, s.d.Pool, db.Scope{UserID: p.UserID}, func(tx pgx.Tx, q *dbq.Queries) error {
			u, err := q.GetUser(ctx, p.UserID)
			if err != nil {
				return err
			}
			if err := s.VerifyThrottled(ctx, u.Email, u.PasswordHash, in.Body.Password); errors.Is(err, ErrWrongPassword) {
				return httpapi.FieldErr(httpapi.CodeWrongPassword, "body.password", "password is incorrect", nil)
			} else if err != nil {
				return err
			}
			if newEmail == u.Email {
				return nil
			}
			if err := q.UpdateUserEmail(ctx, dbq.UpdateUserEmailParams{Email: newEmail, Now: s.d.Now(), ID: p.UserID}); err != nil {
				if db.IsUniqueViolation(err, "users_email_key") {
					return httpapi.FieldErr(httpapi.CodeEmailTaken, "body.newEmail", "this email belongs to another account", newEmail)
				}
				return err
			}
			return s.mailUser(ctx, tx, q, p.UserID, "email_changed", u.Email, emailChangedContent(u.Locale, u.Email, newEmail), false)
		})
		if err != nil {
			return nil, err
		}
		return &emptyOutput{}, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "request-password-reset", Method: http.MethodPost, Path: "/api/v1/auth/password-reset", Tags: tags,
		Summary: "Email a password reset link (same answer whether the account exists)", DefaultStatus: 202, Errors: []int{422},
	}, func(ctx context.Context, in *struct {
		Body struct {
			Email string `json:"email" format:"email" maxLength:"254"`
		}
	}) (*struct{}, error) {
		email := NormalizeEmail(in.Body.Email)
		now := s.d.Now()
		err := db.Tx(ctx, s.d.Pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
			u, err := q.GetUserByEmail(ctx, email)
			if db.IsNotFound(err) {
				return nil
			}
			if err != nil || u.DisabledAt != nil {
				return err
			}
			n, err := q.CountRecentPasswordResets(ctx, dbq.CountRecentPasswordResetsParams{UserID: u.ID, Since: now.Add(-time.Hour)})
			if err != nil {
				return err
			}
			if int(n) >= MaxResetsPerHour {
				s.d.Log.WarnContext(ctx, "password reset mail limit reached", "user_id", u.ID)
				return nil
			}
			raw, hash := NewToken()
			if err := q.CreatePasswordReset(ctx, dbq.CreatePasswordResetParams{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(ResetTTL)}); err != nil {
				return err
			}
			link := s.d.Config.Link("/reinitialiser?token=" + raw)
			return s.mailUser(ctx, tx, q, u.ID, "password_reset", u.Email, resetContent(u.Locale, u.Name, link), true)
		})
		if err != nil {
			return nil, err
		}
		return nil, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "confirm-password-reset", Method: http.MethodPost, Path: "/api/v1/auth/password-reset/confirm", Tags: tags,
		Summary: "Set a new password with a reset link (logs in; ends every other session)", Errors: []int{404, 410, 422},
	}, func(ctx context.Context, in *struct {
		Body struct {
			Token    string `json:"token" minLength:"1" maxLength:"100"`
			Password string `json:"password" minLength:"1" maxLength:"1024"`
		}
	}) (*meOutput, error) {
		if err := CheckNewPassword(in.Body.Password); err != nil {
			return nil, PasswordProblem(err, "body.password")
		}
		hash, err := HashPassword(in.Body.Password)
		if err != nil {
			return nil, err
		}
		now := s.d.Now()
		var out *meOutput
		err = db.Tx(ctx, s.d.Pool, db.Scope{}, func(tx pgx.Tx, q *dbq.Queries) error {
			r, err := q.GetPasswordResetForUpdate(ctx, HashToken(in.Body.Token))
			if db.IsNotFound(err) {
				return httpapi.Err(httpapi.CodeTokenInvalid, "this reset link is not valid")
			}
			if err != nil {
				return err
			}
			if r.UsedAt != nil {
				return httpapi.Err(httpapi.CodeTokenUsed, "this reset link was already used")
			}
			if !now.Before(r.ExpiresAt) {
				return httpapi.Err(httpapi.CodeTokenExpired, "this reset link has expired")
			}
			if err := q.UpdateUserPassword(ctx, dbq.UpdateUserPasswordParams{PasswordHash: hash, Now: now, ID: r.UserID}); err != nil {
				return err
			}
			if err := q.InvalidateUserPasswordResets(ctx, dbq.InvalidateUserPasswordResetsParams{Now: now, UserID: r.UserID}); err != nil {
				return err
			}
			if err := q.DeleteUserSessions(ctx, r.UserID); err != nil {
				return err
			}
			u, err := q.GetUser(ctx, r.UserID)
			if err != nil {
				return err
			}
			if u.DisabledAt != nil {
				return httpapi.Err(httpapi.CodeTokenInvalid, "this reset link is not valid")
			}
			// Proving control of the mailbox lifts the account's login lock.
			if err := q.ClearAuthFailures(ctx, dbq.ClearAuthFailuresParams{Scope: "account", Key: u.Email}); err != nil {
				return err
			}
			cookie, err := s.startSession(ctx, q, r.UserID, false)
			if err != nil {
				return err
			}
			me, err := s.loadMeAsUser(ctx, tx, q, r.UserID)
			if err != nil {
				return err
			}
			out = &meOutput{SetCookie: []http.Cookie{cookie}, Body: me}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// loadMeAsUser reads Me inside a transaction that started without a user
// scope (login, reset): it sets the user scope first.
func (s *Service) loadMeAsUser(ctx context.Context, tx pgx.Tx, q *dbq.Queries, userID uuid.UUID) (*Me, error) {
	if err := db.SetScope(ctx, tx, db.Scope{UserID: userID}); err != nil {
		return nil, err
	}
	return LoadMe(ctx, q, userID)
}

// mailUser queues an account email with the branding of the user's most
// recently joined workspace (account emails belong to no workspace of
// their own; a user with none gets none).
func (s *Service) mailUser(ctx context.Context, tx pgx.Tx, q *dbq.Queries, userID uuid.UUID, kind, to string, c mail.Content, sensitive bool) error {
	if err := db.SetScope(ctx, tx, db.Scope{UserID: userID}); err != nil {
		return err
	}
	wsID, err := q.LatestUserWorkspace(ctx, userID)
	if db.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	locale := "fr"
	if u, err := q.GetUser(ctx, userID); err == nil {
		locale = u.Locale
	}
	// Reading the branding and queueing the email is the system's doing,
	// whatever the user's role in that workspace.
	if err := db.SetScope(ctx, tx, db.SystemScope(wsID, db.PurposeAccountEmail)); err != nil {
		return err
	}
	return mail.Enqueue(ctx, tx, s.d.River, s.d.Now(), mail.Outgoing{WorkspaceID: wsID, Kind: kind, To: to, Locale: locale, Content: c, Sensitive: sensitive})
}
