// Package render is the render stage: it formats a plan and its key bundles
// into the complete output tree, in memory — one IOS script per key server
// and its review copy, the PEM bundle of each rekey key and the manifest. It makes no decisions
// (the plan did) and writes nothing (the output stage does).
//
// Secrets reach the templates only through the functions `passphrase` and
// `privateKey`, which this package binds per render mode: a deploy script
// gets the real values, a review copy gets placeholders. Redaction is
// therefore structural, never a search-and-replace on rendered text.
package render
