package output

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// buildTree writes files into the empty directory root and makes everything
// durable: each file is written completely, given its mode and fsync'd, and
// then every directory is fsync'd so the entries themselves survive a crash.
// Directories, root included, get mode 0700 whatever the umask.
//
// The manifest (manifestPath) is written first and made durable, with its
// directory entries, before any other file is created. So whatever a kill
// or a power loss leaves of the tree is one of two states recoverLeftovers
// can prove to be getvpnc's: nothing but a partial manifest (and empty
// directories), or a complete manifest that lists every file beside it.
func buildTree(root string, files []File, manifestPath string) error {
	if err := os.Chmod(root, 0o700); err != nil {
		return fmt.Errorf("preparing the new tree: %w", err)
	}
	sorted := slices.SortedFunc(slices.Values(files), func(a, b File) int {
		if am, bm := a.Path == manifestPath, b.Path == manifestPath; am != bm {
			if am {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Path, b.Path)
	})
	made := map[string]bool{".": true}
	dirs := []string{root}
	for _, f := range sorted {
		// Create missing parents top-down.
		var missing []string
		for d := path.Dir(f.Path); !made[d]; d = path.Dir(d) {
			missing = append(missing, d)
		}
		for _, d := range slices.Backward(missing) {
			full := filepath.Join(root, filepath.FromSlash(d))
			if err := os.Mkdir(full, 0o700); err != nil {
				return fmt.Errorf("creating directory %s in the new tree: %w", d, err)
			}
			if err := os.Chmod(full, 0o700); err != nil {
				return fmt.Errorf("creating directory %s in the new tree: %w", d, err)
			}
			made[d] = true
			dirs = append(dirs, full)
		}
		if err := writeFile(root, f); err != nil {
			return fmt.Errorf("writing %s in the new tree: %w", f.Path, err)
		}
		if f.Path == manifestPath {
			if err := syncDirs(dirs); err != nil {
				return err
			}
			at(AfterManifest)
		}
	}
	return syncDirs(dirs)
}

// syncDirs fsyncs dirs, children before parents, so each parent's sync
// covers a final listing.
func syncDirs(dirs []string) error {
	for _, d := range slices.Backward(dirs) {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("flushing the new tree to disk: %w", err)
		}
	}
	return nil
}

// writeFile creates f under root. The file is created 0600 so a secret is
// never readable by others while it is being written, and gets f.Mode only
// once its data is complete.
func writeFile(root string, f File) (err error) {
	full := filepath.Join(root, filepath.FromSlash(f.Path))
	w, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}()
	if beforeWrite != nil {
		if err := beforeWrite(f.Path); err != nil {
			return err
		}
	}
	if _, err := w.Write(f.Data); err != nil {
		return err
	}
	if err := w.Chmod(f.Mode.Perm()); err != nil {
		return err
	}
	return w.Sync()
}

// removeTemp removes a temporary tree Write created; it is entirely
// getvpnc's, so everything in it goes.
func removeTemp(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("removing temporary directory: %w", err)
	}
	return nil
}
