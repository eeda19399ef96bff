package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/udiff"
)

// check compares the tree compile would write with the one in out and
// changes nothing. It names every added, removed or changed file and shows
// a unified diff of each changed review copy; secret-bearing files (the
// deploy scripts and key bundles) are named but never diffed.
func (s *session) check(out string, files []output.File) error {
	old, err := output.Read(out, output.Options{ManifestPath: render.ManifestPath})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil // nothing compiled there yet: every file is added
	case err != nil:
		return fail(ExitInternal, "reading %s: %v", out, err)
	}
	drift := compareTrees(old, files)
	if len(drift) == 0 {
		fmt.Fprintf(s.stderr, "%s is up to date (%d files)\n", out, len(files))
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s is out of date:\n", out)
	for _, d := range drift {
		fmt.Fprintf(&b, "  %-8s %s%s\n", d.kind, d.path, d.note)
	}
	for _, d := range drift {
		if d.diff != "" {
			b.WriteString(d.diff)
		}
	}
	fmt.Fprint(s.stdoutOrStderr(), b.String())
	return fail(ExitDrift, "")
}

// stdoutOrStderr is where a human report goes: stdout in text mode; in JSON
// mode stdout carries the JSON, so the report goes to stderr.
func (s *session) stdoutOrStderr() interface{ Write([]byte) (int, error) } {
	if s.json() {
		return s.stderr
	}
	return s.stdout
}

type driftEntry struct {
	kind, path, note, diff string
}

// compareTrees lists the differences between the tree on disk and the new
// one, sorted by path.
func compareTrees(old, new []output.File) []driftEntry {
	oldBy := map[string]output.File{}
	for _, f := range old {
		oldBy[f.Path] = f
	}
	newBy := map[string]output.File{}
	for _, f := range new {
		newBy[f.Path] = f
	}
	var out []driftEntry
	for _, f := range new {
		o, ok := oldBy[f.Path]
		switch {
		case !ok:
			out = append(out, driftEntry{kind: "added", path: f.Path})
		case !bytes.Equal(o.Data, f.Data):
			e := driftEntry{kind: "changed", path: f.Path}
			if reviewable(f.Path) {
				e.diff = udiff.Unified("a/"+f.Path, "b/"+f.Path, o.Data, f.Data, 3)
			} else if f.Mode == 0o600 {
				e.note = " (holds secrets: no diff shown; see its review copy)"
			}
			out = append(out, e)
		case o.Mode.Perm() != f.Mode.Perm():
			out = append(out, driftEntry{kind: "mode", path: f.Path, note: fmt.Sprintf(" (%#o, want %#o)", o.Mode.Perm(), f.Mode.Perm())})
		}
	}
	for _, f := range old {
		if _, ok := newBy[f.Path]; !ok {
			out = append(out, driftEntry{kind: "removed", path: f.Path})
		}
	}
	slices.SortFunc(out, func(a, b driftEntry) int { return strings.Compare(a.path, b.path) })
	return out
}

// reviewable reports whether a file may be shown in a diff: review copies
// and the manifest hold no secret by construction.
func reviewable(path string) bool {
	return strings.HasPrefix(path, "review/") || path == render.ManifestPath
}
