// Package secret marks values that must never be shown: the key bundle
// passphrase today, pre-shared keys later. A Value prints as "<redacted>"
// through every fmt verb, JSON and text marshalling, so a stray log line,
// %v in an error or a struct dump cannot leak it; the one way to the bytes
// is Reveal, which the render stage calls for deploy scripts only.
package secret

import "fmt"

// Value is a secret byte string.
type Value struct{ b []byte }

// New wraps b; the caller must not keep using b.
func New(b []byte) Value { return Value{b: b} }

// Reveal returns the secret bytes. Call it only where the secret must be
// written: a deploy script or a key encryption.
func (v Value) Reveal() []byte { return v.b }

// IsZero reports whether no secret is held.
func (v Value) IsZero() bool { return len(v.b) == 0 }

const redacted = "<redacted>"

// String hides the value.
func (v Value) String() string { return redacted }

// GoString hides the value from %#v.
func (v Value) GoString() string { return redacted }

// Format hides the value from every fmt verb, including %x and %q.
func (v Value) Format(f fmt.State, verb rune) { fmt.Fprint(f, redacted) }

// MarshalJSON hides the value from encoding/json.
func (v Value) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText hides the value from text encoders.
func (v Value) MarshalText() ([]byte, error) { return []byte(redacted), nil }
