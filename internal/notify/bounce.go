package notify

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/httpapi"
)

// Bounces and complaints (issue 14). The mail provider calls
// BouncePattern when a message bounced or its reader marked it as spam.
// A hard bounce or a complaint suppresses the address in every workspace
// that emailed it: notifications to it are skipped ("suppressed") and the
// workspace's admins see it on the member, until one of them lifts it
// once the address is fixed. Soft bounces and every other record type
// (deliveries, opens, transient failures) change nothing.
//
// Authentication: no session, no tenant. The endpoint answers only when
// PARVIS_MAIL_WEBHOOK_SECRET is set (404 otherwise), and the request must
// present that secret, either as the Basic auth password of user
// "parvis" (Postmark: https://parvis:SECRET@portal.example/api/v1/webhooks/mail/postmark)
// or in the X-Parvis-Webhook-Secret header (Postmark's custom webhook
// headers). Both are compared in constant time (SHA-256 digests of equal
// length). A replayed delivery finds the suppression already there and
// changes nothing: the answer is the same 200.
const (
	BouncePath    = "/api/v1/webhooks/mail/postmark"
	BouncePattern = "POST " + BouncePath
	// BounceUser is the Basic auth user of the webhook URL.
	BounceUser = "parvis"
	// BounceHeader carries the secret when Basic auth is not used.
	BounceHeader = "X-Parvis-Webhook-Secret"
	// maxBounceBytes caps a delivery; Postmark's are a few KiB.
	maxBounceBytes = 64 << 10
)

// Suppression reasons (email_suppressions.reason).
const (
	SuppressHardBounce = "hard_bounce"
	SuppressComplaint  = "complaint"
)

// postmarkRecord is what Parvis reads of Postmark's bounce and spam
// complaint webhooks (RecordType "Bounce" / "SpamComplaint").
type postmarkRecord struct {
	RecordType  string `json:"RecordType"`
	Type        string `json:"Type"`
	Email       string `json:"Email"`
	Description string `json:"Description"`
	Details     string `json:"Details"`
	BouncedAt   string `json:"BouncedAt"`
}

// suppression maps a Postmark record to a suppression reason; "" changes
// nothing (a soft bounce, a delivery, an open…).
func (p postmarkRecord) suppression() string {
	switch {
	case p.RecordType == "SpamComplaint" || p.Type == "SpamComplaint":
		return SuppressComplaint
	case p.RecordType == "Bounce" && (p.Type == "HardBounce" || p.Type == "BadEmailAddress"):
		return SuppressHardBounce
	}
	return ""
}

// authorized checks the webhook's secret in constant time.
func (n *Notifier) authorized(r *http.Request, secret string) bool {
	given := r.Header.Get(BounceHeader)
	if user, pass, ok := r.BasicAuth(); ok {
		if subtle.ConstantTimeCompare([]byte(user), []byte(BounceUser)) != 1 {
			return false
		}
		given = pass
	}
	if given == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(secret))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	ct := "application/json"
	if status >= 400 {
		ct = "application/problem+json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func problem(status int, code, detail string) map[string]any {
	return map[string]any{"status": status, "title": http.StatusText(status), "code": code, "detail": detail}
}

// ServeBounce is the plain handler of BouncePattern.
func (n *Notifier) ServeBounce(w http.ResponseWriter, r *http.Request) {
	secret := ""
	if n.d.Config != nil {
		secret = n.d.Config.Mail.WebhookSecret
	}
	if secret == "" {
		http.NotFound(w, r)
		return
	}
	if !n.authorized(r, secret) {
		n.d.Log.WarnContext(r.Context(), "bounce webhook refused: bad credentials")
		w.Header().Set("WWW-Authenticate", `Basic realm="parvis-webhooks"`)
		writeJSON(w, http.StatusUnauthorized, problem(http.StatusUnauthorized, "unauthorized", "bad webhook credentials"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBounceBytes))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, problem(http.StatusRequestEntityTooLarge, "too_large", "body too large"))
		return
	}
	var rec postmarkRecord
	if err := json.Unmarshal(body, &rec); err != nil || rec.RecordType == "" {
		writeJSON(w, http.StatusUnprocessableEntity, problem(http.StatusUnprocessableEntity, "invalid_input", "expected a Postmark webhook record (JSON with RecordType)"))
		return
	}
	reason := rec.suppression()
	if reason == "" {
		writeJSON(w, http.StatusOK, map[string]any{"received": true, "suppressed": 0})
		return
	}
	addr, err := mail.ParseAddress(rec.Email)
	if err != nil || strings.ContainsAny(addr.Address, " <>") {
		writeJSON(w, http.StatusUnprocessableEntity, problem(http.StatusUnprocessableEntity, "invalid_input", "Email is not an email address"))
		return
	}
	detail := strings.TrimSpace(rec.Description)
	if detail == "" {
		detail = strings.TrimSpace(rec.Details)
	}
	k, err := n.Suppress(r.Context(), addr.Address, reason, detail)
	if err != nil {
		n.d.Log.ErrorContext(r.Context(), "bounce webhook failed", "err", err)
		writeJSON(w, http.StatusInternalServerError, problem(http.StatusInternalServerError, "internal", "try again"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"received": true, "suppressed": k})
}

