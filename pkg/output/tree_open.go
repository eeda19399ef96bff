package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// Tree is an output directory opened for one run: locked against other
// runs, and with the leftovers of an interrupted run repaired. A caller
// that decides anything from the directory's old contents (getvpnc reuses
// the key bundle it finds there) opens it first, decides, writes and then
// closes it, so no other run can change the directory in between.
type Tree struct {
	dir, target, parent, name string
	opts                      Options
	unlock                    func()
	// created lists the missing parent directories Open made, deepest
	// last; Close removes those still empty when nothing was written.
	created []string
	written bool
}

// Open resolves dir (see Write for symbolic links and "."), takes the lock
// and recovers from an interrupted earlier run, before the caller looks at
// the directory. The lock is an flock on dir's parent directory, exclusive
// (shared with ReadOnly), held until Close. Without ReadOnly, missing
// parents of dir are created (0755, as mkdir -p) and removed again by Close
// if nothing was written; with ReadOnly nothing is created.
//
// Recovery is conservative (see recoverLeftovers): when a crash left trees
// beside dir and it is not certain which is the output, Open returns a
// *RecoveryError naming each tree and the command that settles it, and
// changes nothing.
func Open(dir string, opts Options) (*Tree, error) {
	if err := checkPath(opts.ManifestPath); err != nil {
		return nil, fmt.Errorf("manifest path %q: %w", opts.ManifestPath, err)
	}
	target, err := resolveDir(dir)
	if err != nil {
		return nil, err
	}
	t := &Tree{dir: dir, target: target, parent: filepath.Dir(target), name: filepath.Base(target), opts: opts}
	for {
		if !opts.ReadOnly {
			made, err := mkdirAll(t.parent)
			t.created = append(t.created, made...)
			if err != nil {
				t.removeCreated()
				return nil, fmt.Errorf("creating the parent of output directory %s: %w", dir, err)
			}
		}
		t.unlock, err = lockDir(t.parent, opts.ReadOnly, opts.Waiting)
		if err == nil {
			break
		}
		if errors.Is(err, fs.ErrNotExist) {
			if opts.ReadOnly {
				// No parent: no output directory and nothing beside it.
				t.unlock = func() {}
				return t, nil
			}
			continue // removed by a run that failed: make it again
		}
		t.removeCreated()
		return nil, fmt.Errorf("locking %s against concurrent runs: %w", t.parent, err)
	}
	if err := recoverLeftovers(t); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// Dir is the directory as given to Open.
func (t *Tree) Dir() string { return t.dir }

// Close releases the lock. If Open created parent directories and nothing
// was written, those still empty are removed first, so a run that fails
// leaves no trace outside the output directory.
func (t *Tree) Close() {
	if t.unlock == nil {
		return
	}
	if !t.written {
		t.removeCreated()
	}
	t.unlock()
	t.unlock = nil
}

func (t *Tree) removeCreated() {
	for _, d := range slices.Backward(t.created) {
		if os.Remove(d) != nil {
			break
		}
	}
	t.created = nil
}

// mkdirAll is os.MkdirAll that returns the directories it made, top-down.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	var made []string
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, err
		} else if err == nil {
			made = append(made, d)
		}
	}
	if fi, err := os.Stat(dir); err != nil {
		return made, err
	} else if !fi.IsDir() {
		return made, &fs.PathError{Op: "mkdir", Path: dir, Err: syscall.ENOTDIR}
	}
	return made, nil
}

// ReadFile returns the content of the file rel (slash-separated) inside the
// output directory: a regular file reached without passing through a
// symbolic link, at most limit bytes (see infile). kind names it in
// messages. The error wraps fs.ErrNotExist when it is missing, and is an
// *infile.Error (Refused) when it is not a regular file, a link or too big.
func (t *Tree) ReadFile(rel, kind string, limit int64) ([]byte, error) {
	return readInside(t.target, rel, kind, limit)
}

