package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

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

// outputFail turns an error about the output directory into its exit code:
// a directory in a state a human must settle (an interrupted run's
// leftovers, files getvpnc did not write, a manifest it cannot have written,
// a path that is not a directory, a root directory or a link to nothing)
// or a file there refused for what it is (a
// FIFO, a link, too big) is invalid input; the rest is I/O.
func outputFail(out string, err error) error {
	var re *output.RecoveryError
	var ie *infile.Error
	var fe *output.ForeignFilesError
	var me *output.ManifestError
	var de *output.DirError
	switch {
	case errors.As(err, &re), errors.As(err, &fe), errors.As(err, &me), errors.As(err, &de):
		return fail(ExitInvalid, "%v", err)
	case errors.Is(err, syscall.ENOTDIR):
		return fail(ExitInvalid, "output directory %s: %s is a file, not a directory; choose another -o", out, notDir(out))
	case errors.As(err, &ie) && ie.Refused():
		return fail(ExitInvalid, "output directory %s: %v", out, err)
	case errors.Is(err, fs.ErrNotExist):
		if link, target := danglingLink(out); link != "" {
			return fail(ExitInvalid, "output directory %s: %s is a symbolic link to %s, which does not exist; create that directory or choose another -o", out, link, target)
		}
	}
	return fail(ExitInternal, "output directory %s: %v", out, err)
}

// notDir names the first element of path that exists and is not a
// directory (path itself when none is found).
func notDir(path string) string {
	for _, d := range ancestors(path) {
		if fi, err := os.Lstat(d); err == nil && !fi.IsDir() {
			return d
		}
	}
	return filepath.Clean(path)
}

// ancestors lists path and its parents, outermost first: a/b/c gives a,
// a/b, a/b/c.
func ancestors(path string) []string {
	var elems []string
	for d := filepath.Clean(path); ; d = filepath.Dir(d) {
		elems = append([]string{d}, elems...)
		if filepath.Dir(d) == d || filepath.Dir(d) == "." {
			return elems
		}
	}
}

// danglingLink finds the first element of path that is a symbolic link to
// nothing, and where it points; "" when there is none.
func danglingLink(path string) (link, target string) {
	for _, d := range ancestors(path) {
		fi, err := os.Lstat(d)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, err := os.Stat(d); err != nil {
			t, _ := os.Readlink(d)
			return d, t
		}
	}
	return "", ""
}

// outKeys is what the output directory says about the keys: the bundles it
// holds and the keys its manifest records, by label.
type outKeys struct {
	bundles  map[string]bool   // label → keys/<label>.pem is there
	recorded map[string]string // label → sha256 the manifest records
}

