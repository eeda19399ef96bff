// Package validate is the validate stage: it checks a loaded spec
// (source.Document) and returns positioned diagnostics, never printing.
//
// The schema half (schema.go) checks the spec's shape against the embedded
// JSON Schema with santhosh-tekuri/jsonschema v5 and rewrites the library's
// errors into user words at the user's line and column: unknown keys at the
// key itself with a did-you-mean, missing properties at the parent's key, bad
// values at the value. v5 reports errors in Go map order, so every list this
// package returns is sorted and the same on every run.
package validate
