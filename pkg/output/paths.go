package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// checkPath reports why p cannot name a file inside the output directory, or
// nil. Valid paths are relative, slash-separated, already clean and stay
// inside the directory on every platform, so they can be joined to it without
// any escaping.
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("path is empty")
	case strings.ContainsRune(p, '\\'):
		return errors.New("path contains a backslash; use forward slashes")
	case strings.ContainsRune(p, 0):
		return errors.New("path contains a NUL byte")
	case strings.HasPrefix(p, "/"):
		return errors.New("path is absolute; it must be relative to the output directory")
	case p == ".":
		return errors.New(`path "." names the output directory itself`)
	case slices.Contains(strings.Split(p, "/"), ".."):
		return errors.New(`path contains a ".." element`)
	case slices.Contains(strings.Split(p, "/"), ""):
		return errors.New("path has an empty element")
	case path.Clean(p) != p:
		return fmt.Errorf("path is not clean (want %q)", path.Clean(p))
	case !filepath.IsLocal(filepath.FromSlash(p)):
		return errors.New("path does not stay inside the output directory on this platform")
	}
	return nil
}

// validateFiles checks the caller's side of Write's contract before anything
// is touched, and reports every problem it finds in one error.
func validateFiles(files []File, opts Options) error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}

	if err := checkPath(opts.ManifestPath); err != nil {
		bad("manifest path %q: %v", opts.ManifestPath, err)
	}
	seen := make(map[string]bool, len(files))
	var manifest *File
	for i := range files {
		f := &files[i]
		if err := checkPath(f.Path); err != nil {
			bad("file %d %q: %v", i, f.Path, err)
			continue
		}
		if seen[f.Path] {
			bad("file %q is listed more than once", f.Path)
			continue
		}
		seen[f.Path] = true
		if f.Mode&^fs.ModePerm != 0 || f.Mode&0o400 == 0 {
			bad("file %q: mode %v must be permission bits that include owner read", f.Path, f.Mode)
		}
		if f.Path == opts.ManifestPath {
			manifest = f
		}
	}
	paths := slices.Sorted(maps.Keys(seen))
	// A file that is also a parent directory of another file cannot exist.
	for _, p := range paths {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if seen[d] {
				bad("file %q is also the parent directory of %q", d, p)
				break
			}
		}
	}

	if manifest == nil {
		if opts.ManifestPath != "" {
			bad("the manifest %q is not among the files", opts.ManifestPath)
		}
		return errors.Join(errs...)
	}
	// The next run decides what it may replace from this manifest: a file it
	// does not list would block every later run, and a path it lists but
	// that is not written would let a later run delete a user's file there.
	listed, err := parseManifest(manifest.Data)
	if err != nil {
		bad("the new manifest %q: %v", opts.ManifestPath, err)
		return errors.Join(errs...)
	}
	for _, p := range paths {
		if p != opts.ManifestPath && !listed[p] {
			bad("the new manifest %q does not list %q", opts.ManifestPath, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(listed)) {
		if !seen[p] {
			bad("the new manifest %q lists %q, which is not among the files", opts.ManifestPath, p)
		}
	}
	return errors.Join(errs...)
}
