// Package templates embeds the text/template files that format the IOS
// scripts. Templates only format: every value, order and choice they print
// was decided by the plan stage, and secrets reach them only through the
// functions the render stage binds (so a review copy can redact them).
package templates

import "embed"

// FS holds ios/*.tmpl. Entry templates produce a file; partials start
// with "_" and are only included.
//
//go:embed ios/*.tmpl
var FS embed.FS
