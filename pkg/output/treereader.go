package output

import (
	"io/fs"
	"os"
)

// treeReader reads the files of one output directory, as readInside
// does (a regular file, reached through no symbolic link, within a
// limit), with the fewest system calls: where openat2 is available, one
// open relative to the directory replaces an lstat of every element of
// the path, and the file's mode comes from the same fstat that checks
// it. Comparing a tree of 16000 files is mostly these calls.
type treeReader struct {
	root string
	// dir is root opened, for readBeneath; nil when it cannot be
	// opened, and readInside does all the reading.
	dir *os.File
}

// newTreeReader prepares to read the files of root.
func newTreeReader(root string) *treeReader {
	r := &treeReader{root: root}
	if d, err := os.Open(root); err == nil {
		r.dir = d
	}
	return r
}

// close releases the directory.
func (r *treeReader) close() {
	if r.dir != nil {
		r.dir.Close()
	}
}

// read returns the content and permission bits of rel, or the error
// readInside gives (wrapping fs.ErrNotExist when it is missing).
func (r *treeReader) read(rel, kind string, limit int64) ([]byte, fs.FileMode, error) {
	if r.dir != nil && checkPath(rel) == nil {
		if data, mode, ok := readBeneath(r.dir, rel, limit); ok {
			return data, mode, nil
		}
	}
	// The slow way, which also words every refusal.
	data, err := readInside(r.root, rel, kind, limit)
	if err != nil {
		return nil, 0, err
	}
	fi, err := lstatInside(r.root, rel)
	if err != nil {
		return nil, 0, err
	}
	return data, fi.Mode().Perm(), nil
}
