package render

import (
	"fmt"
	"text/template"
)

// scriptState is what the secret functions record while one script is
// rendered: whether it now holds a secret in the clear (the manifest gives
// such a file no sha256), and, over the whole render, which secret
// references the scripts name.
type scriptState struct {
	// revealed is set when a deploy script printed the passphrase or a
	// pre-shared key.
	revealed bool
	// refs are the references `psk` was called with, in either mode.
	refs map[string]bool
}

// secretFuncs binds the template functions that print secrets; they are
// the only way a secret reaches a script. In review mode each prints a
// placeholder instead: redaction is structural.
//   - passphrase: the bundle passphrase, or "<passphrase>".
//   - privateKey LABEL: the encrypted private key of LABEL, or a comment
//     naming it.
//   - psk REF: the pre-shared key REF (a spec.SecretRef.Ref()) from
//     Input.Secrets, or "<REF>". A key missing from a deploy render is a
//     bug: the app resolves every reference the plan uses first.
func secretFuncs(in Input, m mode, st *scriptState) template.FuncMap {
	return template.FuncMap{
		"passphrase": func() string {
			if m == review {
				return "<passphrase>"
			}
			st.revealed = true
			return string(in.Passphrase.Reveal())
		},
		"privateKey": func(label string) (string, error) {
			b := in.Keys[label]
			if b == nil {
				return "", fmt.Errorf("no key %q", label)
			}
			if m == review {
				return fmt.Sprintf("! encrypted private key of %s (%d bits, public key sha256 %s) not shown\n", label, b.Bits(), b.Fingerprint()), nil
			}
			if len(b.PrivatePEM) == 0 {
				return "", fmt.Errorf("key %q has no private half to import", label)
			}
			return string(b.PrivatePEM), nil
		},
		"psk": func(ref string) (string, error) {
			if st.refs == nil {
				st.refs = map[string]bool{}
			}
			st.refs[ref] = true
			if m == review {
				return "<" + ref + ">", nil
			}
			v, ok := in.Secrets[ref]
			if !ok || v.IsZero() {
				return "", fmt.Errorf("no value for the pre-shared key %s", ref)
			}
			st.revealed = true
			return string(v.Reveal()), nil
		},
	}
}
