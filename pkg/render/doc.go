// Package render is the render stage: it formats a plan and its key bundles
// into the complete output tree, in memory — one IOS script per device (key
// server or group member, see the kinds table) and its review copy, the PEM
// bundle of each rekey key and the manifest. It makes no decisions (the
// plan did) and writes nothing (the output stage does); layout.go says
// where each file goes.
//
// Secrets reach the templates only through the functions `passphrase`,
// `privateKey` and `psk`, which this package binds per render mode: a
// deploy script gets the real values, a review copy gets placeholders.
// Redaction is therefore structural, never a search-and-replace on
// rendered text.
package render
