//go:build !linux

package output

import (
	"fmt"
	"io/fs"
	"os"
)

// renameExchange reports that this platform cannot swap directories
// atomically, so Write uses its two-rename fallback.
func renameExchange(a, b string) error {
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errExchangeUnsupported}
}

// syncDir fsyncs a directory where the platform allows it. Not every
// platform can open or sync a directory (Windows cannot, and macOS's full
// sync may refuse), so this is best-effort and never fails.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	_ = f.Sync()
	_ = f.Close()
	return nil
}

// syncFS reports that this platform has no syncfs(2): the caller fsyncs
// each file of the tree instead.
func syncFS(root *os.File) error {
	return fmt.Errorf("%w: %s", errSyncFSUnsupported, root.Name())
}

// readBeneath is not available here: the caller reads with readInside.
func readBeneath(dir *os.File, rel string, limit int64) ([]byte, fs.FileMode, bool) {
	return nil, 0, false
}
