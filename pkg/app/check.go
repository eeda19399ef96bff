package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/udiff"
)

// check compares the tree compile would write with the one in out and
// changes nothing. It names every added, removed or changed file and shows
// a unified diff of each changed review copy; secret-bearing files (the
// deploy scripts and key bundles) are named but never diffed.
func (s *session) check(out string, files []output.File) error {
	return s.compareAndReport(out, files, func(string) bool { return true })
}

// compareAndReport compares files with the files of out for which keep is
// true, prints the report, and returns the drift exit code if they differ.
func (s *session) compareAndReport(out string, files []output.File, keep func(string) bool) error {
	diffs, err := output.Compare(out, files, output.Options{ManifestPath: render.ManifestPath}, keep)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Nothing compiled there yet: every file is added.
		diffs = nil
		for _, f := range files {
			diffs = append(diffs, output.Difference{Path: f.Path, Change: output.Added})
		}
		slices.SortFunc(diffs, func(a, b output.Difference) int { return strings.Compare(a.Path, b.Path) })
	case err != nil:
		return outputFail(out, err)
	}
	drift := driftEntries(diffs, files)
	if len(drift) == 0 {
		fmt.Fprintf(s.stderr, "%s is up to date (%d files)\n", out, len(files))
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s is out of date [%s]:\n", out, exitcode.RuleDrift)
	for _, d := range drift {
		fmt.Fprintf(&b, "  %-8s %s%s\n", d.kind, d.path, d.note)
	}
	for _, d := range drift {
		if d.diff != "" {
			b.WriteString(d.diff)
		}
	}
	fmt.Fprint(s.stdoutOrStderr(), b.String())
	if s.json() {
		for _, d := range drift {
			s.diags.Add(driftDiagnostic(out, d.path, d.kind+": "+driftWhy[d.kind]+d.note))
		}
	}
	return fail(exitcode.Drift, "")
}

// driftWhy says what each kind of drift means, for the JSON diagnostics.
var driftWhy = map[string]string{
	"added":   "not in the output directory",
	"changed": "its content differs from what the spec compiles to",
	"mode":    "its permission bits differ",
	"removed": "the spec no longer produces it",
}

// driftDiagnostic is one out-of-date file of compile --check, so that a
// JSON consumer sees why the exit code is 5.
func driftDiagnostic(out, path, msg string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: filepath.ToSlash(filepath.Join(out, path))}, Code: exitcode.RuleDrift, Summary: msg}
}

// checkReviewOnly is --check without a passphrase, as in a pipeline that
// holds no secrets: the deploy scripts, bundles and manifest cannot be
// rebuilt, but the review copies need only the public keys (from the key
// files or the captures), and every non-secret change shows in them.
//
// why says what is missing ("no passphrase", the secret references not
// available), on stderr, so the reader knows what was not compared.
func (s *session) checkReviewOnly(out string, f *front, st *syncState, why string) error {
	recorded := recordedKeys(out)
	bundles := map[string]*keys.Bundle{}
	for _, k := range f.plan.Keys {
		d := decisionFor(st.result, k.Label)
		var spki []byte
		switch file, ok := st.files[k.Label]; {
		case ok && !d.Generate:
			data, err := readKeyFile(file)
			if err != nil {
				return err
			}
			if spki, err = keys.PublicSPKI(data); err != nil {
				return &diagFailure{code: exitcode.Invalid, diags: keyDiags(file, err, "")}
			}
		case d.SPKI != nil:
			spki = d.SPKI
		case d.Generate && recorded[k.Label] != nil && !st.rotate[k.Label]:
			// Only the review copies and the manifest were kept (the
			// usual commit of a pipeline): the manifest names the key.
			spki = recorded[k.Label]
		case d.Generate:
			fmt.Fprintf(s.stdoutOrStderr(), "%s is out of date [%s]:\n  added    %s (a new key would be generated)\n", out, exitcode.RuleDrift, render.BundlePath(k.Label))
			if s.json() {
				s.diags.Add(driftDiagnostic(out, render.BundlePath(k.Label), "added: a new key would be generated"))
			}
			return fail(exitcode.Drift, "")
		}
		if spki != nil {
			b, err := keys.PublicOnly(spki)
			if err != nil {
				return fail(exitcode.Invalid, "key %s: %v", k.Label, err)
			}
			bundles[k.Label] = b
		}
	}
	files, err := render.ReviewCopies(render.Input{
		Plan: f.plan, Sync: st.result, Keys: bundles,
		Tool: render.Tool{Name: "getvpnc", Version: Version}, SpecSHA256: f.sha256,
	})
	if err != nil {
		return fail(exitcode.Internal, "%v", err)
	}
	fmt.Fprintf(s.stderr, "getvpnc: %s: checking the review copies only (the deploy scripts, key bundles and manifest are not compared)\n", why)
	return s.compareAndReport(out, files, render.IsReview)
}

// recordedKeys returns the public keys the manifest in out records, by
// label; an unreadable manifest records none.
func recordedKeys(out string) map[string][]byte {
	data, err := infile.Read(filepath.Join(out, render.ManifestPath), "the output directory's manifest", infile.MaxManifest)
	if err != nil {
		return nil
	}
	m, err := output.ParseManifest(data)
	if err != nil {
		return nil
	}
	keyData := map[string][]byte{}
	for _, k := range m.Keys {
		if spki, err := keys.ParseKeyData(k.KeyData); err == nil {
			keyData[k.Label] = spki
		}
	}
	return keyData
}

// stdoutOrStderr is where a human report goes: stdout in text mode; in JSON
// mode stdout carries the JSON, so the report goes to stderr.
func (s *session) stdoutOrStderr() io.Writer {
	if s.json() {
		return s.stderr
	}
	return s.stdout
}

type driftEntry struct {
	kind, path, note, diff string
}

// driftEntries words the differences between the tree on disk and the
// new one (files), sorted by path as Compare returns them.
func driftEntries(diffs []output.Difference, files []output.File) []driftEntry {
	newBy := make(map[string]output.File, len(files))
	for _, f := range files {
		newBy[f.Path] = f
	}
	var out []driftEntry
	for _, d := range diffs {
		f := newBy[d.Path]
		switch d.Change {
		case output.Added:
			out = append(out, driftEntry{kind: "added", path: d.Path})
		case output.Removed:
			out = append(out, driftEntry{kind: "removed", path: d.Path})
		case output.Changed:
			e := driftEntry{kind: "changed", path: d.Path}
			if reviewable(d.Path) {
				// The file on disk may not be what getvpnc wrote (a real
				// script copied over its review copy): its secrets are
				// masked before anything of it is shown.
				e.diff = udiff.Unified("a/"+d.Path, "b/"+d.Path, render.MaskSecrets(d.Old), render.MaskSecrets(f.Data), 3)
			} else if f.Mode == 0o600 {
				e.note = " (holds secrets: no diff shown; see its review copy)"
			}
			out = append(out, e)
		case output.ModeChanged:
			out = append(out, driftEntry{kind: "mode", path: d.Path, note: fmt.Sprintf(" (%#o, want %#o)", d.OldMode.Perm(), f.Mode.Perm())})
		}
	}
	return out
}

// reviewable reports whether a file may be shown in a diff: review copies
// and the manifest hold no secret by construction.
func reviewable(path string) bool {
	return render.IsReview(path) || path == render.ManifestPath
}
