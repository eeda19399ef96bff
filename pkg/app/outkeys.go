package app

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/render"
)

// outputOptions opens an output directory as compile, plan and --check do.
func (s *session) outputOptions(readOnly bool, out string) output.Options {
	return output.Options{ManifestPath: render.ManifestPath, ReadOnly: readOnly, Waiting: func() {
		fmt.Fprintf(s.stderr, "getvpnc: waiting for another getvpnc run on %s to finish\n", out)
	}}
}

// outputFail turns an error about the output directory out into its
// diagnostics (output.Diagnostics) and exit code: a directory in a state a
// human must settle (an interrupted run's leftovers, files getvpnc did not
// write, a manifest it cannot have written, a path that is not a
// directory) or a file there refused for what it is (a FIFO, a link, too
// big) is invalid input; a failure of the system (getvpnc/io) is I/O.
func outputFail(out string, err error) error {
	l := output.Diagnostics(out, err)
	code := exitcode.Invalid
	if len(l) == 1 && l[0].Code == exitcode.RuleIO {
		code = exitcode.Internal
	}
	return &diagFailure{code: code, diags: l}
}

// outKeys is what the output directory says about the keys: the bundles it
// holds and the keys its manifest records, by label.
type outKeys struct {
	bundles  map[string]bool   // label → keys/<label>.pem is there
	recorded map[string]string // label → sha256 the manifest records ("" when only files[] names the bundle)
}

// readOutKeys reads the manifest (output.ParseManifest: one that getvpnc
// cannot have written is refused, exit 1) and looks for the bundles of t,
// refusing (exit 1) a bundle path that is not a regular file reached
// without links. A key counts as recorded when keys[] or keySync[] gives
// its fingerprint, or files[] lists its bundle.
func readOutKeys(t *output.Tree, p *plan.Plan) (*outKeys, error) {
	ok := &outKeys{bundles: map[string]bool{}, recorded: map[string]string{}}
	m, err := t.Manifest()
	if err != nil {
		return nil, outputFail(t.Dir(), err)
	}
	if m != nil {
		for _, f := range m.Files {
			if label, isKey := render.BundleLabel(f.Path); isKey {
				if output.ValidLabel(label) {
					ok.recorded[label] += "" // listed: a bundle was written for it
				}
			}
		}
		for _, k := range m.KeySync {
			if k.SHA256 != nil {
				ok.recorded[k.Label] = *k.SHA256
			}
		}
		for _, k := range m.Keys {
			if k.SHA256 != nil {
				ok.recorded[k.Label] = *k.SHA256
			}
		}
	}
	labels := map[string]bool{}
	for _, k := range p.Keys {
		labels[k.Label] = true
	}
	for label := range ok.recorded {
		labels[label] = true
	}
	for label := range labels {
		_, err := t.ReadFile(render.BundlePath(label), "a key bundle", infile.MaxKeyFile)
		switch {
		case err == nil:
			ok.bundles[label] = true
		case errors.Is(err, fs.ErrNotExist):
		default:
			return nil, outputFail(t.Dir(), err)
		}
	}
	return ok, nil
}

