package billing

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/google/uuid"
)

// sealer encrypts the workspaces' Stripe secrets at rest with AES-256-GCM
// under a key derived from the server's secret (PARVIS_SECRET_KEY). The
// additional data binds a ciphertext to its workspace and field, so a
// value copied to another workspace's row, or from one column to the
// other, does not decrypt.
type sealer struct{ root []byte }

func (s sealer) derive(label string) []byte {
	m := hmac.New(sha256.New, s.root)
	m.Write([]byte("parvis/billing/" + label))
	return m.Sum(nil)
}

func (s sealer) aead() (cipher.AEAD, error) {
	block, err := aes.NewCipher(s.derive("settings-v1"))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func (s sealer) seal(ws uuid.UUID, field, plain string) ([]byte, error) {
	g, err := s.aead()
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return g.Seal(nonce, nonce, []byte(plain), []byte(ws.String()+"/"+field)), nil
}

func (s sealer) open(ws uuid.UUID, field string, sealed []byte) (string, error) {
	g, err := s.aead()
	if err != nil {
		return "", err
	}
	if len(sealed) < g.NonceSize() {
		return "", errors.New("billing: sealed secret too short")
	}
	plain, err := g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], []byte(ws.String()+"/"+field))
	if err != nil {
		return "", errors.New("billing: sealed secret does not open (PARVIS_SECRET_KEY changed?)")
	}
	return string(plain), nil
}

// simulatedWebhookSecret is the signing secret of the simulated provider's
// events for one workspace: derived from the server's secret, never
// stored, never shown.
func (s sealer) simulatedWebhookSecret(ws uuid.UUID) string {
	return "whsec_sim_" + hex.EncodeToString(s.derive("simulated-webhook/"+ws.String()))
}

// account names a Stripe account without revealing its key: a hash of the
// key (customers made with one key do not exist under another).
func (s sealer) account(secretKey string) string {
	m := hmac.New(sha256.New, s.derive("account"))
	m.Write([]byte(secretKey))
	return "acct_" + hex.EncodeToString(m.Sum(nil))[:24]
}
