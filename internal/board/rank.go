package board

import (
	"errors"
	"strings"
)

// Fractional ordering keys: strings over 0-9A-Za-z compared byte-wise
// (the column is COLLATE "C"), read as base-62 fractions 0.d1d2d3…
// Between(a, b) returns a key strictly between a and b, so a move writes
// one row, never renumbers a column. Keys never end in '0', which keeps
// room before every key.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

const base = len(digits)

// ErrBadRank is returned for keys that are not valid ordering keys or are
// not in order.
var ErrBadRank = errors.New("invalid ordering keys")

func digit(s string, i int) (int, bool) {
	if i >= len(s) {
		return 0, true
	}
	d := strings.IndexByte(digits, s[i])
	return d, d >= 0
}

// ValidRank reports whether s is a usable key.
func ValidRank(s string) bool {
	if s == "" || s[len(s)-1] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(digits, s[i]) < 0 {
			return false
		}
	}
	return true
}

// Between returns a key k with a < k < b. An empty a means "before
// everything", an empty b "after everything".
func Between(a, b string) (string, error) {
	if (a != "" && !ValidRank(a)) || (b != "" && !ValidRank(b)) || (a != "" && b != "" && a >= b) {
		return "", ErrBadRank
	}
	var out []byte
	upperBounded := b != ""
	for i := 0; ; i++ {
		da, ok := digit(a, i)
		if !ok {
			return "", ErrBadRank
		}
		db := base
		if upperBounded {
			if db, ok = digit(b, i); !ok {
				return "", ErrBadRank
			}
			if i >= len(b) {
				// a shares all of b's digits yet is smaller: impossible
				// for valid keys, but never loop forever.
				return "", ErrBadRank
			}
		}
		switch {
		case db-da > 1:
			// Step by one next to an open end so that repeated appends (or
			// prepends) grow keys by a digit only every ~60 moves; halve
			// between two real neighbours.
			lowerOpen := i >= len(a)
			d := (da + db) / 2
			switch {
			case !upperBounded && !lowerOpen:
				d = da + 1
			case upperBounded && lowerOpen:
				d = db - 1
			case !upperBounded && lowerOpen && a != "":
				d = 1 // a new digit after a's last: start low, leave room
			case !upperBounded && lowerOpen && i > 0:
				d = base - 1 // a new digit before b's: start high
			}
			return string(append(out, digits[d])), nil
		case db == da:
			out = append(out, digits[da])
		default: // db == da+1: keep a's digit, then go above the rest of a
			out = append(out, digits[da])
			upperBounded = false
		}
	}
}
