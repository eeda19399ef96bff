package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// treewriteFiles is a sorted tree spread over directories of unequal
// sizes, nested, with files in the root too.
func treewriteFiles() []File {
	var files []File
	for i := range 40 {
		files = append(files, File{Path: fmt.Sprintf("gm/m%02d.ios", i), Data: []byte(fmt.Sprintf("member %d\n", i)), Mode: 0o600})
		files = append(files, File{Path: fmt.Sprintf("review/gm/m%02d.ios", i), Data: []byte(fmt.Sprintf("review %d\n", i)), Mode: 0o644})
	}
	files = append(files,
		File{Path: "keys/K.pem", Data: []byte("key\n"), Mode: 0o600},
		File{Path: "ks1.ios", Data: []byte("ks1\n"), Mode: 0o600},
		File{Path: "review/ks1.ios", Data: []byte("ks1 review\n"), Mode: 0o644})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

func mkTreeDirs(t *testing.T, root string, files []File) {
	t.Helper()
	if err := os.Chmod(root, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(path.Dir(f.Path))), 0o700); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteFilesParallel: with any number of workers every file ends up
// whole, with its mode, and nothing else is created.
func TestWriteFilesParallel(t *testing.T) {
	files := treewriteFiles()
	for _, workers := range []int{1, 2, 3, 16} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			root := t.TempDir()
			mkTreeDirs(t, root, files)
			if err := writeFiles(root, files, workers); err != nil {
				t.Fatal(err)
			}
			assertTree(t, root, files)
		})
	}
}

// TestWriteFilesReportsFirstFailureInPathOrder: when several files of a
// directory fail, the error names the first of them in path order; a
// failure stops the other goroutines, so a file after it is not written.
func TestWriteFilesReportsFirstFailureInPathOrder(t *testing.T) {
	files := treewriteFiles()
	for range 20 {
		root := t.TempDir()
		mkTreeDirs(t, root, files)
		injected := errors.New("injected")
		var after []string
		setHook(t, &beforeWrite, func(rel string) error {
			if rel == "gm/m07.ios" || rel == "gm/m20.ios" {
				return injected
			}
			if rel > "gm/m07.ios" && rel < "gm/n" {
				after = append(after, rel)
			}
			return nil
		})
		err := writeFiles(root, files, 2)
		if !errors.Is(err, injected) || !strings.Contains(err.Error(), "writing gm/m07.ios") {
			t.Fatalf("writeFiles = %v, want the injected error of gm/m07.ios", err)
		}
		if len(after) > 0 {
			t.Fatalf("went on after the failure: wrote %v", after)
		}
	}
}

// TestByDirectory: groups keep files' order, the largest group first,
// ties by directory name.
func TestByDirectory(t *testing.T) {
	files := []File{{Path: "a/x"}, {Path: "a/y"}, {Path: "b/x"}, {Path: "c/x"}, {Path: "c/y"}, {Path: "c/z"}, {Path: "r"}}
	got := byDirectory(files)
	want := [][]int{{3, 4, 5}, {0, 1}, {6}, {2}}
	// "." sorts before "b": the root's one file comes before b's.
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("byDirectory = %v, want %v", got, want)
	}
}

// TestWriteFilesErrorIsDeterministic: of two failing files in different
// directories, the error always names the first in path order, whichever
// directory's goroutine meets its failure first (the larger directory is
// started first, so b/00 fails early and a/30 late).
func TestWriteFilesErrorIsDeterministic(t *testing.T) {
	var files []File
	for i := range 40 {
		files = append(files, File{Path: fmt.Sprintf("a/%02d", i), Data: []byte("a"), Mode: 0o600})
	}
	for i := range 50 {
		files = append(files, File{Path: fmt.Sprintf("b/%02d", i), Data: []byte("b"), Mode: 0o600})
	}
	injected := errors.New("injected")
	for range 50 {
		root := t.TempDir()
		mkTreeDirs(t, root, files)
		setHook(t, &beforeWrite, func(rel string) error {
			if rel == "a/30" || rel == "b/00" {
				return injected
			}
			return nil
		})
		if err := writeFiles(root, files, 2); err == nil || !strings.Contains(err.Error(), "writing a/30 ") {
			t.Fatalf("writeFiles = %v, want the error of a/30", err)
		}
	}
}
