// Package schema embeds the JSON Schema (draft 2020-12) of the getvpnc spec.
// The schema is the contract users write against: `getvpnc schema` prints it
// for editors, and the validate stage checks every spec with it before any
// semantic rule runs.
package schema

import _ "embed"

// SpecJSON is the JSON Schema of spec version 1.
//
//go:embed spec.schema.json
var SpecJSON []byte
