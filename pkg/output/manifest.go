package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// lstatInside is os.Lstat of rel inside root that also refuses to pass
// through a symbolic link on the way: rel's parent elements must be real
// directories, so nothing read or removed through rel lies outside root.
func lstatInside(root, rel string) (fs.FileInfo, error) {
	full := root
	elems := strings.Split(rel, "/")
	for i, e := range elems {
		full = filepath.Join(full, e)
		fi, err := os.Lstat(full)
		if err != nil {
			return nil, err
		}
		if i < len(elems)-1 && !fi.IsDir() {
			return nil, &fs.PathError{Op: "lstat", Path: full, Err: errors.New("not a directory")}
		}
		if i == len(elems)-1 {
			return fi, nil
		}
	}
	return nil, &fs.PathError{Op: "lstat", Path: full, Err: fs.ErrInvalid}
}

// loadOwned reads dir's manifest and returns the paths getvpnc owns there:
// those the manifest lists and the manifest itself. The error wraps
// fs.ErrNotExist when dir has no manifest, and is a *ManifestError when the
// manifest is there but getvpnc cannot have written it.
func loadOwned(dir, manifestPath string) (map[string]bool, error) {
	m, err := loadManifest(dir, manifestPath)
	if err != nil {
		return nil, err
	}
	owned := make(map[string]bool, len(m.Files)+1)
	for _, f := range m.Files {
		owned[f.Path] = true
	}
	owned[manifestPath] = true
	return owned, nil
}

// manifestReadError classifies a failure to read dir's manifest at full:
// missing (wraps fs.ErrNotExist), refused for what it is (a
// *ManifestError), or I/O.
func manifestReadError(dir, full string, err error) error {
	var ie *infile.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s has no getvpnc manifest: %w", dir, err)
	case errors.As(err, &ie) && ie.Refused():
		return &ManifestError{Path: full, Err: err}
	}
	return fmt.Errorf("reading the manifest: %w", err)
}

// Owned returns the slash-separated paths getvpnc owns in dir, sorted: the
// files dir's manifest lists and the manifest itself, whether or not they are
// present. The error wraps fs.ErrNotExist when dir has no manifest and is a
// *ManifestError when the manifest was not written by getvpnc.
func Owned(dir string, opts Options) ([]string, error) {
	owned, err := loadOwned(dir, opts.ManifestPath)
	if err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(owned)), nil
}

// Read loads the files getvpnc owns in dir (see Owned), sorted by path, so
// that `compile --check` can compare them with a fresh rendering. Owned paths
// that are missing from dir are left out, which a comparison reports as a
// difference. An owned path that is not a regular file is an error, and so is
// one reached through a symbolic link: Read never returns data from outside
// dir, nor blocks on a FIFO, nor reads more than infile.MaxManifest of a
// file. The error wraps fs.ErrNotExist when dir has no manifest.
func Read(dir string, opts Options) ([]File, error) {
	owned, err := Owned(dir, opts)
	if err != nil {
		return nil, err
	}
	r := newTreeReader(dir)
	defer r.close()
	var files []File
	for _, p := range owned {
		data, mode, err := r.read(p, "a file of the output directory", infile.MaxManifest)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading owned file %s: %w", p, err)
		}
		files = append(files, File{Path: p, Data: data, Mode: mode})
	}
	return files, nil
}