// readInside reads root/rel as Tree.ReadFile describes.
func readInside(root, rel, kind string, limit int64) ([]byte, error) {
	if err := checkPath(rel); err != nil {
		return nil, err
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := lstatInside(root, rel)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &infile.Error{Path: full, Kind: kind, Inside: root, Err: fmt.Errorf("%w: it is a symbolic link, and getvpnc follows none inside the output directory", infile.ErrNotRegular)}
	}
	data, err := infile.Read(full, kind, limit)
	var ie *infile.Error
	if errors.As(err, &ie) {
		ie.Inside = root
	}
	return data, err
}

// Check refuses what Write would refuse before it builds anything: an
// output directory with a manifest getvpnc cannot have written (the error
// wraps a *ManifestError) or with files it did not write (a
// *ForeignFilesError). plan and compile run it before they decide about
// keys, so plan's verdict is compile's.
func (t *Tree) Check() error {
	_, err := t.current()
	return err
}

// current scans the output directory and refuses it as Check says; nil
// when it does not exist.
func (t *Tree) current() (*current, error) {
	cur, err := scan(t.target, t.opts.ManifestPath)
	if err != nil {
		return nil, err
	}
	if cur != nil && len(cur.foreign) > 0 {
		return nil, &ForeignFilesError{Dir: t.dir, Paths: cur.foreign, HoldsKeys: cur.holdsKeys(), Manifest: t.opts.ManifestPath}
	}
	return cur, nil
}

// Write replaces the directory with a tree holding exactly files.
//
// The paths must be valid (see File.Path), unique, and no file may also be a
// parent directory of another; the manifest named by the ManifestPath
// option must be among files and list every other file. Breaking these
// rules is a bug in the caller and is reported as an error before anything
// is touched.
//
// If the directory does not exist or is empty, the new tree is renamed into
// place. If it holds only files getvpnc owns (see Owned), the new tree is
// swapped with it in one atomic rename (renameat2 RENAME_EXCHANGE on Linux)
// and the old tree is then removed. Where the file system cannot exchange,
// the directory is renamed aside and the new tree renamed into its place: a
// crash between those two renames leaves no directory at all, and the next
// Open puts the old tree back first. Directories of the new tree get mode
// 0700, the output directory included.
//
// If the directory holds anything else, Write returns a *ForeignFilesError
// and changes nothing; a manifest that getvpnc cannot have written gives a
// *ManifestError. If it already holds exactly files, Write touches nothing
// and reports Unchanged. When the new tree is in place but the old one
// cannot be fully removed, Write returns the Result together with a
// *CleanupError.
func (t *Tree) Write(files []File) (Result, error) {
	if t.opts.ReadOnly || t.unlock == nil {
		return Result{}, errors.New("internal: writing an output directory not opened for writing")
	}
	if err := validateFiles(files, t.opts); err != nil {
		return Result{}, err
	}
	dir, target, parent, name := t.dir, t.target, t.parent, t.name
	cur, err := t.current()
	if err != nil {
		return Result{}, err
	}
	if cur != nil {
		same, err := cur.holds(files, t.opts.ManifestPath)
		if err != nil {
			return Result{}, err
		}
		if same {
			t.written = true
			return Result{Unchanged: true}, nil
		}
	}

	tmp, err := os.MkdirTemp(parent, tempPrefix(name, newInfix))
	if err != nil {
		return Result{}, fmt.Errorf("creating a temporary directory next to %s: %w", dir, err)
	}
	if err := buildTree(tmp, files, t.opts.ManifestPath); err != nil {
		return Result{}, errors.Join(err, removeTemp(tmp))
	}
	res := Result{Written: len(files)}
	at(AfterBuild)

	if cur == nil || cur.empty() {
		if err := renameOver(tmp, target); err != nil {
			return Result{}, errors.Join(fmt.Errorf("moving the new tree into %s: %w", dir, err), removeTemp(tmp))
		}
		t.written = true
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
	t.written = true
	at(AfterSwap)
	cerr := discardOld(old, cur.owned, t.opts.ManifestPath, parent, name)
	if err := syncDir(parent); err != nil {
		return res, fmt.Errorf("flushing %s to disk after replacing %s: %w", parent, dir, err)
	}
	if cerr != nil {
		cerr.Dir = dir
		return res, cerr
	}
	return res, nil
}
