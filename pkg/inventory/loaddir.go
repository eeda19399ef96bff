package inventory

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// LoadDir reads the capture DIR/<name>.txt of every key server in names
// (the key servers of the spec) and returns them by name. A missing file is
// an error naming the key server and the file looked for; files in dir for
// names not listed are ignored, and never opened: only the captures of the
// listed key servers are read, so a directory with many other files costs
// nothing. Each capture must be a regular file of at most
// infile.MaxCapture bytes (a FIFO, a device or a directory is refused at
// once, code inventory/file); one that cannot be read is inventory/read,
// see ReadFailed. Like Parse it returns nil whenever the list holds errors.
// The list is sorted.
func LoadDir(dir string, names []string) (map[string]*Capture, diag.List) {
	caps, _, diags := loadDir(dir, names)
	return caps, diags
}

// loadDir is LoadDir that also returns each capture's bytes, for the
// checks that compare captures as files (SameDevice).
func loadDir(dir string, names []string) (map[string]*Capture, map[string][]byte, diag.List) {
	var diags diag.List
	out := make(map[string]*Capture, len(names))
	raw := make(map[string][]byte, len(names))
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		diags.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: dir}, Code: "inventory/dir",
			Summary: "the inventory is not a directory",
			Detail:  "--inventory names the directory that holds one capture per key server, <name>.txt"})
		return nil, nil, diags
	}
	done := map[string]bool{}
	for _, name := range names {
		if done[name] {
			continue
		}
		done[name] = true
		file := filepath.Join(dir, name+".txt")
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
			diags.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: dir}, Code: "inventory/name",
				Summary: fmt.Sprintf("key server name %s cannot name a capture file", diag.Quote(name))})
			continue
		}
		data, err := infile.Read(file, "the capture of key server "+name, infile.MaxCapture)
		if err != nil {
			diags.Add(readError(dir, name, file, err))
			continue
		}
		c, d := parse(file, name, data)
		diags.Append(d)
		out[name] = c
		raw[name] = data
	}
	diags.Sort()
	if diags.HasErrors() {
		return nil, nil, diags
	}
	return out, raw, diags
}

// ReadFailed reports whether diags hold a capture that could not be read
// at all (permissions, an I/O error): the caller's exit code is then an
// I/O failure rather than invalid input.
func ReadFailed(diags diag.List) bool {
	return slices.ContainsFunc(diags, func(d *diag.Diagnostic) bool {
		return d.Severity == diag.Error && d.Code == "inventory/read"
	})
}

// readError describes a capture that could not be read, naming the key
// server. For a missing file it points to files that were probably meant
// (another case, or another extension, as Windows hides ".txt").
func readError(dir, name, file string, err error) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: file}, Code: "inventory/missing"}
	var ie *infile.Error
	if errors.As(err, &ie) && ie.Refused() {
		d.Code = "inventory/file"
		d.Summary = ie.Reason()
		return d
	}
	if !errors.Is(err, fs.ErrNotExist) {
		d.Code = "inventory/read"
		d.Summary = fmt.Sprintf("cannot read the capture of key server %s: %v", name, unwrapPath(err))
		return d
	}
	d.Summary = fmt.Sprintf("no capture for key server %s: %s does not exist", name, file)
	d.Detail = fmt.Sprintf("paste the output of %s on %s into %s", showCommand, name, file)
	if near := nearNames(dir, name); len(near) > 0 {
		d.Detail += fmt.Sprintf(" (found %s: rename it to %s.txt)", strings.Join(near, ", "), name)
	}
	return d
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// diagnostic already shows.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Bounds of the search for near names: a directory with millions of
// entries is neither held in memory nor scanned to the end for a hint.
const (
	nearScanMax = 10000 // directory entries looked at
	nearKeepMax = 5     // names kept
)

// nearNames lists the files in dir that are probably the capture of name
// under another spelling: the same name in another case, or with another
// or a doubled extension. A directory that cannot be listed has none. The
// directory is read in batches and at most nearScanMax entries are looked
// at, so a huge directory costs a bounded amount of memory and time.
func nearNames(dir, name string) []string {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	var near []string
	for scanned := 0; scanned < nearScanMax && len(near) < nearKeepMax; {
		entries, err := f.ReadDir(256)
		for _, e := range entries {
			scanned++
			n := e.Name()
			if strings.EqualFold(n, name) || len(n) > len(name) && strings.EqualFold(n[:len(name)+1], name+".") {
				near = append(near, n)
			}
		}
		if err != nil || len(entries) == 0 {
			break
		}
	}
	slices.Sort(near)
	if len(near) > nearKeepMax {
		near = near[:nearKeepMax]
	}
	for i, n := range near {
		near[i] = diag.Quote(n) // a file name may hold terminal escapes
	}
	return near
}