// useOutKeys takes the bundles of the output directory for the keys that
// no --key or --rotate-key covers, so a rerun never makes a new key
// silently; and it refuses (exit 1) the two ways a rewrite would lose a
// key nobody asked to lose: the manifest records a key whose bundle is
// gone, and OUT holds a key the spec no longer uses (unless --drop-key).
// compile --check writes nothing and reports both as drift instead.
func useOutKeys(t *output.Tree, f *front, o syncOptions, st *syncState) error {
	// What the write would refuse (files getvpnc did not write, a manifest
	// it cannot have written) is refused before any key is decided, so
	// plan and --check say what compile does.
	if err := t.Check(); err != nil {
		return outputFail(t.Dir(), err)
	}
	ok, err := readOutKeys(t, f.plan)
	if err != nil {
		return err
	}
	inPlan := map[string]bool{}
	for _, k := range f.plan.Keys {
		inPlan[k.Label] = true
		if st.rotate[k.Label] {
			_, rec := ok.recorded[k.Label]
			st.replaces[k.Label] = rec || ok.bundles[k.Label]
		}
		if _, given := st.files[k.Label]; given || st.rotate[k.Label] {
			continue
		}
		rel := render.BundlePath(k.Label)
		if ok.bundles[k.Label] {
			st.recorded[k.Label] = ok.recorded[k.Label]
			st.files[k.Label] = filepath.Join(o.outDir, filepath.FromSlash(rel))
			st.origins[k.Label] = bundleOrigin(k.Label)
			st.fromOut[k.Label] = true
			continue
		}
		if fp, recorded := ok.recorded[k.Label]; recorded && !o.check {
			// Refused only if the decision would make a new key: when
			// the captures show every key server holding it, no bundle
			// is needed (and none was written), so none is lost.
			which := "a key for " + k.Label
			if fp != "" {
				which = "key " + k.Label + " (sha256 " + fp + ")"
			}
			st.missing[k.Label] = fileFailure(exitcode.Invalid, filepath.Join(o.outDir, render.ManifestPath), output.CodeKeyMissing,
				fmt.Sprintf("this manifest records %s, but %s is missing; getvpnc will not replace a key without being asked", which, rel),
				fmt.Sprintf("give the key back: --key %s=FILE (the bundle, e.g. from a backup, or the 'crypto key export rsa %s pem terminal 3des <passphrase>' output of a key server holding it), "+
					"or make a new one on purpose: --rotate-key %s (key servers holding the old key then need it replaced: use --inventory)", k.Label, k.Label, k.Label))
		}
	}
	if o.check {
		return nil
	}
	held := map[string]bool{}
	for label := range ok.recorded {
		held[label] = true
	}
	for label := range ok.bundles {
		held[label] = true
	}
	var unused []string
	for _, label := range slices.Sorted(maps.Keys(held)) {
		if !inPlan[label] && !slices.Contains(o.drop, label) {
			unused = append(unused, label)
		}
	}
	if len(unused) > 0 {
		// One diagnostic at the directory; its lines say, per key, what
		// to keep and which --drop-key to pass.
		return fileFailure(exitcode.Invalid, o.outDir, output.CodeKeyUnused,
			fmt.Sprintf("holds %s the spec no longer uses, and compiling would delete %s:\n%s",
				plural(len(unused), "a key", "keys"), plural(len(unused), "it", "them"), unusedSteps(o.outDir, unused, ok.bundles)), "")
	}
	for _, label := range o.drop {
		if _, held := ok.recorded[label]; !held && !ok.bundles[label] {
			return fail(exitcode.Usage, "--drop-key %s: %s holds no key %s", diag.Quote(label), o.outDir, diag.Quote(label))
		}
	}
	return nil
}

// maxUnusedListed is how many unused keys a refusal names, one line each,
// before it says how many more there are: a manifest padded with
// thousands of labels gets a message of a few lines.
const maxUnusedListed = 5

// unusedSteps says, for the first few unused labels, what is there and
// what to do: a bundle to keep a copy of, or only a manifest record (no
// file to copy) to let go of.
func unusedSteps(outDir string, unused []string, bundles map[string]bool) string {
	var lines []string
	for _, label := range unused[:min(len(unused), maxUnusedListed)] {
		if bundles[label] {
			rel := render.BundlePath(label)
			lines = append(lines, fmt.Sprintf("  %s: keep a copy (cp %s SAFE-PLACE) and pass --drop-key %s, or add the key back to the spec", rel, filepath.Join(outDir, filepath.FromSlash(rel)), label))
		} else {
			lines = append(lines, fmt.Sprintf("  %s: recorded in %s, no bundle in keys/: pass --drop-key %s, or add the key back to the spec", label, render.ManifestPath, label))
		}
	}
	if n := len(unused) - maxUnusedListed; n > 0 {
		lines = append(lines, fmt.Sprintf("  and %d more (%s)", n, plural(n, "one --drop-key for it", "one --drop-key each")))
	}
	return strings.Join(lines, "\n")
}

// dropFlags checks the --drop-key labels: they must name keys the spec no
// longer uses.
func dropFlags(values []string, p *plan.Plan) error {
	for _, label := range values {
		if slices.ContainsFunc(p.Keys, func(k plan.Key) bool { return k.Label == label }) {
			return fail(exitcode.Usage, "--drop-key %s: the spec still uses that key; --drop-key only lets go of a key the spec no longer names", label)
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
