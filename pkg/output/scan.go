package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// current is what an existing output directory holds, sorted into what
// getvpnc owns and what it does not.
type current struct {
	dir string
	// owned is the set of paths the manifest grants (nil: no manifest).
	owned map[string]bool
	// files is the set of owned regular files present. Their modes are
	// read only when compared (holds), with their content.
	files map[string]bool
	// dirs is the set of subdirectories present.
	dirs map[string]bool
	// foreign lists, sorted, what getvpnc does not own: every entry that is
	// neither a directory nor an owned regular file. Without a manifest,
	// when there is nothing but directories, it lists those (with a
	// trailing slash) instead, so that "not empty" is never silently
	// taken for "owned".
	foreign []string
}

// empty reports whether the directory holds nothing at all.
func (c *current) empty() bool {
	return len(c.files) == 0 && len(c.dirs) == 0 && len(c.foreign) == 0
}

// holdsKeys reports whether the directory holds anything under keys/, where
// getvpnc keeps the key bundles.
func (c *current) holdsKeys() bool {
	for p := range c.files {
		if strings.HasPrefix(p, "keys/") {
			return true
		}
	}
	return c.dirs["keys"] || slices.ContainsFunc(c.foreign, func(p string) bool { return strings.HasPrefix(p, "keys") })
}

// scan reads the tree at dir. It returns nil when dir does not exist.
func scan(dir, manifestPath string) (*current, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inspecting output directory: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("output directory %s exists and is not a directory: %w", dir, syscall.ENOTDIR)
	}

	owned, err := loadOwned(dir, manifestPath)
	var merr *ManifestError
	switch {
	case errors.As(err, &merr):
		guard := *merr
		guard.Dir = dir
		return nil, &guard
	case errors.Is(err, fs.ErrNotExist):
		owned = nil
	case err != nil:
		return nil, err
	}

	c := &current{dir: dir, owned: owned, files: make(map[string]bool, len(owned)), dirs: map[string]bool{}}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("inspecting output directory: %w", err)
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			c.dirs[rel] = true
		case d.Type().IsRegular() && owned[rel]:
			c.files[rel] = true
		default:
			// Symbolic links, devices, sockets and files the manifest
			// does not list; a link is never followed.
			c.foreign = append(c.foreign, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if owned == nil && len(c.foreign) == 0 {
		for _, d := range slices.Sorted(maps.Keys(c.dirs)) {
			c.foreign = append(c.foreign, d+"/")
		}
	}
	slices.Sort(c.foreign)
	return c, nil
}

// holds reports whether the directory already holds exactly files: the same
// set of paths and no other directories, the same bytes and the same
// permission bits. Directory modes are not compared. It stops at the
// first difference, and compares the manifest first: it lists every
// file with its size (and, for a file without secrets, its sha256), so a
// tree that changed almost always shows it there, before the other files
// are read. Each file is read once.
func (c *current) holds(files []File, manifestPath string) (bool, error) {
	if len(c.files) != len(files) || !maps.Equal(c.dirs, impliedDirs(files)) {
		return false, nil
	}
	for _, f := range files {
		if !c.files[f.Path] {
			return false, nil
		}
	}
	r := newTreeReader(c.dir)
	defer r.close()
	same := func(f File) (bool, error) {
		data, mode, err := r.read(f.Path, "a file of the output directory", infile.MaxManifest)
		if err != nil {
			return false, fmt.Errorf("comparing with the existing output: %w", err)
		}
		return mode == f.Mode.Perm() && bytes.Equal(data, f.Data), nil
	}
	for _, f := range files {
		if f.Path == manifestPath {
			if ok, err := same(f); !ok || err != nil {
				return false, err
			}
		}
	}
	for _, f := range files {
		if f.Path == manifestPath {
			continue
		}
		if ok, err := same(f); !ok || err != nil {
			return false, err
		}
	}
	return true, nil
}

// impliedDirs returns the set of directories, other than the root, that a
// tree holding files has.
func impliedDirs(files []File) map[string]bool {
	dirs := make(map[string]bool)
	for _, f := range files {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}
