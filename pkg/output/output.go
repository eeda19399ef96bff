// Package output is getvpnc's write stage. Every earlier stage works in
// memory; this package takes the complete list of rendered files and makes the
// output directory hold exactly those files.
//
// The replacement is atomic. The new tree is built in a hidden sibling
// directory, every file and directory is fsync'd, and the tree is swapped in
// with a single rename, so after an error or a crash the output directory
// holds either the old complete tree or the new complete one, never a mix.
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

// Options configures Write, Read and Owned.
type Options struct {
	// ManifestPath is the slash-separated path, relative to the output
	// directory, of the manifest: the JSON file whose "files" list names every
	// file getvpnc wrote, for example "manifest.json".
	ManifestPath string
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
)

// Write replaces the directory dir with a tree holding exactly files.
//
// The paths must be valid (see File.Path), unique, and no file may also be a
// parent directory of another; the manifest named by opts.ManifestPath must be
// among files and list every other file. Breaking these rules is a bug in the
// caller and is reported as an error before anything is touched.
//
// Missing parent directories of dir are created with mode 0755, as mkdir -p
// would. If dir is a symbolic link, the directory it points to is replaced and
// the link is kept. Directories of the new tree get mode 0700, dir included.
//
// If dir does not exist or is empty, the new tree is renamed into place. If it
// holds only files getvpnc owns (see Owned), the new tree is swapped with it
// in one atomic rename (renameat2 RENAME_EXCHANGE on Linux) and the old tree is
// then removed. Where the file system cannot exchange, dir is renamed aside
// and the new tree renamed into its place: a crash between those two renames
// leaves no dir at all, and the next Write puts the old tree back first.
//
// If dir holds anything else, Write returns a *ForeignFilesError and changes
// nothing; a manifest that getvpnc cannot have written gives a
// *ManifestError. If dir already holds exactly files, Write touches nothing and
// reports Unchanged.
//
// Write serialises with other Writes to the same parent directory through an
// advisory lock on the parent (where the platform has flock), and removes
// hidden directories named like its own temporary trees for dir, which a
// crashed earlier run left behind. When the new tree is in place but the old
// one cannot be fully removed, Write returns the Result together with a
// *CleanupError.
func Write(dir string, files []File, opts Options) (Result, error) {
	if err := validateFiles(files, opts); err != nil {
		return Result{}, err
	}
	target, err := resolveDir(dir)
	if err != nil {
		return Result{}, err
	}
	parent, name := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, fmt.Errorf("creating the parent of output directory %s: %w", dir, err)
	}
	unlock, err := lockDir(parent)
	if err != nil {
		return Result{}, fmt.Errorf("locking %s against concurrent runs: %w", parent, err)
	}
	defer unlock()

	if err := recoverLeftovers(parent, name); err != nil {
		return Result{}, err
	}
	cur, err := scan(target, opts.ManifestPath)
	if err != nil {
		return Result{}, err
	}
	if cur != nil {
		if len(cur.foreign) > 0 {
			return Result{}, &ForeignFilesError{Dir: dir, Paths: cur.foreign}
		}
		same, err := cur.holds(files)
		if err != nil {
			return Result{}, err
		}
		if same {
			return Result{Unchanged: true}, nil
		}
	}

	tmp, err := os.MkdirTemp(parent, tempPrefix(name, newInfix))
	if err != nil {
		return Result{}, fmt.Errorf("creating a temporary directory next to %s: %w", dir, err)
	}
	if err := buildTree(tmp, files); err != nil {
		return Result{}, errors.Join(err, removeTemp(tmp))
	}
	res := Result{Written: len(files)}

	if cur == nil || cur.empty() {
		if err := renameOver(tmp, target); err != nil {
			return Result{}, errors.Join(fmt.Errorf("moving the new tree into %s: %w", dir, err), removeTemp(tmp))
		}
		if err := syncDir(parent); err != nil {
			return res, fmt.Errorf("flushing %s to disk after creating %s: %w", parent, dir, err)
		}
		return res, nil
	}

	if beforeSwap != nil {
		beforeSwap()
	}
	old, err := replaceTree(tmp, target)
	if err != nil {
		return Result{}, errors.Join(fmt.Errorf("replacing %s with the new tree: %w", dir, err), removeTemp(tmp))
	}
	cerr := discardOld(old, cur.owned, parent, name)
	if err := syncDir(parent); err != nil {
		return res, fmt.Errorf("flushing %s to disk after replacing %s: %w", parent, dir, err)
	}
	if cerr != nil {
		cerr.Dir = dir
		return res, cerr
	}
	return res, nil
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
		if target, err = filepath.EvalSymlinks(target); err != nil {
			return "", fmt.Errorf("resolving output directory %s: %w", dir, err)
		}
	}
	if b := filepath.Base(target); b == "." || b == ".." {
		if target, err = filepath.Abs(target); err != nil {
			return "", fmt.Errorf("resolving output directory %s: %w", dir, err)
		}
	}
	if filepath.Dir(target) == target {
		return "", fmt.Errorf("output directory %s is a root directory; choose a directory inside it", dir)
	}
	return target, nil
}
