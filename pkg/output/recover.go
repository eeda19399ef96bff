package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// leftover is a hidden tree beside the output directory that a run killed
// in the middle of Write left behind (see the infixes in swap.go).
type leftover struct {
	path  string
	infix string // newInfix or oldInfix
}

// findLeftovers lists the leftovers of the directory name in parent, sorted.
func findLeftovers(parent, name string) ([]leftover, error) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, fmt.Errorf("looking for leftovers of an earlier run beside %s: %w", name, err)
	}
	re := leftoverPattern(name)
	var out []leftover
	for _, e := range entries {
		if m := re.FindStringSubmatch(e.Name()); m != nil && e.IsDir() {
			out = append(out, leftover{filepath.Join(parent, e.Name()), m[1]})
		}
	}
	return out, nil
}

// incomplete says why dir is not a complete getvpnc tree — a manifest
// getvpnc wrote, every file it lists present as a regular file, nothing
// else — or returns "" when it is one. A missing dir is "it is missing".
func incomplete(dir, manifestPath string) string {
	c, err := scan(dir, manifestPath)
	switch {
	case err != nil:
		return err.Error()
	case c == nil:
		return "it is missing"
	case c.owned == nil:
		return "it has no manifest"
	case len(c.foreign) > 0:
		return "it holds files getvpnc did not write (" + listPaths(c.foreign) + ")"
	}
	var missing []string
	for p := range c.owned {
		if _, ok := c.files[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return "its manifest lists " + listPaths(missing) + ", missing from it"
	}
	return ""
}

// holdsKeys reports whether tree holds anything under keys/, where getvpnc
// keeps the key bundles: the one thing a rerun cannot make again. An
// unreadable tree counts as holding keys.
func holdsKeys(tree string) bool {
	entries, err := os.ReadDir(filepath.Join(tree, "keys"))
	return len(entries) > 0 || (err != nil && !errors.Is(err, fs.ErrNotExist))
}

// checkLeftover says why getvpnc cannot prove that it wrote everything in
// the leftover tree, or returns "" when it can. Write builds a tree
// manifest first (see buildTree), so a tree a killed run leaves holds
// either a manifest listing every file in it (an old tree always does, as
// only an owned, non-empty directory is ever moved aside), or — a new tree
// killed while its manifest was written — nothing but that partial
// manifest and empty directories. Anything else may hold files getvpnc did
// not write, and is never removed.
func checkLeftover(l leftover, manifestPath string) (string, error) {
	c, err := scan(l.path, manifestPath)
	var merr *ManifestError
	switch {
	case errors.As(err, &merr):
		if l.infix == newInfix && onlyPartialManifest(l.path, manifestPath) {
			return "", nil
		}
		others, werr := filesIn(l.path, manifestPath)
		if werr != nil {
			return "", werr
		}
		return fmt.Sprintf("its %s is not one getvpnc wrote (%v), and it holds %s", manifestPath, merr.Err, listPaths(others)), nil
	case err != nil:
		return "", err
	case c == nil:
		return "", nil
	case len(c.foreign) == 0:
		return "", nil
	case c.owned == nil && strings.HasSuffix(c.foreign[0], "/"):
		return "", nil // nothing but empty directories
	case c.owned == nil:
		return "it holds files but no manifest listing them (" + listPaths(c.foreign) + "), so they may not be getvpnc's", nil
	}
	return "it holds files getvpnc did not write (" + listPaths(c.foreign) + ")", nil
}

// onlyPartialManifest reports whether tree holds nothing but directories
// and, at manifestPath, a regular file no larger than a manifest can be:
// what a new tree killed while its manifest was written holds.
func onlyPartialManifest(tree, manifestPath string) bool {
	others, err := filesIn(tree, manifestPath)
	if err != nil || len(others) > 0 {
		return false
	}
	fi, err := lstatInside(tree, manifestPath)
	return err == nil && fi.Mode().IsRegular() && fi.Size() <= infile.MaxManifest
}

// filesIn lists, sorted and slash-separated, every entry below tree that
// is not a directory, except a regular file at manifestPath.
func filesIn(tree, manifestPath string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(tree, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != manifestPath || !d.Type().IsRegular() {
			out = append(out, rel)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// recoverLeftovers settles what a run killed during Write left beside t's
// directory, before anything is decided from its contents. Only what
// cannot lose anything is done:
//
//   - the directory is missing and exactly one old tree is beside it (a
//     crash between the two renames of the fallback swap): the old tree is
//     put back;
//   - a leftover getvpnc cannot prove it wrote entirely (see
//     checkLeftover) is refused;
//   - then a leftover is removed when the directory is a complete getvpnc
//     tree (the swap either never happened or finished: the leftover is an
//     unfinished new tree or the replaced old one), or when the leftover
//     holds no key bundle;
//   - anything else — several old trees and no directory, a leftover
//     holding keys beside an incomplete or missing directory — is refused with a
//     *RecoveryError saying which directory to move where.
//
// With ReadOnly nothing is changed: removable leftovers are ignored, and a
// tree that would be put back is refused with the command that does it.
func recoverLeftovers(t *Tree) error {
	lefts, err := findLeftovers(t.parent, t.name)
	if err != nil || len(lefts) == 0 {
		return err
	}
	mp := t.opts.ManifestPath
	state := incomplete(t.target, mp)
	if state == "it is missing" {
		var olds []string
		for _, l := range lefts {
			if l.infix == oldInfix {
				olds = append(olds, l.path)
			}
		}
		switch {
		case len(olds) > 1:
			steps := []string{fmt.Sprintf("look into %s and keep the tree you want as the output: mv %s %s", listPaths(olds), shellQuote(olds[0]), shellQuote(t.target))}
			return t.refuse(fmt.Sprintf("it is missing, and %d trees of interrupted runs are beside it (%s): getvpnc cannot tell which one holds the keys in use", len(olds), listPaths(olds)), steps...)
		case len(olds) == 1 && t.opts.ReadOnly:
			return t.refuse(fmt.Sprintf("a run was killed while replacing it: it is missing and the previous tree is %s", olds[0]),
				"run the same compile without --check (it puts the tree back first), or: mv "+shellQuote(olds[0])+" "+shellQuote(t.target))
		case len(olds) == 1:
			if err := os.Rename(olds[0], t.target); err != nil {
				return fmt.Errorf("putting back %s, the output a killed earlier run had moved aside, as %s: %w", olds[0], t.dir, err)
			}
			lefts = slices.DeleteFunc(lefts, func(l leftover) bool { return l.path == olds[0] })
			state = incomplete(t.target, mp)
		}
	}
	for _, l := range lefts {
		why, err := checkLeftover(l, mp)
		if err != nil {
			return t.refuse(fmt.Sprintf("%s, left by an interrupted run, cannot be checked: %v", l.path, err),
				"look into it and keep what you need (a key bundle under keys/ may be the only copy of a key), then remove it: rm -r "+shellQuote(l.path))
		}
		if why != "" {
			return t.refuse(fmt.Sprintf("%s, left by an interrupted run, is not as getvpnc leaves one: %s", l.path, why),
				"move away what you need of it (a key bundle under keys/ may be the only copy of a key), then remove it: rm -r "+shellQuote(l.path))
		}
		if state != "" && holdsKeys(l.path) {
			what := "it is not a complete getvpnc tree (" + state + ")"
			steps := []string{
				"if " + l.path + " is the output you want: mv " + shellQuote(t.target) + " " + shellQuote(t.target+".broken") + " && mv " + shellQuote(l.path) + " " + shellQuote(t.target),
				"if not: rm -r " + shellQuote(l.path),
			}
			if state == "it is missing" {
				what = "it is missing"
				steps[0] = "if " + l.path + " is the output you want: mv " + shellQuote(l.path) + " " + shellQuote(t.target)
			}
			return t.refuse(fmt.Sprintf("%s, and %s, left by an interrupted run, holds key bundles: getvpnc cannot tell which holds the keys in use", what, l.path), steps...)
		}
	}
	if t.opts.ReadOnly {
		return nil
	}
	for _, l := range lefts {
		if err := removeAllManifestLast(l.path, mp); err != nil {
			return fmt.Errorf("removing %s, left by an interrupted earlier run: %w", l.path, err)
		}
	}
	return nil
}

func (t *Tree) refuse(problem string, steps ...string) error {
	return &RecoveryError{Dir: t.dir, Problem: problem, Steps: steps}
}

// shellQuote spells a path so it can be pasted into a POSIX shell: as is
// when it holds only safe characters, else in single quotes. Control
// characters are shown as Go escapes so nothing reaches the terminal raw.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/._-+,:@%", r)))
	}) < 0
	if safe {
		return s
	}
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return fmt.Sprintf("%q", s)
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
