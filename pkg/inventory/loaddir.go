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
)

// LoadDir reads the capture DIR/<name>.txt of every key server in names
// (the key servers of the spec) and returns them by name. A missing file is
// an error naming the key server and the file looked for; files in dir for
// names not listed are ignored. Like Parse it returns nil whenever the list
// holds errors. The list is sorted.
func LoadDir(dir string, names []string) (map[string]*Capture, diag.List) {
	var diags diag.List
	out := make(map[string]*Capture, len(names))
	done := map[string]bool{}
	for _, name := range names {
		if done[name] {
			continue
		}
		done[name] = true
		file := filepath.Join(dir, name+".txt")
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
			diags.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: dir}, Code: "inventory/name",
				Summary: fmt.Sprintf("key server name %q cannot name a capture file", name)})
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			diags.Add(readError(dir, name, file, err))
			continue
		}
		c, d := parse(file, name, data)
		diags.Append(d)
		out[name] = c
	}
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return out, diags
}

// readError describes a capture that could not be read, naming the key
// server. For a missing file it points to files that were probably meant
// (another case, or another extension, as Windows hides ".txt").
func readError(dir, name, file string, err error) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: file}, Code: "inventory/missing"}
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

// nearNames lists the files in dir that are probably the capture of name
// under another spelling: the same name in another case, or with another
// or a doubled extension. A directory that cannot be listed has none.
func nearNames(dir, name string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var near []string
	for _, e := range entries {
		f := e.Name()
		if strings.EqualFold(f, name) || len(f) > len(name) && strings.EqualFold(f[:len(name)+1], name+".") {
			near = append(near, f)
		}
	}
	slices.Sort(near)
	return near
}
