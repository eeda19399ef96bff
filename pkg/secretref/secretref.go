// Package secretref resolves the spec's secret references — the IKE
// pre-shared keys, written as {env: NAME} or {file: PATH} — into their
// values, and checks each value against what a `crypto isakmp key` line
// can carry. It is the one place a pre-shared key is read, and it keeps
// the value inside a secret.Value: every diagnostic names the reference
// (env:NAME, file:PATH) at its place in the spec, never the value nor any
// part of it, because diagnostics reach terminals, CI logs and JSON.
package secretref

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// Rule IDs of the secret checks (pkg/rules, "secret/...").
const (
	CodeUnresolved = "secret/unresolved"
	CodeEmpty      = "secret/empty"
	CodeCharset    = "secret/charset"
	CodeLength     = "secret/length"
	CodeWeak       = "secret/weak"
	CodeFileLines  = "secret/file-lines"
)

// Result is what Resolve found.
type Result struct {
	// Values holds the value of every reference that resolved to a
	// usable key (warnings allowed), by SecretRef.Ref().
	Values map[string]secret.Value
	// Absent are the references that are not there at all, sorted by
	// Ref: an environment variable that is not set, a file that does not
	// exist. compile --check can do without them (it compares the
	// review copies, which need no secret); a file that is there but
	// refused, or a value that is wrong, is an error all the same.
	Absent []Absent
}

// Absent is one reference that is not there.
type Absent struct {
	Ref string
	// Diag is its secret/unresolved error, one of those Resolve returned.
	Diag *diag.Diagnostic
}

// LookupEnv is how Resolve reads an environment variable: its value and
// whether it is set (os.LookupEnv), so that a variable set to "" is an
// empty secret and not a missing one.
type LookupEnv func(name string) (string, bool)

// Resolve reads the secret of every reference in refs — an environment
// variable through lookupEnv, a file relative to specDir unless absolute,
// a literal as written — and checks it. doc positions the diagnostics at
// each reference's place in the spec. A reference that appears twice
// (by Ref) is read once.
func Resolve(refs []spec.SecretRef, doc *source.Document, specDir string, lookupEnv LookupEnv) (Result, diag.List) {
	res := Result{Values: map[string]secret.Value{}}
	var list diag.List
	seen := map[string]bool{}
	for _, r := range refs {
		name := r.Ref()
		if seen[name] {
			continue
		}
		seen[name] = true
		at := reporter{doc: doc, ref: r, name: name}
		v, absent := at.read(specDir, lookupEnv)
		if absent {
			res.Absent = append(res.Absent, Absent{Ref: name, Diag: at.list[len(at.list)-1]})
		}
		if at.list.HasErrors() {
			list.Append(at.list)
			continue
		}
		at.check(v)
		list.Append(at.list)
		if !at.list.HasErrors() {
			res.Values[name] = secret.New(v)
		}
	}
	slices.SortFunc(res.Absent, func(a, b Absent) int { return strings.Compare(a.Ref, b.Ref) })
	list.Sort()
	return res, list
}

// reporter collects the diagnostics of one reference, each at its place.
type reporter struct {
	doc  *source.Document
	ref  spec.SecretRef
	name string
	list diag.List
}

// ptr is where the reference names its source: the variable name, the
// file path, or the literal itself.
func (a *reporter) ptr() string {
	switch {
	case a.ref.Env != "":
		return a.ref.Ptr + "/env"
	case a.ref.File != "":
		return a.ref.Ptr + "/file"
	}
	return a.ref.Ptr
}

func (a *reporter) add(sev diag.Severity, code, summary, detail string, related ...diag.Related) {
	p := a.ptr()
	a.list.Add(&diag.Diagnostic{Severity: sev, Pos: a.doc.Pos(p), Path: p, Code: code,
		Summary: "secret " + a.name + " " + summary, Detail: detail, Related: related})
}

// read returns the reference's value, or an error in a.list; absent
// reports a variable that is not set or a file that does not exist.
func (a *reporter) read(specDir string, lookupEnv LookupEnv) (v []byte, absent bool) {
	switch {
	case a.ref.Env != "":
		s, ok := lookupEnv(a.ref.Env)
		if !ok {
			a.add(diag.Error, CodeUnresolved, "cannot be resolved: the environment variable "+a.ref.Env+" is not set",
				"set "+a.ref.Env+" to the pre-shared key before running compile, or name a file instead ({file: PATH})")
			return nil, true
		}
		return []byte(s), false
	case a.ref.File != "":
		return a.readFile(specDir)
	}
	return a.ref.Literal.Reveal(), false
}

// readFile reads the reference's file: its first line is the secret, the
// other non-empty lines are counted (never shown) for a warning, since a
// second line usually means the wrong file or a file of several secrets.
func (a *reporter) readFile(specDir string) (v []byte, absent bool) {
	path := a.ref.File
	if !filepath.IsAbs(path) {
		path = filepath.Join(specDir, path)
	}
	where := ""
	if path != a.ref.File {
		where = "the path is relative to the spec's directory: getvpnc read " + path
	}
	data, err := infile.Read(path, "the secret file", infile.MaxSecretFile)
	if err != nil {
		var ie *infile.Error
		reason := err.Error()
		if errors.As(err, &ie) {
			reason = ie.Reason()
		}
		absent = errors.Is(err, fs.ErrNotExist)
		a.add(diag.Error, CodeUnresolved, "cannot be resolved: "+reason, where)
		return nil, absent
	}
	line, ignored, at := infile.FirstLine(data)
	if ignored > 0 {
		a.add(diag.Warning, CodeFileLines, "uses only the first line of its file: "+plural(ignored, "more non-empty line")+" ignored",
			"keep one key per file, on its first line",
			diag.Related{Pos: diag.Pos{File: path, Line: at}, Msg: "the first line ignored (not shown)"})
	}
	return line, false
}
