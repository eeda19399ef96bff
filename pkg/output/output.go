// Package output is getvpnc's write stage. Every earlier stage works in
// memory; this package takes the complete list of rendered files and makes the
// output directory hold exactly those files.
//
// The replacement is atomic. The new tree is built in a hidden sibling
// directory and made durable before it is swapped in with a single
// rename, so after an error or a crash the output directory holds either
// the old complete tree or the new complete one, never a mix. Durable
// means: the manifest is fsync'd, with its directories, before any other
// file is created; then, once every other file is written, one
// syncfs(2) of the file system flushes all of them (on Linux; elsewhere,
// or where the kernel has no syncfs, each file is fsync'd), the
// directories are fsync'd, and only then is the tree renamed into place
// and the parent directory fsync'd. A file is never renamed into the
// output directory before its data is on disk, as with an fsync per
// file, at the cost of one flush instead of one per file (see
// buildTree).
//
// Ownership is tracked through the manifest getvpnc writes into the tree: the
// files its "files" list names, the manifest itself, and directories holding
// nothing else belong to getvpnc. Write refuses to replace a directory that
// holds anything else, so it never deletes a file getvpnc did not write.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// File is one rendered output file.
type File struct {
	// Path is slash-separated and relative to the output directory. It must
	// be clean (path.Clean leaves it as is), with no "..", "." or empty
	// element, no leading slash and no backslash.
	Path string
	// Data is the complete content of the file.
	Data []byte
	// Mode holds the permission bits the file gets, exactly (the umask does
	// not apply): 0600 for secret-bearing files, 0644 otherwise.
	Mode fs.FileMode
}

// Options configures Open, Write, Read and Owned.
type Options struct {
	// ManifestPath is the slash-separated path, relative to the output
	// directory, of the manifest: the JSON file whose "files" list names every
	// file getvpnc wrote, for example "manifest.json".
	ManifestPath string
	// ReadOnly opens the directory to read it only (compile --check, plan):
	// nothing is created, the lock is shared, and leftovers of an
	// interrupted run that would need repair are refused instead of
	// repaired.
	ReadOnly bool
	// Waiting, when set, is called once if another run holds the lock, just
	// before Open starts to wait for it.
	Waiting func()
}

// Result says what Write did.
type Result struct {
	// Unchanged is true when the directory already held exactly the files
	// given, byte for byte and mode for mode; nothing was touched.
	Unchanged bool
	// Written is the number of files written (0 when Unchanged).
	Written int
}

// Test hooks. They are nil or the real implementation outside tests.
var (
	// beforeWrite is called after a file is created in the new tree and
	// before its data is written; an error aborts the build.
	beforeWrite func(rel string) error
	// beforeSwap is called once the new tree is complete, just before it
	// replaces an existing tree.
	beforeSwap func()
	// exchange atomically swaps two directories; it returns an error
	// wrapping errExchangeUnsupported where the platform or file system
	// cannot, which selects the two-rename fallback.
	exchange = renameExchange
	// flushFS makes a whole tree durable (syncFS); an error wrapping
	// errSyncFSUnsupported selects the fsync of each file (fsyncFile).
	flushFS   = syncFS
	fsyncFile = syncFile
)

// hookMu serializes the calls of the beforeWrite test hook, which
// writeFiles makes from several goroutines.
var hookMu sync.Mutex

// callBeforeWrite calls beforeWrite, when set, under hookMu.
func callBeforeWrite(rel string) error {
	if beforeWrite == nil {
		return nil
	}
	hookMu.Lock()
	defer hookMu.Unlock()
	return beforeWrite(rel)
}

// Write is Open, Tree.Write and Close in one call, for a caller that
// decides nothing from the directory's old contents.
func Write(dir string, files []File, opts Options) (Result, error) {
	if err := validateFiles(files, opts); err != nil {
		return Result{}, err
	}
	t, err := Open(dir, opts)
	if err != nil {
		return Result{}, err
	}
	defer t.Close()
	return t.Write(files)
}

// resolveDir turns dir into the path whose last element Write replaces: it
// makes names like "." or ".." absolute so the directory has a real name and
// a parent, and follows a symbolic link so the link itself survives.
func resolveDir(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("no output directory given")
	}
	target := filepath.Clean(dir)
	fi, err := os.Lstat(target)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		link := target
		if target, err = filepath.EvalSymlinks(link); err != nil {
			return "", danglingLink(dir, link, err)
		}
	}
	if b := filepath.Base(target); b == "." || b == ".." {
		if target, err = filepath.Abs(target); err != nil {
			return "", fmt.Errorf("resolving output directory %s: %w", dir, err)
		}
	}
	if filepath.Dir(target) == target {
		return "", &DirError{Dir: shellQuote(dir), Problem: "it is a root directory, which getvpnc cannot replace", Step: "give a directory inside it, for example -o " + shellQuote(filepath.Join(target, "getvpnc-out"))}
	}
	return target, nil
}

// danglingLink explains why the symbolic link link (the output directory
// dir as given) could not be followed: a target that does not exist is
// the user's to create (a *DirError); other errors are I/O.
func danglingLink(dir, link string, err error) error {
	dest, rerr := os.Readlink(link)
	if rerr != nil {
		return fmt.Errorf("resolving output directory %s: %w", dir, err)
	}
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(filepath.Dir(link), dest)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &DirError{Dir: shellQuote(dir), Problem: "it is a symbolic link to " + shellQuote(dest) + ", which does not exist",
			Step: "create the directory it names (mkdir -p " + shellQuote(dest) + "), or remove the link (rm " + shellQuote(link) + ") so getvpnc creates the directory"}
	case errors.Is(err, syscall.ELOOP), errors.Is(err, syscall.ENOTDIR):
		return &DirError{Dir: shellQuote(dir), Problem: "it is a symbolic link that does not lead to a directory (" + err.Error() + ")",
			Step: "point it at a directory, or remove it (rm " + shellQuote(link) + ")"}
	}
	return fmt.Errorf("resolving output directory %s: %w", dir, err)
}
