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
	b.WriteString("Every diagnostic getvpnc emits carries one of these IDs: at the end of its\n")
	b.WriteString("line in text output (`... [spec/duplicate]`), in the `rule` (and `code`) field\n")
	b.WriteString("of `--format json`, and in the `code` of a key-sync problem in `getvpnc plan`.\n")
	b.WriteString("IDs are stable: never renamed, never reused; when a rule is split, the old ID\n")
	b.WriteString("keeps one of its meanings. `getvpnc rules` lists them, and `getvpnc rules ID`\n")
	b.WriteString("prints one. The severity is the default; where a rule is sometimes a warning\n")
	b.WriteString("its explanation says when.\n\n")
	b.WriteString("| ID | severity | summary |\n|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, anchor(r.ID), r.Severity, cell(r.Summary))
	}
	for _, r := range All() {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s**: %s.\n\n", r.Severity, r.Summary)
		b.WriteString(r.Text())
	}
	return []byte(b.String())
}

// anchor is GitHub's heading anchor for an ID: lower case, "/" dropped.
func anchor(id string) string {
	return strings.ToLower(strings.ReplaceAll(id, "/", ""))
}

// cell escapes a table cell's pipes.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
