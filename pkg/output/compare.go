package output

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// Change is how a file differs between an output directory and the files
// compared with it.
type Change int

const (
	// Added: among the files, not in the directory.
	Added Change = iota + 1
	// Removed: in the directory, not among the files.
	Removed
	// Changed: in both, with other bytes.
	Changed
	// ModeChanged: in both, the same bytes, other permission bits.
	ModeChanged
)

// Difference is one file that differs.
type Difference struct {
	Path   string
	Change Change
	// Old is the file's content in the directory, for Changed (to show
	// a diff); nil otherwise.
	Old []byte
	// OldMode is the file's permission bits in the directory, for
	// ModeChanged.
	OldMode fs.FileMode
}

// Compare compares files with the files of dir that getvpnc owns (as
// Read finds them) and for which keep is true, and returns every
// difference, sorted by path; none when dir holds them exactly. It is
// what compile --check reports, without holding the directory's tree in
// memory: each file is read once, compared and let go, and only the old
// content of a changed file is kept. The error wraps fs.ErrNotExist when
// dir has no manifest, and is Read's for an owned file Read refuses.
func Compare(dir string, files []File, opts Options, keep func(string) bool) ([]Difference, error) {
	owned, err := Owned(dir, opts)
	if err != nil {
		return nil, err
	}
	newBy := make(map[string]File, len(files))
	for _, f := range files {
		newBy[f.Path] = f
	}
	r := newTreeReader(dir)
	defer r.close()
	var out []Difference
	onDisk := make(map[string]bool, len(owned))
	for _, p := range owned {
		if !keep(p) {
			continue
		}
		data, mode, err := r.read(p, "a file of the output directory", infile.MaxManifest)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading owned file %s: %w", p, err)
		}
		onDisk[p] = true
		f, ok := newBy[p]
		switch {
		case !ok:
			out = append(out, Difference{Path: p, Change: Removed})
		case !bytes.Equal(data, f.Data):
			out = append(out, Difference{Path: p, Change: Changed, Old: data})
		case mode.Perm() != f.Mode.Perm():
			out = append(out, Difference{Path: p, Change: ModeChanged, OldMode: mode.Perm()})
		}
	}
	for _, f := range files {
		if !onDisk[f.Path] {
			out = append(out, Difference{Path: f.Path, Change: Added})
		}
	}
	slices.SortFunc(out, func(a, b Difference) int { return cmp.Compare(a.Path, b.Path) })
	return out, nil
}
