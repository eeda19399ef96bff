//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an advisory lock on the directory dir — exclusive, or
// shared when shared is set — and returns the function that releases it.
// Open locks the output directory's parent, so runs on one OUT are
// serialised from before the key decision to the end of the write, and no
// lock file is ever created. If the lock is busy, waiting is called once
// before blocking. After the lock is granted, dir must still be the
// directory that was locked (a run that created dir may remove it again
// when it fails); otherwise the lock is retried, and gone reports
// fs.ErrNotExist to the caller, who may recreate dir. File systems without
// flock (some network mounts) run unlocked.
func lockDir(dir string, shared bool, waiting func()) (func(), error) {
	how := unix.LOCK_EX
	if shared {
		how = unix.LOCK_SH
	}
	for {
		f, err := os.Open(dir)
		if err != nil {
			return nil, err
		}
		err = flock(f, how|unix.LOCK_NB)
		if errors.Is(err, unix.EWOULDBLOCK) {
			if waiting != nil {
				waiting()
				waiting = nil
			}
			err = flock(f, how)
		}
		if err != nil && !errors.Is(err, unix.ENOLCK) && !errors.Is(err, unix.EOPNOTSUPP) && !errors.Is(err, unix.EINVAL) {
			f.Close()
			return nil, &os.PathError{Op: "flock", Path: dir, Err: err}
		}
		held, herr := f.Stat()
		now, nerr := os.Stat(dir)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return func() { f.Close() }, nil
		}
		f.Close()
		if nerr != nil {
			return nil, nerr
		}
	}
}

func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
