package output

import (
	"errors"
	"path/filepath"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// Rule IDs of the output directory's problems (pkg/rules, "output/...").
// Diagnostics reports the first three; the others are found by the
// caller, which compares the directory's keys with the key decision.
const (
	CodeForeign        = "output/foreign"         // OUT holds files getvpnc did not write (*ForeignFilesError)
	CodeManifest       = "output/manifest"        // OUT's manifest is not one getvpnc wrote (*ManifestError)
	CodeCleanup        = "output/cleanup"         // the new tree is in place, the old one not removed whole (*CleanupError)
	CodeKeyMissing     = "output/key-missing"     // the manifest records a key whose bundle is gone
	CodeKeyUnused      = "output/key-unused"      // OUT holds a key the spec no longer uses
	CodeBundleMismatch = "output/bundle-mismatch" // OUT's bundle is not the key OUT's manifest records
)

// Diagnostics turns an error of Open, Check, Manifest, ReadFile, Read or
// Write on the output directory dir (the -o path as given) into
// diagnostics, each at the file it is about, so text output reads "FILE:
// message" and JSON carries the file:
//
//   - files getvpnc did not write: one output/foreign at each of the first
//     few, then the refusal and what to do at the directory;
//   - a manifest getvpnc cannot have written: output/manifest at the
//     manifest, at the line of the problem when there is one;
//   - a directory a human must settle (an interrupted run's leftovers, a
//     path that cannot be a directory: a file, a root, a link to nothing):
//     getvpnc/invalid at dir, having no rule of its own;
//   - a file there refused for what it is (a FIFO, a link, too big): its
//     input/* rule at the file;
//   - a new tree in place whose old tree was not removed whole: an
//     output/cleanup warning at what is left;
//   - anything else: one getvpnc/io at dir, the system having failed.
//
// getvpnc/io is the one failure of the system (exit 3); the others but
// the warning are refusals of the user's input (exit 1).
func Diagnostics(dir string, err error) diag.List {
	if err == nil {
		return nil
	}
	at := func(file, code, summary, detail string) diag.List {
		return diag.List{{Severity: diag.Error, Pos: diag.Pos{File: file}, Code: code, Summary: summary, Detail: detail}}
	}
	var fe *ForeignFilesError
	var me *ManifestError
	var re *RecoveryError
	var de *DirError
	var ce *CleanupError
	var ie *infile.Error
	switch {
	case errors.As(err, &ce):
		l := at(ce.Path, CodeCleanup, ce.Error(), "the new output is complete; remove the old tree by hand once you have looked at what is left in it")
		l[0].Severity = diag.Warning
		return l
	case errors.As(err, &fe):
		return foreignDiagnostics(fe)
	case errors.As(err, &me):
		return diag.List{manifestDiagnostic(me)}
	case errors.As(err, &re):
		return at(dir, exitcode.RuleInvalid, re.Reason(), "")
	case errors.As(err, &de):
		return at(dir, exitcode.RuleInvalid, "cannot be the output directory: "+de.Reason(), "")
	case errors.As(err, &ie) && ie.Refused():
		return at(ie.Path, ie.Code(), ie.Reason(), "")
	}
	if de := PathProblem(dir, err); de != nil {
		return at(dir, exitcode.RuleInvalid, "cannot be the output directory: "+de.Reason(), "")
	}
	return at(dir, exitcode.RuleIO, "output directory: "+err.Error(), "")
}

// foreignDiagnostics reports files getvpnc did not write: one diagnostic
// at each of the first maxListed, so text output and JSON both name them,
// then the refusal and what to do, at the directory.
func foreignDiagnostics(fe *ForeignFilesError) diag.List {
	var l diag.List
	manifest := fe.Manifest
	if manifest == "" {
		manifest = "the manifest"
	}
	for _, p := range fe.Paths[:min(len(fe.Paths), maxListed)] {
		l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: filepath.ToSlash(filepath.Join(fe.Dir, p))}, Code: CodeForeign,
			Summary: "getvpnc did not write this: " + manifest + " does not list it"})
	}
	l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: fe.Dir}, Code: CodeForeign, Summary: fe.Error()})
	return l
}

// manifestDiagnostic refuses a manifest getvpnc cannot have written: at
// the manifest, at the line of the problem when there is one, as every
// input's problems are, with what to do: when the manifest guards its
// directory (Dir), the directory is left alone; else put it back.
func manifestDiagnostic(me *ManifestError) *diag.Diagnostic {
	problem := me.Err.Error()
	var ie *infile.Error
	if errors.As(me.Err, &ie) {
		problem = ie.Reason() // without the path, which is the position
	}
	step := "put back the manifest getvpnc wrote (from a backup)"
	if me.Dir != "" {
		step = "getvpnc cannot tell which files in " + me.Dir + " it wrote, so it leaves the directory alone: " + me.Step()
	}
	return &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: me.Path, Line: me.Line()}, Code: CodeManifest,
		Summary: "not a manifest getvpnc wrote: " + problem, Detail: step}
}
