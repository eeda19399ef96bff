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
// durable: on Linux a directory is fsync'd as a file is.
func syncDir(dir string) error {
	return syncFile(dir)
}

// syncFS flushes, with one syncfs(2), every file and directory of the
// file system root is on: the data and the metadata (sizes, modes,
// directory entries) of a whole tree written there, for one system call
// instead of an fsync per file. root must have been opened before the
// tree's files were written: since Linux 5.8 syncfs reports the writeback
// errors of that file system that happened since its descriptor was
// opened, as fsync does for its file, and an error another process's
// syncfs saw first is still reported to a descriptor older than it.
//
// syncfs is used only where it is as strong as an fsync of each file: a
// kernel of 5.8 or later (before, syncfs returns 0 even after a writeback
// error) and a local file system whose syncfs writes every dirty file
// (ext4, XFS, Btrfs, F2FS; tmpfs holds nothing to flush). Elsewhere — an
// older kernel, NFS, FUSE, overlay file systems, or syncfs refused
// (ENOSYS, EPERM under a seccomp filter) — the error wraps
// errSyncFSUnsupported and the caller fsyncs each file.
func syncFS(root *os.File) error {
	if why := syncFSWeaker(root); why != "" {
		return fmt.Errorf("%w: %s: %s", errSyncFSUnsupported, root.Name(), why)
	}
	err := unix.Syncfs(int(root.Fd()))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
		return fmt.Errorf("%w: %w", errSyncFSUnsupported, &os.PathError{Op: "syncfs", Path: root.Name(), Err: err})
	}
	return &os.PathError{Op: "syncfs", Path: root.Name(), Err: err}
}

// syncFSFileSystems are the file systems (statfs f_type) whose syncfs
// flushes every dirty file of the file system.
var syncFSFileSystems = map[int64]bool{
	unix.EXT4_SUPER_MAGIC:  true, // also ext2 and ext3, which share the magic
	unix.XFS_SUPER_MAGIC:   true,
	unix.BTRFS_SUPER_MAGIC: true,
	unix.F2FS_SUPER_MAGIC:  true,
	unix.TMPFS_MAGIC:       true,
}

// syncFSWeaker says why syncfs on root would be weaker than an fsync of
// each file, or "" when it is not.
func syncFSWeaker(root *os.File) string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "the kernel version is unknown"
	}
	if !kernelAtLeast(unix.ByteSliceToString(u.Release[:]), 5, 8) {
		return "syncfs reports writeback errors only from Linux 5.8"
	}
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(root.Fd()), &st); err != nil {
		return "the file system is unknown"
	}
	if !syncFSFileSystems[int64(st.Type)] {
		return fmt.Sprintf("file system type %#x is not one whose syncfs flushes every file", st.Type)
	}
	return ""
}

// kernelAtLeast reports whether the kernel release ("6.1.0-18-amd64")
// is major.minor or later.
func kernelAtLeast(release string, major, minor int) bool {
	var maj, min int
	if _, err := fmt.Sscanf(release, "%d.%d", &maj, &min); err != nil {
		return false
	}
	return maj > major || maj == major && min >= minor
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
	// Read to the end, as infile.Read does: a file that grew while it was
	// read must not compare as its first st.Size bytes.
	var more [1]byte
	for {
		m, err := unix.Read(fd, more[:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || m != 0 {
			return nil, 0, false
		}
		break
	}
	return data, fs.FileMode(st.Mode & 0o777), true
}
