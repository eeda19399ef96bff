// Package templates embeds the text/template files that format the IOS
// scripts. Templates only format: every value, order and choice they print
// was decided by the plan stage, and secrets reach them only through the
// functions the render stage binds (so a review copy can redact them).
package templates

import "embed"

// FS holds ios/*.tmpl. Entry templates produce a file; partials start
// with "_" and are only included. Render names each template by its path
// here ("ios/keyserver.tmpl", "ios/_acl.tmpl"), so a template includes a
// partial by that path.
//
//go:embed ios/*.tmpl
var FS embed.FS
