package source

import (
	"net/url"
	"strings"
)

// EscapeToken escapes one JSON pointer token exactly as jsonschema v5 does
// (its schema.go escape()): "~" becomes "~0", "/" becomes "~1", and then the
// token is passed through url.PathEscape. Plain RFC 6901 escaping is not
// enough: v5 reports a key "uplink 1" as "uplink%201", so pointers built with
// anything else would fail to match ValidationError.InstanceLocation.
func EscapeToken(s string) string {
	s = strings.ReplaceAll(s, "~", "~0")
	s = strings.ReplaceAll(s, "/", "~1")
	return url.PathEscape(s)
}

// UnescapeToken reverses EscapeToken. It reports false when the token holds
// a malformed percent escape, which EscapeToken never produces.
func UnescapeToken(s string) (string, bool) {
	s, err := url.PathUnescape(s)
	if err != nil {
		return "", false
	}
	// RFC 6901 order: "~1" first, so that "~01" becomes "~1" and not "/".
	s = strings.ReplaceAll(s, "~1", "/")
	return strings.ReplaceAll(s, "~0", "~"), true
}

// Pointer builds a JSON pointer such as "/group/key_servers/0" from raw
// (unescaped) tokens, escaping each with EscapeToken. No tokens gives "",
// the pointer to the whole document.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// Child appends one raw token to an existing pointer.
func Child(ptr, token string) string {
	return ptr + "/" + EscapeToken(token)
}

// SplitPointer splits a pointer into its raw (unescaped) tokens. It reports
// false for text that is not a pointer in EscapeToken's form.
func SplitPointer(ptr string) ([]string, bool) {
	if ptr == "" {
		return nil, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		t, ok := UnescapeToken(p)
		if !ok {
			return nil, false
		}
		parts[i] = t
	}
	return parts, true
}

// parent drops the last token of ptr; the parent of "" and of text that is
// not a pointer is "".
func parent(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	return ptr[:i]
}