// readOutKeys reads the manifest and looks for the bundles of t, refusing
// (exit 1) a bundle path that is not a regular file reached without links.
func readOutKeys(t *output.Tree, p *plan.Plan) (*outKeys, error) {
	ok := &outKeys{bundles: map[string]bool{}, recorded: map[string]string{}}
	data, err := t.ReadFile(render.ManifestPath, "the output directory's manifest", infile.MaxManifest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, outputFail(t.Dir(), err)
	default:
		// A manifest getvpnc did not write records nothing; the write then
		// refuses to replace that directory.
		var m render.Manifest
		if json.Unmarshal(data, &m) == nil {
			for _, k := range m.Keys {
				if k.SHA256 != nil && planLabelValid(k.Label) {
					ok.recorded[k.Label] = *k.SHA256
				}
			}
			for _, f := range m.Files {
				if label, isKey := strings.CutPrefix(f.Path, "keys/"); isKey && strings.HasSuffix(label, ".pem") {
					if label = strings.TrimSuffix(label, ".pem"); planLabelValid(label) {
						ok.recorded[label] += "" // listed: a bundle was written for it
					}
				}
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
		_, err := t.ReadFile("keys/"+label+".pem", "a key bundle", infile.MaxKeyFile)
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

// planLabelValid keeps labels from a manifest that can name a bundle file:
// what the spec allows as a label (anything else was not written by
// getvpnc and names no file it would read).
func planLabelValid(label string) bool {
	if label == "" || len(label) > 64 || !(label[0] >= 'A' && label[0] <= 'Z' || label[0] >= 'a' && label[0] <= 'z') {
		return false
	}
	return !strings.ContainsFunc(label, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-')
	})
}

// useOutKeys takes the bundles of the output directory for the keys that
// no --key or --rotate-key covers, so a rerun never makes a new key
// silently; and it refuses (exit 1) the two ways a rewrite would lose a
// key nobody asked to lose: the manifest records a key whose bundle is
// gone, and OUT holds a key the spec no longer uses (unless --drop-key).
// compile --check writes nothing and reports both as drift instead.
func useOutKeys(t *output.Tree, f *front, o syncOptions, st *syncState) error {
	ok, err := readOutKeys(t, f.plan)
	if err != nil {
		return err
	}
	inPlan := map[string]bool{}
	for _, k := range f.plan.Keys {
		inPlan[k.Label] = true
		if _, given := st.files[k.Label]; given || st.rotate[k.Label] {
			continue
		}
		rel := "keys/" + k.Label + ".pem"
		if ok.bundles[k.Label] {
			st.files[k.Label] = filepath.Join(o.outDir, filepath.FromSlash(rel))
			st.origins[k.Label] = bundleOrigin(k.Label)
			st.fromOut[k.Label] = true
			continue
		}
		if fp, recorded := ok.recorded[k.Label]; recorded && !o.check {
			which := "a key for " + k.Label
			if fp != "" {
				which = "key " + k.Label + " (sha256 " + fp + ")"
			}
			return fail(ExitInvalid, "%s: %s records %s, but %s is missing; getvpnc will not replace a key without being asked.\n"+
				"  Give the key back: --key %s=FILE (the bundle, e.g. from a backup, or the 'crypto key export rsa %s pem terminal 3des <passphrase>' output of a key server holding it),\n"+
				"  or make a new one on purpose: --rotate-key %s (key servers holding the old key then need it replaced: use --inventory)",
				o.outDir, render.ManifestPath, which, rel, k.Label, k.Label, k.Label)
		}
	}
	if o.check {
		return nil
	}
	var unused []string
	for label := range ok.recorded {
		if !inPlan[label] && !slices.Contains(o.drop, label) {
			unused = append(unused, label)
		}
	}
	for label := range ok.bundles {
		if !inPlan[label] && !slices.Contains(o.drop, label) && !slices.Contains(unused, label) {
			unused = append(unused, label)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		var lines []string
		for _, label := range unused {
			lines = append(lines, fmt.Sprintf("  keys/%s.pem: keep a copy (cp %s SAFE-PLACE) and pass --drop-key %s, or add the key back to the spec", label, filepath.Join(o.outDir, "keys", label+".pem"), label))
		}
		return fail(ExitInvalid, "%s holds %s the spec no longer uses, and compiling would delete %s:\n%s",
			o.outDir, plural(len(unused), "a key", "keys"), plural(len(unused), "it", "them"), strings.Join(lines, "\n"))
	}
	for _, label := range o.drop {
		if _, held := ok.recorded[label]; !held && !ok.bundles[label] {
			return fail(ExitUsage, "--drop-key %s: %s holds no key %s", label, o.outDir, label)
		}
	}
	return nil
}

// dropFlags checks the --drop-key labels: they must name keys the spec no
// longer uses.
func dropFlags(values []string, p *plan.Plan) error {
	for _, label := range values {
		if slices.ContainsFunc(p.Keys, func(k plan.Key) bool { return k.Label == label }) {
			return fail(ExitUsage, "--drop-key %s: the spec still uses that key; --drop-key only lets go of a key the spec no longer names", label)
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
