package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestOldTreeLosesItsManifestLast stops at every step of deleting a
// previous tree (after the swap, either way, and in the next run's
// recovery) and checks what a kill there would leave: a tree whose files
// its manifest still lists, or nothing but empty directories.
func TestOldTreeLosesItsManifestLast(t *testing.T) {
	check := func(t *testing.T, base string, steps *int) {
		Hooks.At = func(p Point) {
			if p != WhileDiscarding {
				return
			}
			*steps++
			trees, _ := filepath.Glob(filepath.Join(base, ".out.getvpnc-*"))
			for _, tree := range trees {
				others, err := filesIn(tree, manifestName)
				if err != nil {
					t.Fatal(err)
				}
				if _, merr := os.Lstat(filepath.Join(tree, manifestName)); merr != nil && len(others) > 0 {
					t.Errorf("step %d: %s holds %v and no manifest", *steps, tree, others)
				}
			}
		}
		t.Cleanup(func() { Hooks.At = nil })
	}
	for _, noExchange := range []bool{true, false} {
		t.Run(fmt.Sprintf("swap, NoExchange %v", noExchange), func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "out")
			mustWrite(t, dir, v1())
			Hooks.NoExchange = noExchange
			t.Cleanup(func() { Hooks.NoExchange = false })
			steps := 0
			check(t, base, &steps)
			mustWrite(t, dir, v2())
			if steps < 3 {
				t.Fatalf("only %d deletion steps seen", steps)
			}
			assertNoTemp(t, base)
		})
	}
	t.Run("recovery", func(t *testing.T) {
		base := t.TempDir()
		dir := filepath.Join(base, "out")
		mustWrite(t, dir, v2())
		mustWrite(t, filepath.Join(base, "build"), v1())
		if err := os.Rename(filepath.Join(base, "build"), filepath.Join(base, ".out.getvpnc-old-7")); err != nil {
			t.Fatal(err)
		}
		steps := 0
		check(t, base, &steps)
		tr, err := Open(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		tr.Close()
		if steps < 3 {
			t.Fatalf("only %d deletion steps seen", steps)
		}
		assertNoTemp(t, base)
	})
}
