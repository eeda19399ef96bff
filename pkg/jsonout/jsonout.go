// Package jsonout is the one way getvpnc writes JSON: the diagnostics of
// --format json, the documents of plan, verify and rules, and the
// manifest. One writer keeps them alike, so a consumer (or a reviewer
// reading manifest.json) meets one layout everywhere.
package jsonout

import (
	"encoding/json"
	"io"
)

// Write writes v to w as one JSON document: indented by two spaces, ended
// by a newline, and not HTML-escaped. encoding/json turns "<", ">" and "&"
// into \u003c, \u003e and \u0026 by default, for JSON pasted into HTML;
// getvpnc's JSON is read by programs and people, and its text (an ACL
// line "permit ip A -> B", a waiver's reason, DIR/<name>.txt) must read as
// the text output does.
func Write(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
