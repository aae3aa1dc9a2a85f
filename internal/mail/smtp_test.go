package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/parvis/parvis/internal/apitest"
	"github.com/parvis/parvis/internal/mail"
)

// The SMTP driver against a real SMTP server: Mailpit, started per test on
// free loopback ports (scripts/tools.sh installs it).

type mailpit struct {
	smtpPort int
	api      string
}

func mailpitBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PARVIS_MAILPIT"); p != "" {
		return p
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			p := filepath.Join(dir, "bin", "mailpit")
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
	}
	msg := "mailpit not found (PARVIS_MAILPIT, PATH, $(go env GOPATH)/bin): run scripts/tools.sh"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startMailpit runs Mailpit until the test ends.
func startMailpit(t *testing.T) *mailpit {
	t.Helper()
	bin := mailpitBinary(t)
	var lastErr string
	for attempt := 0; attempt < 3; attempt++ {
		smtpPort, httpPort := freePort(t), freePort(t)
		var logs lockedBuffer
		cmd := exec.Command(bin,
			"--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort),
			"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
			"--database", filepath.Join(t.TempDir(), "mp.db"),
			"--disable-version-check",
			"--smtp-disable-rdns",
		)
		cmd.Stdout, cmd.Stderr = &logs, &logs
		require.NoError(t, cmd.Start())
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		stop := func() {
			_ = cmd.Process.Kill()
			<-exited
		}
		mp := &mailpit{smtpPort: smtpPort, api: fmt.Sprintf("http://127.0.0.1:%d", httpPort)}
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case <-exited:
				deadline = time.Time{}
				continue
			default:
			}
			res, err := http.Get(mp.api + "/api/v1/messages")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == 200 && smtpReady(smtpPort) {
					t.Cleanup(func() {
						stop()
						if t.Failed() {
							t.Logf("mailpit output:\n%s", logs.String())
						}
					})
					return mp
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		stop()
		lastErr = logs.String()
	}
	t.Fatalf("mailpit did not start:\n%s", lastErr)
	return nil
}

func smtpReady(port int) bool {
	c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func (m *mailpit) sender() *mail.SMTP {
	return &mail.SMTP{Host: "127.0.0.1", Port: m.smtpPort, TLS: "none", Timeout: 10 * time.Second}
}

type address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

type summary struct {
	ID      string    `json:"ID"`
	From    address   `json:"From"`
	To      []address `json:"To"`
	Subject string    `json:"Subject"`
}

type message struct {
	summary
	Text string `json:"Text"`
	HTML string `json:"HTML"`
}

func (m *mailpit) get(t *testing.T, path string, v any) []byte {
	t.Helper()
	res, err := http.Get(m.api + path)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, 200, res.StatusCode, "GET %s: %s", path, b)
	if v != nil {
		require.NoError(t, json.Unmarshal(b, v), "GET %s: %s", path, b)
	}
	return b
}

// count is how many messages to `to` Mailpit holds.
func (m *mailpit) count(t *testing.T, to string) int {
	t.Helper()
	var list struct {
		Messages []summary `json:"messages"`
	}
	m.get(t, "/api/v1/messages", &list)
	n := 0
	for _, s := range list.Messages {
		for _, a := range s.To {
			if a.Address == to {
				n++
			}
		}
	}
	return n
}

