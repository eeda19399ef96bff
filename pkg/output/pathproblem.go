package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// PathProblem explains why dir could not be used when an operation on it
// failed with err: an element of the path is a file, or a symbolic link
// to nothing. Both are the user's to fix, so they come back as a
// *DirError; any other error gives nil (an I/O failure).
func PathProblem(dir string, err error) *DirError {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		path, what := notDir(dir)
		return &DirError{Dir: shellQuote(dir), Problem: shellQuote(path) + " is " + what + ", not a directory", Step: "choose another -o"}
	case errors.Is(err, fs.ErrNotExist):
		if link, target := linkToNothing(dir); link != "" {
			return &DirError{Dir: shellQuote(dir), Problem: shellQuote(link) + " is a symbolic link to " + shellQuote(target) + ", which does not exist", Step: "create that directory or choose another -o"}
		}
	}
	return nil
}

// notDir names the first element of path that exists and is not a
// directory (path itself when none is found), and what it is.
func notDir(path string) (string, string) {
	for _, d := range ancestors(path) {
		if fi, err := os.Lstat(d); err == nil && !fi.IsDir() {
			return d, infile.TypeName(fi.Mode())
		}
	}
	return filepath.Clean(path), "a file"
}

// linkToNothing finds the first element of path that is a symbolic link to
// nothing, and where it points; "" when there is none.
func linkToNothing(path string) (link, target string) {
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
