package keys

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Passphrase length limits enforced by CheckPassphrase. IOS documents no
// limits; 8 keeps the one-round-MD5 legacy key derivation from being
// trivially guessable and 64 stays well inside an IOS command line.
const (
	MinPassphraseLen = 8
	MaxPassphraseLen = 64
)

// CheckPassphrase checks that p can protect the rekey key and be typed on
// the IOS command line: `crypto key import rsa <label> ... terminal
// <passphrase>` takes it inline, so it must be one token of printable ASCII
// (0x21-0x7E: no blanks, control characters or non-ASCII) and must not
// contain '?', which makes IOS show help instead of taking the character.
// It must be MinPassphraseLen to MaxPassphraseLen characters long. The
// error names every rule broken, with character positions, but never the
// passphrase or any of its characters.
func CheckPassphrase(p []byte) error {
	var problems []string
	n := utf8.RuneCount(p)
	if n > MaxPassphraseLen {
		// Refused by its length alone, so the message does not list
		// thousands of character positions.
		return fmt.Errorf("passphrase is longer than %d characters", MaxPassphraseLen)
	}
	switch {
	case n < MinPassphraseLen:
		problems = append(problems, fmt.Sprintf("is shorter than %d characters", MinPassphraseLen))
	case n > MaxPassphraseLen:
		problems = append(problems, fmt.Sprintf("is longer than %d characters", MaxPassphraseLen))
	}

	var blank, control, nonASCII, question []int
	for i, pos := 0, 1; i < len(p); pos++ {
		r, size := utf8.DecodeRune(p[i:])
		i += size
		switch {
		case r == ' ' || r == '\t':
			blank = append(blank, pos)
		case r < 0x20 || r == 0x7F:
			control = append(control, pos)
		case r > 0x7F:
			// Includes invalid UTF-8, which decodes to utf8.RuneError.
			nonASCII = append(nonASCII, pos)
		case r == '?':
			question = append(question, pos)
		}
	}
	if len(blank) > 0 {
		problems = append(problems, "contains a space or tab ("+positions(blank)+"), which would end it on the IOS command line")
	}
	if len(control) > 0 {
		problems = append(problems, "contains a control character ("+positions(control)+")")
	}
	if len(nonASCII) > 0 {
		problems = append(problems, "contains a non-ASCII character ("+positions(nonASCII)+"), but only printable ASCII is allowed")
	}
	if len(question) > 0 {
		problems = append(problems, "contains '?' ("+positions(question)+"), which makes IOS show help instead")
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("passphrase " + strings.Join(problems, "; "))
}

// positions formats 1-based character positions for a message.
func positions(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = fmt.Sprint(p)
	}
	word := "character "
	if len(ps) > 1 {
		word = "characters "
	}
	return word + strings.Join(s, ", ")
}
