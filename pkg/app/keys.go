package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// keyFlags parses the --key LABEL=FILE values; each label must be a key the
// plan uses, and may be given once.
func keyFlags(values []string, p *plan.Plan) (map[string]string, error) {
	known := map[string]bool{}
	for _, k := range p.Keys {
		known[k.Label] = true
	}
	out := map[string]string{}
	for _, v := range values {
		label, file, ok := strings.Cut(v, "=")
		if !ok || label == "" || file == "" {
			return nil, fail(ExitUsage, "--key %q: write LABEL=FILE", v)
		}
		if !known[label] {
			var labels []string
			for _, k := range p.Keys {
				labels = append(labels, k.Label)
			}
			return nil, fail(ExitUsage, "--key %s: the spec's groups use no key with that label (they use: %s)", label, strings.Join(labels, ", "))
		}
		if _, dup := out[label]; dup {
			return nil, fail(ExitUsage, "--key %s is given twice", label)
		}
		out[label] = file
	}
	return out, nil
}

// keyEvent records where each key came from, for the summary.
type keyEvent struct {
	label, how string
	bundle     *keys.Bundle
}

// obtainKeys returns a bundle for every key of the plan: the one the user
// supplied with --key (bytes kept as they are) or a new one.
func obtainKeys(p *plan.Plan, supplied map[string]string, pass []byte) (map[string]*keys.Bundle, []keyEvent, error) {
	out := map[string]*keys.Bundle{}
	var events []keyEvent
	for _, k := range p.Keys {
		if file, ok := supplied[k.Label]; ok {
			b, err := loadKey(k, file, pass)
			if err != nil {
				return nil, nil, err
			}
			out[k.Label] = b
			events = append(events, keyEvent{k.Label, "reused from " + file, b})
			continue
		}
		priv, err := keys.Generate(k.Modulus)
		if err != nil {
			return nil, nil, fail(ExitInternal, "generating key %s: %v", k.Label, err)
		}
		b, err := keys.Encrypt(priv, pass, nil)
		if err != nil {
			return nil, nil, fail(ExitInternal, "encrypting key %s: %v", k.Label, err)
		}
		out[k.Label] = b
		events = append(events, keyEvent{k.Label, "generated", b})
	}
	slices.SortFunc(events, func(a, b keyEvent) int { return strings.Compare(a.label, b.label) })
	return out, events, nil
}

func loadKey(k plan.Key, file string, pass []byte) (*keys.Bundle, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fail(ExitInternal, "reading key %s: %v", k.Label, err)
	}
	b, err := keys.Parse(data, pass)
	if err != nil {
		if errors.Is(err, keys.ErrWrongPassphrase) {
			return nil, fail(ExitInvalid, "%s: key %s: the passphrase does not decrypt this key (%v)", file, k.Label, err)
		}
		return nil, fail(ExitInvalid, "%s: key %s: %v", file, k.Label, err)
	}
	if b.Bits() != k.Modulus {
		return nil, fail(ExitInvalid, "%s: key %s has %d bits but the spec says modulus %d; fix the spec or supply the right key", file, k.Label, b.Bits(), k.Modulus)
	}
	return b, nil
}

func describeKeys(events []keyEvent) []string {
	var out []string
	for _, ev := range events {
		out = append(out, fmt.Sprintf("key %s: %s (%d bits, public key sha256 %s)", ev.label, ev.how, ev.bundle.Bits(), ev.bundle.Fingerprint()))
	}
	return out
}

// verifyWrittenKeys reads every bundle back from disk and decrypts it with
// the passphrase: what the operator will carry to the devices must be the
// key the scripts were rendered with, not just what was in memory.
func verifyWrittenKeys(out string, bundles map[string]*keys.Bundle, pass []byte) error {
	labels := make([]string, 0, len(bundles))
	for label := range bundles {
		labels = append(labels, label)
	}
	slices.Sort(labels)
	for _, label := range labels {
		file := filepath.Join(out, "keys", label+".pem")
		data, err := os.ReadFile(file)
		if err != nil {
			return fail(ExitInternal, "verifying %s: %v", file, err)
		}
		b, err := keys.Parse(data, pass)
		if err != nil {
			return fail(ExitInternal, "verifying %s: it does not decrypt with the passphrase: %v", file, err)
		}
		if b.Fingerprint() != bundles[label].Fingerprint() || !bytes.Equal(b.PrivatePEM, bundles[label].PrivatePEM) {
			return fail(ExitInternal, "verifying %s: the file on disk is not the key the scripts were rendered with", file)
		}
	}
	return nil
}