// waitFor returns the first message to `to` once Mailpit has it.
func (m *mailpit) waitFor(t *testing.T, to string) message {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var list struct {
			Messages []summary `json:"messages"`
		}
		m.get(t, "/api/v1/messages", &list)
		for _, s := range list.Messages {
			for _, a := range s.To {
				if a.Address == to {
					var msg message
					m.get(t, "/api/v1/message/"+s.ID, &msg)
					return msg
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no message to %s in Mailpit", to)
	return message{}
}

func TestSMTP_SendToMailpit(t *testing.T) {
	t.Parallel()
	mp := startMailpit(t)

	html, text, err := mail.Render(mail.Branding{WorkspaceName: "Atelier Hélène", SenderName: "Atelier Hélène Çà", AccentColor: "#0ea5e9"}, "fr",
		mail.Content{Subject: "Votre espace client évolue", Heading: "Bienvenue à bord",
			Paragraphs:  []string{"Bonjour Élodie,", "Voici un paragraphe accentué : déjà, garçon, où."},
			ButtonLabel: "Ouvrir", ButtonURL: "http://portal.test/p/42?x=1&y=2", Note: "Note « finale »."})
	require.NoError(t, err)
	m := mail.Message{
		ID: "0b5e8e61-7d5f-4c4a-9d1e-1f1f6c2a9a01", FromName: "Atelier Hélène Çà", FromAddress: "notifications@parvis.localhost",
		To: "elodie@client.example", Subject: "Votre espace client évolue — déjà prêt", HTML: html, Text: text,
		Date: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
	}
	require.NoError(t, mp.sender().Send(context.Background(), m))

	got := mp.waitFor(t, "elodie@client.example")
	require.Equal(t, "Atelier Hélène Çà", got.From.Name)
	require.Equal(t, "notifications@parvis.localhost", got.From.Address)
	require.Equal(t, m.Subject, got.Subject)
	require.Contains(t, got.Text, "Bonjour Élodie,")
	require.Contains(t, got.Text, "déjà, garçon, où")
	require.Contains(t, got.Text, "Ouvrir : http://portal.test/p/42?x=1&y=2")
	require.NotContains(t, got.Text, "\r\r")
	require.Contains(t, got.HTML, "Bienvenue à bord")
	require.Contains(t, got.HTML, `href="http://portal.test/p/42?x=1&amp;y=2"`)
	require.Contains(t, got.HTML, "#0ea5e9")

	// On the wire, headers are 7-bit: the accents travel RFC 2047-encoded.
	raw := string(mp.get(t, "/api/v1/message/"+got.ID+"/raw", nil))
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	for _, r := range head {
		require.Less(t, r, rune(128), "non-ASCII byte in headers:\n%s", head)
	}
	require.Regexp(t, regexp.MustCompile(`(?mi)^From: =\?utf-8\?q\?.+\?= <notifications@parvis\.localhost>`), head)
	require.Regexp(t, regexp.MustCompile(`(?mi)^Subject: =\?utf-8\?q\?`), head)
	require.Contains(t, head, "Message-ID: <0b5e8e61-7d5f-4c4a-9d1e-1f1f6c2a9a01@parvis.localhost>")
	require.Contains(t, head, "multipart/alternative")
}

func TestSMTP_InvitationThroughMailpit(t *testing.T) {
	t.Parallel()
	mp := startMailpit(t)
	env := apitest.New(t, apitest.Options{Sender: mp.sender()})
	admin := env.CreateUser("admin@studio.example")
	ws := env.CreateWorkspace("studio", admin)
	project := env.CreateProject(ws, "Refonte")
	_, err := env.DB.Super.Exec(context.Background(), "UPDATE workspaces SET sender_name = 'Studio Génial' WHERE id = $1", ws.ID)
	require.NoError(t, err)

	c := env.Client()
	c.Login(admin.Email, admin.Password)
	r := c.Do("POST", fmt.Sprintf("/api/v1/w/studio/projects/%s/invitations", project), map[string]any{"email": "invitee@client.example"})
	require.Equal(t, 201, r.Status, "%s", r.Body)

	got := mp.waitFor(t, "invitee@client.example")
	require.Equal(t, "Studio Génial", got.From.Name)
	require.Contains(t, got.Subject, "vous invite")
	link := regexp.MustCompile(`http://portal\.test/invitation/[A-Za-z0-9_-]{43}`).FindString(got.Text)
	require.NotEmpty(t, link, "text: %s", got.Text)
	require.Contains(t, got.HTML, link)
	require.Contains(t, got.Text, "« Refonte »")

	// The link works, and the sensitive body was wiped from the outbox once sent.
	token := apitest.TokenFrom(link)
	require.Equal(t, 200, env.Client().Do("GET", "/api/v1/invitations/"+token, nil).Status)
	require.Eventually(t, func() bool {
		var text, html string
		var sent bool
		err := env.DB.Super.QueryRow(context.Background(),
			"SELECT text_body, html_body, sent_at IS NOT NULL FROM emails WHERE to_address = 'invitee@client.example'").Scan(&text, &html, &sent)
		return err == nil && sent && text == "" && html == ""
	}, 10*time.Second, 50*time.Millisecond)
}

// An invitation speaks the invitation's language: the inviting admin's
// unless the admin chose one; a resent link keeps it, the acceptance page
// is told it, and the account it creates takes it.
func TestSMTP_InvitationInItsLanguage(t *testing.T) {
	t.Parallel()
	mp := startMailpit(t)
	env := apitest.New(t, apitest.Options{Sender: mp.sender()})
	admin := env.CreateUser("admin@studio.example")
	ws := env.CreateWorkspace("studio", admin)
	project := env.CreateProject(ws, "Refonte")
	_, err := env.DB.Super.Exec(context.Background(), "UPDATE users SET locale = 'en' WHERE id = $1", admin.ID)
	require.NoError(t, err)
	c := env.Client()
	c.Login(admin.Email, admin.Password)
	path := fmt.Sprintf("/api/v1/w/studio/projects/%s/invitations", project)
	linkRe := regexp.MustCompile(`http://portal\.test/invitation/[A-Za-z0-9_-]{43}`)

	// The English-speaking admin invites: English.
	r := c.Do("POST", path, map[string]any{"email": "anna@client.example"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	got := mp.waitFor(t, "anna@client.example")
	require.Equal(t, "admin invites you to the client space WS studio", got.Subject)
	require.Contains(t, got.Text, "Hello,")
	require.Contains(t, got.Text, "invites you to follow the project “Refonte” on WS studio")
	require.Contains(t, got.Text, "Accept the invitation : ")
	require.NotContains(t, got.Text, "vous")
	require.Contains(t, got.HTML, `<html lang="en"`)
	token := apitest.TokenFrom(linkRe.FindString(got.Text))
	var pv struct{ Locale string }
	r = env.Client().Do("GET", "/api/v1/invitations/"+token, nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r.JSON(t, &pv)
	require.Equal(t, "en", pv.Locale, "the page is told the invitation's language")

	// The same admin chooses French for another client.
	r = c.Do("POST", path, map[string]any{"email": "louise@client.example", "locale": "fr"})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	var louise struct{ ID string }
	r.JSON(t, &louise)
	got = mp.waitFor(t, "louise@client.example")
	require.Equal(t, "admin vous invite sur l'espace client WS studio", got.Subject)
	require.Contains(t, got.Text, "« Refonte »")
	require.Contains(t, got.HTML, `<html lang="fr"`)
	// Resent, it stays French (whoever resends it).
	r = c.Do("POST", "/api/v1/w/studio/invitations/"+louise.ID+"/resend", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Eventually(t, func() bool {
		var n int
		require.NoError(t, env.DB.Super.QueryRow(context.Background(),
			"SELECT count(*) FROM emails WHERE to_address = 'louise@client.example' AND subject LIKE '%vous invite%' AND sent_at IS NOT NULL").Scan(&n))
		return n == 2
	}, 15*time.Second, 50*time.Millisecond)
	require.Equal(t, 2, mp.count(t, "louise@client.example"))

	// Anna accepts: her new account is English.
	r = env.Client().Do("POST", "/api/v1/invitations/"+token+"/accept", map[string]any{"name": "Anna", "password": "anna's own passphrase"})
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var locale string
	require.NoError(t, env.DB.Super.QueryRow(context.Background(), "SELECT locale FROM users WHERE email = 'anna@client.example'").Scan(&locale))
	require.Equal(t, "en", locale)
	// An invalid language is refused.
	r = c.Do("POST", path, map[string]any{"email": "zoe@client.example", "locale": "de"})
	require.Equal(t, 422, r.Status, "%s", r.Body)
}
