// Command floor writes a copy of a tree the way a durable writer must at
// the least: every file anew, fsynced, then every directory fsynced
// (deepest first) and the parent of the copy. bench/compare.sh times it
// against getvpnc's fresh compile of the same tree: the cost of the bytes
// reaching the disk, with no rendering, no key and no checking.
//
//	floor SRC DST   (DST must not exist)
//
// It is Go, like getvpnc, so the floor holds the same process start-up and
// the same system calls and no interpreter start-up; it reads SRC into
// memory before writing (SRC is in the page cache after getvpnc wrote it,
// and getvpnc reads its spec too).
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

type file struct {
	rel  string
	mode fs.FileMode
	data []byte
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor SRC DST")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(src, dst string) error {
	var files []file
	dirs := []string{"."}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, rel)
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		files = append(files, file{rel, info.Mode().Perm(), data})
		return err
	})
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(dst, d), 0o755); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := writeSynced(filepath.Join(dst, f.rel), f.data, f.mode); err != nil {
			return err
		}
	}
	slices.Reverse(dirs)
	for _, d := range append(dirs, "..") {
		if err := syncDir(filepath.Join(dst, d)); err != nil {
			return err
		}
	}
	return nil
}

func writeSynced(path string, data []byte, mode fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

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
