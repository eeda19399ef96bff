package keysync

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Table renders the decision's key servers as an aligned text table:
// key server, observed fingerprint, exportable, action.
func (d *Decision) Table() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 2, 8, 2, ' ', 0)
	fmt.Fprintln(w, "    key server\tholds (sha256 of the public key)\texportable\taction")
	for _, ks := range d.KeyServers {
		name := ks.Name
		if ks.Primary {
			name += " (primary)"
		}
		held, exp := "-", "-"
		if ks.Observed != nil {
			held = *ks.Observed
		}
		if ks.ObservedType != "" {
			held += " (" + ks.ObservedType + " key, not RSA)"
		}
		if ks.Exportable != nil {
			exp = map[bool]string{true: "yes", false: "no"}[*ks.Exportable]
		}
		fmt.Fprintf(w, "    %s\t%s\t%s\t%s\n", name, held, exp, ks.Action)
	}
	w.Flush()
	return b.String()
}

// Summary is the text `getvpnc plan` prints and compile repeats on stderr.
func (r *Result) Summary() string {
	var b strings.Builder
	for _, d := range r.Keys {
		key := "to be generated"
		if d.SHA256 != nil {
			key = "sha256 " + *d.SHA256
		}
		fmt.Fprintf(&b, "key %s: case %s%s; %s; key %s\n", d.Label, d.Case, caseNote(d), d.Source, key)
		b.WriteString(d.Table())
	}
	return b.String()
}

// caseNote says, for case generate, whether a key is really made: the case
// is named after what the devices hold (nobody holds the label), and a
// user reading "generate" on a rerun that reuses a bundle would fear a new
// key.
func caseNote(d Decision) string {
	switch {
	case d.Case != CaseGenerate:
		return ""
	case d.Phase1:
		return " (no key server holds the label: the primary makes the key)"
	case d.Generate:
		return " (no key server holds the label: getvpnc makes a new key)"
	}
	return " (no key server holds the label yet: every key server imports this key; no new key is made)"
}
