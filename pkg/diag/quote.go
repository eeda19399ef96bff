package diag

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many characters of user text Quote keeps.
const MaxQuoted = 64

// Quote returns user text (a name, a value, a line of a capture) ready to
// be put in a message: double-quoted with Go escapes, so terminal control
// sequences, newlines and invalid UTF-8 are shown, never sent to the
// terminal; and cut after MaxQuoted characters with a note of the full
// length, so a megabyte-long name does not flood the screen.
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == MaxQuoted {
			return strconv.Quote(s[:i]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
		}
		n++
	}
	return strconv.Quote(s)
}
