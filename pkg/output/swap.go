package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Infixes of the hidden sibling directories Write uses for DIR: a tree being
// built (and, after an exchange, the old tree awaiting removal) is
// .DIR.getvpnc-new-N, an old tree moved aside by the fallback swap is
// .DIR.getvpnc-old-N; the next run puts back or removes what a crash leaves
// of them, or refuses when that could lose something (see recoverLeftovers).
// A previous tree that held files getvpnc did not write is moved to
// .DIR.getvpnc-kept-N, which no run ever removes.
const (
	newInfix  = "new"
	oldInfix  = "old"
	keptInfix = "kept"
)

// errExchangeUnsupported is wrapped by exchange when the platform or the file
// system cannot swap two directories atomically.
var errExchangeUnsupported = errors.New("atomic directory exchange is not supported here")

// tempPrefix is the os.MkdirTemp pattern for a sibling of the directory name.
func tempPrefix(name, infix string) string {
	return "." + name + ".getvpnc-" + infix + "-"
}

// leftoverPattern matches exactly the names os.MkdirTemp gives the new and
// old trees of the directory name (MkdirTemp appends decimal digits).
func leftoverPattern(name string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(name) + `\.getvpnc-(` + newInfix + `|` + oldInfix + `)-[0-9]+$`)
}

// reserveName returns an unused hidden sibling name for name. The lock Write
// holds on parent keeps other runs from taking it before it is used.
func reserveName(parent, name, infix string) (string, error) {
	d, err := os.MkdirTemp(parent, tempPrefix(name, infix))
	if err != nil {
		return "", err
	}
	return d, os.Remove(d)
}

// renameOver moves the tree tmp to target, which is missing or an empty
// directory. rename(2) replaces an empty directory on Linux and other POSIX
// systems; elsewhere the empty directory is removed first.
func renameOver(tmp, target string) error {
	err := os.Rename(tmp, target)
	if err == nil || !errors.Is(err, fs.ErrExist) {
		return err
	}
	if rerr := os.Remove(target); rerr != nil {
		return err // not empty (any more): keep it
	}
	return os.Rename(tmp, target)
}

// replaceTree puts the complete tree tmp in place of the tree at target and
// returns where the previous tree went. On error, target holds the previous
// tree again (or, if even that failed, the error says where it is) and tmp
// still holds the new one.
func replaceTree(tmp, target string) (string, error) {
	err := fmt.Errorf("%w (forced by a test)", errExchangeUnsupported)
	if !Hooks.NoExchange {
		err = exchange(tmp, target)
	}
	if err == nil {
		return tmp, nil
	}
	if !errors.Is(err, errExchangeUnsupported) {
		return "", err
	}
	// Two renames. Between them target does not exist; a crash there is
	// repaired by recoverLeftovers at the start of the next run.
	parent, name := filepath.Dir(target), filepath.Base(target)
	old, err := reserveName(parent, name, oldInfix)
	if err != nil {
		return "", err
	}
	if err := os.Rename(target, old); err != nil {
		return "", err
	}
	at(BetweenRenames)
	if err := os.Rename(tmp, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return "", fmt.Errorf("%w; putting the previous tree back failed too (%v): it is in %s", err, rerr, old)
		}
		return "", err
	}
	return old, nil
}

// discardOld removes the previous tree at old, which the swap moved out of
// the output directory. It deletes only what owned grants, so a file someone
// added after the directory was checked survives: the tree is then moved to
// a .getvpnc-kept- name, which no later run removes, and reported. The
// manifest at manifestPath goes last, after every file it lists and every
// other directory: a kill midway leaves a tree that still proves it is
// getvpnc's, which the next run removes (README "Crash and concurrency
// guarantees").
func discardOld(old string, owned map[string]bool, manifestPath, parent, name string) *CleanupError {
	var kept []string
	if err := pruneOwned(old, ".", owned, manifestPath, &kept); err != nil {
		return &CleanupError{Path: old, Err: err}
	}
	if len(kept) == 0 {
		if err := removeManifestLast(old, manifestPath); err != nil {
			return &CleanupError{Path: old, Err: err}
		}
		return nil
	}
	// What is kept is not getvpnc's: the manifest goes, as it proves
	// nothing about the rest (a kill before the move leaves a tree the
	// next run refuses either way, for the files it does not own).
	if err := os.Remove(filepath.Join(old, filepath.FromSlash(manifestPath))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &CleanupError{Path: old, Kept: kept, Err: err}
	}
	cerr := &CleanupError{Path: old, Kept: kept}
	if keep, err := reserveName(parent, name, keptInfix); err == nil && os.Rename(old, keep) == nil {
		cerr.Path = keep
	}
	return cerr
}

// pruneOwned removes, below root/rel, the regular files owned grants and the
// directories left empty; it appends everything else to kept. The file
// last and the directories on its path are left for removeManifestLast.
func pruneOwned(root, rel string, owned map[string]bool, last string, kept *[]string) error {
	full := filepath.Join(root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(full)
	if err != nil {
		return err
	}
	before := len(*kept)
	for _, e := range entries {
		r := path.Join(rel, e.Name())
		switch {
		case r == last && e.Type().IsRegular():
		case e.IsDir():
			if err := pruneOwned(root, r, owned, last, kept); err != nil {
				return err
			}
		case e.Type().IsRegular() && owned[r]:
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(r))); err != nil {
				return err
			}
			at(WhileDiscarding)
		default:
			*kept = append(*kept, r)
		}
	}
	if len(*kept) > before || onPath(rel, last) {
		return nil
	}
	if err := os.Remove(full); err != nil {
		return err
	}
	at(WhileDiscarding)
	return nil
}

// removeAllManifestLast removes the tree root, which recovery has proved
// to be getvpnc's, everything but the manifest at last first, so that a
// kill midway leaves a tree that still proves it.
func removeAllManifestLast(root, last string) error {
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			r := path.Join(rel, e.Name())
			switch {
			case r == last:
			case e.IsDir() && onPath(r, last):
				if err := walk(r); err != nil {
					return err
				}
			default:
				if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(r))); err != nil {
					return err
				}
				at(WhileDiscarding)
			}
		}
		return nil
	}
	if err := walk("."); err != nil {
		return err
	}
	return removeManifestLast(root, last)
}

// removeManifestLast removes the file last below root, then the
// directories on its path, root included, which must be empty by then.
func removeManifestLast(root, last string) error {
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(last))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	at(WhileDiscarding)
	for d := path.Dir(last); ; d = path.Dir(d) {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(d))); err != nil {
			return err
		}
		at(WhileDiscarding)
		if d == "." {
			return nil
		}
	}
}

// onPath reports whether the directory rel (slash-separated, "." for the
// root) holds the file last, directly or below.
func onPath(rel, last string) bool {
	return rel == "." || strings.HasPrefix(last, rel+"/")
}
