package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/parvis/parvis/internal/db"
	"github.com/parvis/parvis/internal/db/dbq"
	"github.com/parvis/parvis/internal/event"
)

// UnsubscribePattern is the one-click unsubscribe endpoint (RFC 8058): the
// mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe
// URL; the portal's /desabonnement page POSTs to it after a click. No
// session: the signed token is the authority, and it works once.
const (
	UnsubscribePath    = "/api/v1/notifications/unsubscribe"
	UnsubscribePattern = "POST " + UnsubscribePath
)

// TokenTTL is how long an unsubscribe link works (project choice: longer
// than anyone keeps an unread notification, short enough to age out).
const TokenTTL = 90 * 24 * time.Hour

// Unsubscribe link errors.
var (
	ErrTokenInvalid = errors.New("this unsubscribe link is not valid")
	ErrTokenExpired = errors.New("this unsubscribe link has expired")
	ErrTokenUsed    = errors.New("this unsubscribe link was already used")
)

func deriveKey(secret []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("parvis notify unsubscribe v1"))
	return m.Sum(nil)
}

// payload: workspace (16) user (16) family index (1) expiry unix (8) nonce (12).
const payloadLen = 16 + 16 + 1 + 8 + 12

func (n *Notifier) sign(ws, user uuid.UUID, f event.Family) (string, error) {
	i := slices.Index(event.Families, f)
	if i < 0 {
		return "", errors.New("unknown family " + string(f))
	}
	p := make([]byte, 0, payloadLen)
	p = append(p, ws[:]...)
	p = append(p, user[:]...)
	p = append(p, byte(i))
	p = binary.BigEndian.AppendUint64(p, uint64(n.d.Now().Add(TokenTTL).Unix()))
	nonce := make([]byte, 12)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	p = append(p, nonce...)
	m := hmac.New(sha256.New, n.key)
	m.Write(p)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(p) + "." + enc.EncodeToString(m.Sum(nil)), nil
}

type claims struct {
	ws, user uuid.UUID
	family   event.Family
	nonce    string
}

func (n *Notifier) verify(token string) (claims, error) {
	enc := base64.RawURLEncoding
	a, b, ok := strings.Cut(token, ".")
	if !ok || len(token) > 200 {
		return claims{}, ErrTokenInvalid
	}
	p, err1 := enc.DecodeString(a)
	sig, err2 := enc.DecodeString(b)
	if err1 != nil || err2 != nil || len(p) != payloadLen {
		return claims{}, ErrTokenInvalid
	}
	m := hmac.New(sha256.New, n.key)
	m.Write(p)
	if !hmac.Equal(sig, m.Sum(nil)) {
		return claims{}, ErrTokenInvalid
	}
	var c claims
	copy(c.ws[:], p[0:16])
	copy(c.user[:], p[16:32])
	if int(p[32]) >= len(event.Families) {
		return claims{}, ErrTokenInvalid
	}
	c.family = event.Families[p[32]]
	exp := time.Unix(int64(binary.BigEndian.Uint64(p[33:41])), 0)
	c.nonce = hex.EncodeToString(p[41:])
	if !n.d.Now().Before(exp) {
		return claims{}, ErrTokenExpired
	}
	return c, nil
}

// Unsubscribed is the answer of a used link.
type Unsubscribed struct {
	Family        string `json:"family"`
	WorkspaceName string `json:"workspaceName"`
}

// Unsubscribe sets the token's family to « jamais » for its person, once.
func (n *Notifier) Unsubscribe(ctx context.Context, token string) (Unsubscribed, error) {
	c, err := n.verify(token)
	if err != nil {
		return Unsubscribed{}, err
	}
	var out Unsubscribed
	err = db.Tx(ctx, n.d.Pool, db.SystemScope(c.ws, db.PurposeNotifications), func(_ pgx.Tx, q *dbq.Queries) error {
		if _, err := q.GetMemberForNotify(ctx, dbq.GetMemberForNotifyParams{WorkspaceID: c.ws, UserID: c.user}); err != nil {
			if db.IsNotFound(err) {
				return ErrTokenInvalid // no longer a member: nothing to stop
			}
			return err
		}
		now := n.d.Now()
		k, err := q.UseUnsubscribeNonce(ctx, dbq.UseUnsubscribeNonceParams{WorkspaceID: c.ws, Nonce: c.nonce, UserID: c.user, Family: string(c.family), Now: now})
		if err != nil {
			return err
		}
		if k == 0 {
			return ErrTokenUsed
		}
		if err := q.UpsertNotificationPreference(ctx, dbq.UpsertNotificationPreferenceParams{WorkspaceID: c.ws, UserID: c.user,
			Family: string(c.family), Mode: ModeNever, Now: now}); err != nil {
			return err
		}
		w, err := q.GetWorkspace(ctx, c.ws)
		out = Unsubscribed{Family: string(c.family), WorkspaceName: w.Name}
		return err
	})
	return out, err
}

// ServeUnsubscribe is the plain handler of UnsubscribePattern: the body
// (RFC 8058's form, or nothing, or JSON) is read and ignored; the token in
// the query decides.
func (n *Notifier) ServeUnsubscribe(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 4096))
	out, err := n.Unsubscribe(r.Context(), r.URL.Query().Get("token"))
	problem := func(status int, code, detail string) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": status, "title": http.StatusText(status), "code": code, "detail": detail})
	}
	switch {
	case errors.Is(err, ErrTokenInvalid):
		problem(http.StatusBadRequest, "unsubscribe_invalid", err.Error())
	case errors.Is(err, ErrTokenExpired):
		problem(http.StatusGone, "unsubscribe_expired", err.Error())
	case errors.Is(err, ErrTokenUsed):
		problem(http.StatusConflict, "unsubscribe_used", err.Error())
	case err != nil:
		n.d.Log.ErrorContext(r.Context(), "unsubscribe failed", "err", err)
		problem(http.StatusInternalServerError, "internal", "something went wrong")
	default:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}
}
