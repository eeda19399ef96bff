package rules

import (
	"fmt"
	"strings"
)

// Markdown renders the catalogue as docs/rules.md. A test keeps the file
// in step with the registry (go test ./pkg/rules -run TestDocs -update).
func Markdown() []byte {
	var b strings.Builder
	b.WriteString("# getvpnc rules\n\n")
	b.WriteString("<!-- Generated from pkg/rules by `go test ./pkg/rules -run TestDocs -update`; do not edit. -->\n\n")
	b.WriteString("Every diagnostic code getvpnc emits is one of these IDs (the `code` field of\n")
	b.WriteString("`--format json`; key-sync problems carry no code yet). IDs are stable: never\n")
	b.WriteString("renamed, never reused. `getvpnc rules`\n")
	b.WriteString("lists them, and `getvpnc rules ID` prints one. The severity is the default;\n")
	b.WriteString("where a rule is sometimes a warning its explanation says when.\n\n")
	b.WriteString("| ID | severity | summary |\n|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, anchor(r.ID), r.Severity, cell(r.Summary))
	}
	for _, r := range All() {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s**: %s.\n\n", r.Severity, r.Summary)
		fmt.Fprintf(&b, "%s\n\n", r.Explanation)
		fmt.Fprintf(&b, "Fix: %s.\n\n", r.Fix)
		fmt.Fprintf(&b, "Source: %s.\n", r.Source)
	}
	return []byte(b.String())
}

// anchor is GitHub's heading anchor for an ID: lower case, "/" dropped.
func anchor(id string) string {
	return strings.ToLower(strings.ReplaceAll(id, "/", ""))
}

// cell escapes a table cell's pipes.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
