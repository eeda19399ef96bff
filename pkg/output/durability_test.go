package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestWriteFlushesTheTreeOnceBeforeTheSwap: the files of a new tree are
// made durable by one flush of the file system (no fsync each), and the
// flush comes before the tree is complete (AfterBuild), hence before it
// is swapped in.
func TestWriteFlushesTheTreeOnceBeforeTheSwap(t *testing.T) {
	var mu sync.Mutex // syncEach fsyncs on several goroutines
	var events []string
	setHook(t, &flushFS, func(root *os.File) error {
		err := syncFS(root)
		if errors.Is(err, errSyncFSUnsupported) {
			t.Skipf("no syncfs here: %v", err)
		}
		events = append(events, "flush")
		return err
	})
	setHook(t, &fsyncFile, func(full string) error {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, "fsync "+filepath.Base(full))
		return syncFile(full)
	})
	setHook(t, &Hooks.At, func(p Point) {
		if p == AfterBuild {
			events = append(events, "built")
		}
	})
	dir := filepath.Join(t.TempDir(), "out")
	mustWrite(t, dir, v1())
	mustWrite(t, dir, v2())
	if want := []string{"flush", "built", "flush", "built"}; !slices.Equal(events, want) {
		t.Fatalf("events %q, want %q", events, want)
	}
	assertTree(t, dir, v2())
}

// TestWriteFsyncsEachFileWithoutSyncfs: where the system has no syncfs,
// every file but the manifest (synced as it was written) gets its fsync.
func TestWriteFsyncsEachFileWithoutSyncfs(t *testing.T) {
	setHook(t, &flushFS, func(*os.File) error { return errSyncFSUnsupported })
	var mu sync.Mutex // syncEach fsyncs on several goroutines
	var synced []string
	setHook(t, &fsyncFile, func(full string) error {
		mu.Lock()
		synced = append(synced, full)
		mu.Unlock()
		return syncFile(full)
	})
	dir := filepath.Join(t.TempDir(), "out")
	res := mustWrite(t, dir, v2())
	if len(synced) != res.Written-1 {
		t.Fatalf("%d files fsync'd, want %d (all but the manifest): %q", len(synced), res.Written-1, synced)
	}
	assertTree(t, dir, v2())
}

// TestWriteFailsWhenTheFlushFails: a flush that fails (an I/O error
// reported by syncfs) fails the write; the output directory is as it
// was and the new tree is removed.
func TestWriteFailsWhenTheFlushFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	mustWrite(t, dir, v1())
	setHook(t, &flushFS, func(root *os.File) error { return &os.PathError{Op: "syncfs", Path: root.Name(), Err: syscall.EIO} })
	before := snapshot(t, dir)
	if _, err := Write(dir, v2(), opts); !errors.Is(err, syscall.EIO) {
		t.Fatalf("Write = %v, want the flush's EIO", err)
	}
	assertSnapshot(t, dir, before)
	assertNoTemp(t, filepath.Dir(dir))
}

// TestSyncEachReportsFirstFailureInPathOrder: of two files whose fsync
// fails, the error names the first in path order, and no file is
// fsync'd twice (nor the manifest, synced as it was written).
func TestSyncEachReportsFirstFailureInPathOrder(t *testing.T) {
	files := treewriteFiles()
	root := t.TempDir()
	mkTreeDirs(t, root, files)
	if err := writeFiles(root, files, 2); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	count := map[string]int{}
	setHook(t, &fsyncFile, func(full string) error {
		rel, _ := filepath.Rel(root, full)
		mu.Lock()
		count[filepath.ToSlash(rel)]++
		mu.Unlock()
		if rel == filepath.FromSlash("gm/m00.ios") || rel == filepath.FromSlash("review/ks1.ios") {
			return syscall.EIO
		}
		return nil
	})
	err := syncEach(root, files, "ks1.ios")
	if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), "gm/m00.ios") {
		t.Fatalf("syncEach = %v, want the EIO of gm/m00.ios", err)
	}
	for p, n := range count {
		if n != 1 || p == "ks1.ios" {
			t.Errorf("%s fsync'd %d times", p, n)
		}
	}
}
