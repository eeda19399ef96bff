package render

import (
	"fmt"
	"text/template"

	"github.com/getvpnc/getvpnc/pkg/keys"
)

// secretFunc names a template function that prints a secret; they are
// the only way a secret reaches a script. In review mode each prints a
// placeholder instead: redaction is structural.
//   - passphrase: the bundle passphrase, or "<passphrase>".
//   - privateKey LABEL: the encrypted private key of LABEL, or a comment
//     naming it.
//   - psk REF: the pre-shared key REF (a spec.SecretRef.Ref()) from
//     Input.Secrets, or "<REF>". A key missing from a deploy render is a
//     bug: the app resolves every reference the plan uses first.
//
// While a template executes, each prints nothing and marks its place
// (pieces.record); the assembler prints the secret or its placeholder
// there, per file (secretSource.resolve).
type secretFunc string

const (
	secretPassphrase secretFunc = "passphrase"
	secretPrivateKey secretFunc = "privateKey"
	secretPSK        secretFunc = "psk"
)

// secretFuncNames are the secret functions, for parseAll's check of how
// templates call them.
var secretFuncNames = []secretFunc{secretPassphrase, secretPrivateKey, secretPSK}

// recorder is where one worker's secret functions record: the pieces
// being rendered, and over the whole render the secret references the
// scripts name (in either mode).
type recorder struct {
	cur  *pieces
	refs map[string]bool
}

// secretFuncs binds the secret functions to rec.
func secretFuncs(rec *recorder) template.FuncMap {
	return template.FuncMap{
		string(secretPassphrase): func() string {
			rec.cur.record(secretPassphrase, "")
			return ""
		},
		string(secretPrivateKey): func(label string) string {
			rec.cur.record(secretPrivateKey, label)
			return ""
		},
		string(secretPSK): func(ref string) string {
			rec.refs[ref] = true
			rec.cur.record(secretPSK, ref)
			return ""
		},
	}
}

// secretSource resolves holes: the secrets of Input, and the review
// placeholders.
type secretSource struct {
	in  Input
	idx *keyIndex
}

// resolve returns what h's function prints in mode m; revealed says it is
// a secret in the clear (the passphrase or a pre-shared key: the manifest
// gives a file holding one no sha256).
func (s *secretSource) resolve(h hole, m mode) (text string, revealed bool, err error) {
	switch h.secret {
	case secretPassphrase:
		if m == review {
			return "<passphrase>", false, nil
		}
		return string(s.in.Passphrase.Reveal()), true, nil
	case secretPrivateKey:
		b := s.in.Keys[h.arg]
		if b == nil {
			return "", false, fmt.Errorf("no key %q", h.arg)
		}
		if m == review {
			if f := s.idx.facts[h.arg]; f != nil && f.bundle == b {
				return f.reviewPrivate, false, nil
			}
			return reviewPrivateKey(h.arg, b), false, nil
		}
		if len(b.PrivatePEM) == 0 {
			return "", false, fmt.Errorf("key %q has no private half to import", h.arg)
		}
		return string(b.PrivatePEM), false, nil
	case secretPSK:
		if m == review {
			return "<" + h.arg + ">", false, nil
		}
		v, ok := s.in.Secrets[h.arg]
		if !ok || v.IsZero() {
			return "", false, fmt.Errorf("no value for the pre-shared key %s", h.arg)
		}
		return string(v.Reveal()), true, nil
	}
	return "", false, fmt.Errorf("unknown secret function %q", h.secret)
}

// reviewPrivateKey is what a review copy prints instead of the encrypted
// private key of label.
func reviewPrivateKey(label string, b *keys.Bundle) string {
	return fmt.Sprintf("! encrypted private key of %s (%d bits, public key sha256 %s) not shown\n", label, b.Bits(), b.Fingerprint())
}
