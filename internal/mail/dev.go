package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DevMailbox "sends" by writing each message into a folder: a JSON file the
// dev mailbox page (/dev/mail) lists, and the raw .eml beside it.
type DevMailbox struct{ Dir string }

// StoredMessage is what the dev mailbox shows.
type StoredMessage struct {
	ID      string    `json:"id"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	SentAt  time.Time `json:"sentAt"`
	Text    string    `json:"text"`
	HTML    string    `json:"html"`
}

// Send implements Sender. Writing the same message twice overwrites it.
func (d *DevMailbox) Send(_ context.Context, m Message) error {
	if err := os.MkdirAll(d.Dir, 0o750); err != nil {
		return fmt.Errorf("dev mailbox: %w", err)
	}
	sm := StoredMessage{ID: m.ID, From: fromHeader(m.FromName, m.FromAddress), To: m.To, Subject: m.Subject, SentAt: m.Date.UTC(), Text: m.Text, HTML: m.HTML}
	b, err := json.MarshalIndent(sm, "", "  ")
	if err != nil {
		return err
	}
	base := filepath.Join(d.Dir, m.ID)
	if err := os.WriteFile(base+".eml", Build(m), 0o640); err != nil {
		return fmt.Errorf("dev mailbox: %w", err)
	}
	// Write then rename so a reader never sees half a file.
	if err := os.WriteFile(base+".json.tmp", b, 0o640); err != nil {
		return fmt.Errorf("dev mailbox: %w", err)
	}
	return os.Rename(base+".json.tmp", base+".json")
}

// List returns the stored messages, newest first.
func (d *DevMailbox) List() ([]StoredMessage, error) {
	entries, err := os.ReadDir(d.Dir)
	if os.IsNotExist(err) {
		return []StoredMessage{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := []StoredMessage{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(d.Dir, e.Name()))
		if err != nil {
			continue
		}
		var m StoredMessage
		if json.Unmarshal(b, &m) == nil {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SentAt.After(out[j].SentAt) })
	return out, nil
}
