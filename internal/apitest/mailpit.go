package apitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parvis/parvis/internal/mail"
)

// Mailpit is a real SMTP server with a REST API to read what arrived,
// started for one test (scripts/tools.sh installs it).
type Mailpit struct {
	SMTPPort int
	API      string
	t        testing.TB
}

// MailpitMessage is a received message as Mailpit's API returns it.
type MailpitMessage struct {
	ID      string `json:"ID"`
	Subject string `json:"Subject"`
	To      []struct {
		Address string `json:"Address"`
	} `json:"To"`
	Text string `json:"Text"`
	HTML string `json:"HTML"`
}

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func free(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// StartMailpit runs Mailpit until the test ends.
func StartMailpit(t testing.TB) *Mailpit {
	t.Helper()
	bin := os.Getenv("PARVIS_MAILPIT")
	if bin == "" {
		if p, err := exec.LookPath("mailpit"); err == nil {
			bin = p
		} else if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			bin = filepath.Join(strings.TrimSpace(string(out)), "bin", "mailpit")
		}
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("mailpit not found (PARVIS_MAILPIT, PATH, $(go env GOPATH)/bin): run scripts/tools.sh")
	}
	smtpPort, httpPort := free(t), free(t)
	var logs lockedBuf
	cmd := exec.Command(bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort), "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(t.TempDir(), "mp.db"), "--disable-version-check", "--smtp-disable-rdns")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
	m := &Mailpit{SMTPPort: smtpPort, API: fmt.Sprintf("http://127.0.0.1:%d", httpPort), t: t}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(m.API + "/api/v1/messages")
		if err == nil {
			res.Body.Close()
			if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", smtpPort), time.Second); err == nil {
				c.Close()
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("mailpit did not start:\n%s", logs.String())
	return nil
}

// Sender is the SMTP driver pointed at this Mailpit.
func (m *Mailpit) Sender() *mail.SMTP {
	return &mail.SMTP{Host: "127.0.0.1", Port: m.SMTPPort, TLS: "none", Timeout: 10 * time.Second}
}

// Get reads a Mailpit API path into v (when not nil) and returns the body.
func (m *Mailpit) Get(path string, v any) []byte {
	m.t.Helper()
	res, err := http.Get(m.API + path)
	if err != nil {
		m.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		m.t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			m.t.Fatal(err)
		}
	}
	return b
}

// Messages lists every message received so far (newest first), in full.
func (m *Mailpit) Messages() []MailpitMessage {
	m.t.Helper()
	var list struct {
		Messages []struct {
			ID string `json:"ID"`
		} `json:"messages"`
	}
	m.Get("/api/v1/messages?limit=500", &list)
	out := []MailpitMessage{}
	for _, s := range list.Messages {
		var msg MailpitMessage
		m.Get("/api/v1/message/"+s.ID, &msg)
		out = append(out, msg)
	}
	return out
}

// To returns the messages received by address.
func (m *Mailpit) To(address string) []MailpitMessage {
	var out []MailpitMessage
	for _, msg := range m.Messages() {
		for _, a := range msg.To {
			if a.Address == address {
				out = append(out, msg)
			}
		}
	}
	return out
}

// Raw is a message's source.
func (m *Mailpit) Raw(id string) string { return string(m.Get("/api/v1/message/"+id+"/raw", nil)) }