// Suppress records that address must not be emailed any more, in every
// workspace that emailed it, and returns in how many it was new.
func (n *Notifier) Suppress(ctx context.Context, address, reason, detail string) (int, error) {
	address = strings.ToLower(strings.TrimSpace(address))
	if r := []rune(detail); len(r) > 500 {
		detail = string(r[:500])
	}
	var wss []uuid.UUID
	if err := db.Tx(ctx, n.d.Pool, db.Scope{}, func(_ pgx.Tx, q *dbq.Queries) error {
		var err error
		wss, err = q.BounceWorkspaces(ctx, address)
		return err
	}); err != nil {
		return 0, err
	}
	added := 0
	now := n.d.Now()
	for _, ws := range wss {
		err := db.Tx(ctx, n.d.Pool, db.SystemScope(ws, db.PurposeNotifications), func(_ pgx.Tx, q *dbq.Queries) error {
			k, err := q.SuppressAddress(ctx, dbq.SuppressAddressParams{WorkspaceID: ws, Address: address, Reason: reason, Detail: detail, Now: now})
			added += int(k)
			return err
		})
		if err != nil {
			return added, err
		}
	}
	_, domain, _ := strings.Cut(address, "@")
	n.d.Log.InfoContext(ctx, "email address suppressed", "reason", reason, "domain", domain, "workspaces", len(wss), "new", added)
	return added, nil
}

// EmailSuppression is a member's address the portal no longer emails.
type EmailSuppression struct {
	UserID  uuid.UUID `json:"userId"`
	Address string    `json:"address"`
	Reason  string    `json:"reason" enum:"hard_bounce,complaint,manual" doc:"hard_bounce: the address does not exist; complaint: marked as spam"`
	Detail  string    `json:"detail" doc:"the provider's description"`
	Since   time.Time `json:"since"`
}

// RegisterBounces adds the admin's view and lifting of suppressions.
func (n *Notifier) RegisterBounces(api huma.API) {
	tags := []string{"notifications"}
	sec := []map[string][]string{{"session": {}}}
	huma.Register(api, huma.Operation{
		OperationID: "list-email-suppressions", Metadata: httpapi.AdminOnly, Method: http.MethodGet,
		Path: "/api/v1/w/{workspace}/email-suppressions", Tags: tags, Errors: []int{401, 403, 404}, Security: sec,
		Summary: "Members whose address bounced or complained: no email reaches them (admin)",
	}, func(ctx context.Context, in *struct{ WorkspacePath }) (*struct {
		Body struct {
			Suppressions []EmailSuppression `json:"suppressions"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Suppressions []EmailSuppression `json:"suppressions"`
			}
		}{}
		out.Body.Suppressions = []EmailSuppression{}
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			rows, err := t.Q.ListMemberSuppressions(ctx, t.WorkspaceID)
			for _, r := range rows {
				out.Body.Suppressions = append(out.Body.Suppressions, EmailSuppression{UserID: r.UserID, Address: r.Address, Reason: r.Reason, Detail: r.Detail, Since: r.CreatedAt})
			}
			return err
		})
		return out, err
	})
	huma.Register(api, huma.Operation{
		OperationID: "lift-email-suppression", Metadata: httpapi.AdminOnly, Method: http.MethodDelete,
		Path: "/api/v1/w/{workspace}/members/{user}/email-suppression", Tags: tags, Errors: []int{401, 403, 404}, Security: sec,
		DefaultStatus: http.StatusNoContent,
		Summary:       "Email this member again, once their address is fixed (admin)",
	}, func(ctx context.Context, in *struct {
		WorkspacePath
		User uuid.UUID `path:"user"`
	}) (*struct{}, error) {
		err := n.d.InWorkspace(ctx, in.Workspace, func(t *httpapi.Tenant) error {
			if err := t.RequireAdmin(); err != nil {
				return err
			}
			k, err := t.Q.DeleteMemberSuppression(ctx, dbq.DeleteMemberSuppressionParams{WorkspaceID: t.WorkspaceID, UserID: in.User})
			if err != nil {
				return err
			}
			if k == 0 {
				return httpapi.NotFound()
			}
			n.d.Log.InfoContext(ctx, "email suppression lifted", "workspace_id", t.WorkspaceID, "user_id", in.User, "by", t.UserID)
			return nil
		})
		return nil, err
	})
}
