//go:build linux

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// renameExchange swaps the directories a and b in one atomic step with
// renameat2(RENAME_EXCHANGE), so there is no moment when b is missing or
// half-written. Kernels before 3.15 answer ENOSYS and some file systems
// EINVAL or EOPNOTSUPP; those wrap errExchangeUnsupported.
func renameExchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return fmt.Errorf("%w: %w", errExchangeUnsupported, &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err})
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}

// syncDir fsyncs a directory, making the entries created or renamed in it
// durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncFS flushes, with one syncfs(2), every file and directory of the
// file system dir is on: the data and the metadata (sizes, modes,
// directory entries) of a whole tree written there, for one system call
// instead of an fsync per file. Since Linux 5.8 it reports a writeback
// error of any file of that file system, as fsync does for its file.
// A kernel without syncfs (before 2.6.39) answers ENOSYS, which wraps
// errSyncFSUnsupported: the caller then fsyncs each file.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = unix.Syncfs(int(f.Fd()))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS):
		return fmt.Errorf("%w: %w", errSyncFSUnsupported, &os.PathError{Op: "syncfs", Path: dir, Err: err})
	}
	return &os.PathError{Op: "syncfs", Path: dir, Err: err}
}

// readBeneath reads rel (slash-separated) below the directory dir: one
// openat2(2) that refuses every symbolic link on the way
// (RESOLVE_NO_SYMLINKS) and any path leaving dir (RESOLVE_BENEATH) —
// what readInside checks with an lstat of each element — then an fstat
// for the mode and size, the reads and the close, on the raw descriptor
// (no poller registration). It opens without blocking, so a FIFO opens
// at once and is then refused by its mode. It returns false for
// anything but a regular file within limit read whole: a link, a
// kernel before 5.6 (no openat2), a file that changed while read. The
// caller then reads it with readInside, which words the refusal.
func readBeneath(dir *os.File, rel string, limit int64) ([]byte, fs.FileMode, bool) {
	fd, err := unix.Openat2(int(dir.Fd()), rel, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_BENEATH,
	})
	if err != nil {
		return nil, 0, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > limit {
		return nil, 0, false
	}
	data := make([]byte, st.Size)
	for n := 0; n < len(data); {
		m, err := unix.Read(fd, data[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || m == 0 {
			return nil, 0, false // an error, or it shrank: the slow way tells
		}
		n += m
	}
	return data, fs.FileMode(st.Mode & 0o777), true
}
