package secretref

import (
	"strconv"
	"unicode/utf8"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Limits of a pre-shared key. IOS documents neither a length limit nor a
// character set for the keystring of `crypto isakmp key` in any source
// found (docs/ios-facts.md, "Pre-shared keys: `crypto isakmp key`"), so
// these are getvpnc's safe choice: one word of printable ASCII that the
// CLI reads as it is, well under the 128 figure that circulates.
const (
	// MaxLength is the longest key getvpnc writes on a key line.
	MaxLength = 64
	// MinStrong is the length below which a key is reported as weak.
	MinStrong = 16
)

// check reports what is wrong with a secret's value v; it never shows v
// or any character of it, only positions and classes of characters.
func (a *reporter) check(v []byte) {
	if len(v) == 0 {
		a.add(diag.Error, CodeEmpty, "is empty", a.emptyFix())
		return
	}
	n, bad, first, class := scan(v)
	if bad > 0 {
		more := ""
		if bad > 1 {
			more = " (and " + plural(bad-1, "more character") + " it cannot take)"
		}
		a.add(diag.Error, CodeCharset, "holds a character a `crypto isakmp key` line cannot take: character "+strconv.Itoa(first)+" is "+class+more,
			"use printable ASCII without spaces, '?' and '\"' (a random key: `openssl rand -base64 32`)")
	}
	if n > MaxLength {
		a.add(diag.Error, CodeLength, "is longer than "+strconv.Itoa(MaxLength)+" characters, the most getvpnc writes on a `crypto isakmp key` line",
			"use a random key of "+strconv.Itoa(MinStrong)+" to "+strconv.Itoa(MaxLength)+" characters (`openssl rand -base64 32` gives 44)")
	}
	if bad == 0 && n < MinStrong {
		a.add(diag.Warning, CodeWeak, "is shorter than "+strconv.Itoa(MinStrong)+" characters: a short pre-shared key is open to offline guessing",
			"use a random key of "+strconv.Itoa(MinStrong)+" to "+strconv.Itoa(MaxLength)+" characters (`openssl rand -base64 32`)")
	}
}

func (a *reporter) emptyFix() string {
	switch {
	case a.ref.Env != "":
		return "set " + a.ref.Env + " to the pre-shared key"
	case a.ref.File != "":
		return "put the pre-shared key on the first line of the file"
	}
	return "write the pre-shared key, or better, a reference ({env: NAME} or {file: PATH})"
}

// scan counts the characters of v (an invalid UTF-8 byte counts as one)
// and those a key line cannot take, with the 1-based position and the
// class of the first of them.
func scan(v []byte) (n, bad, first int, class string) {
	for len(v) > 0 {
		r, size := utf8.DecodeRune(v)
		v = v[size:]
		n++
		if c := classOf(r, size); c != "" {
			if bad == 0 {
				first, class = n, c
			}
			bad++
		}
	}
	return n, bad, first, class
}

// classOf names the class of a character a key line cannot take, "" for
// one it can: printable ASCII 0x21..0x7E but '?' (the CLI's help request,
// never entered) and '"' (quoting, read differently by parsers).
func classOf(r rune, size int) string {
	switch {
	case r == ' ':
		return "a space"
	case r == '?':
		return "'?'"
	case r == '"':
		return "'\"'"
	case r < 0x20 || r == 0x7f:
		return "a control character"
	case r == utf8.RuneError && size == 1, r > 0x7f:
		return "a non-ASCII character"
	}
	return ""
}

// plural is "1 thing" or "N things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
