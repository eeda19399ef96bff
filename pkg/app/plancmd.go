package app

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keysync"
)

const planUsage = `Usage: getvpnc plan SPEC [--inventory DIR] [--key LABEL=FILE]... [--overwrite] [--rotate-key LABEL]... [--format text|json]

Shows, for every RSA rekey key, what compile would do and why: the case
(generate, reuse, conflict, overwrite), where the key comes from, and per
key server what it holds (from the --inventory captures), whether that is
exportable, and the action (none, import, replace, export, generate).
Writes nothing and needs no passphrase: a --key file's PUBLIC KEY block is
enough, and the file gets every check compile makes before decrypting it
(its blocks, headers, IV, base64 and public key), reported at FILE:LINE.
It reads no pre-shared key either: their references ({env: NAME}, {file:
PATH}) are resolved and checked by compile.
The exit code says whether compile would go ahead: 0 yes, 4 the key
servers hold different keys (or a key that is not RSA under the label), 1
another blocking problem.

JSON (--format json), on stdout: {"keys": [{"label", "case", "sha256" (or
null), "source", "primary", "phase1", "problem" ({"exit", "code",
"message"} or null; code is the problem's rule ID), "keyServers":
[{"name", "primary", "observed" (sha256 or null), "exportable" (bool or
null), "action"}]}], "diagnostics": [...]}, the diagnostics as in
'getvpnc validate --help', a blocking problem among them too.`

func (e *env) plan(args []string) int {
	fs := e.newFlagSet("plan")
	s := e.session(fs, diagFormat)
	so := syncFlags(fs)
	fs.StringVarP(&so.outDir, "output", "o", "", "an output directory whose key bundles compile would reuse")
	var result *keysync.Result
	s.emitJSON = func() { s.printPlanJSON(result) }
	if done, code := s.parse(fs, planUsage, args); done {
		return code
	}
	return s.run(func() (err error) {
		result, err = s.runPlan(fs, so)
		return err
	})
}

// printPlanJSON writes plan's JSON document: the decisions (none when the
// plan stopped early) and every diagnostic.
func (s *session) printPlanJSON(result *keysync.Result) {
	if result == nil {
		result = &keysync.Result{}
	}
	doc := struct {
		Keys        []keysync.Decision    `json:"keys"`
		Diagnostics []diag.JSONDiagnostic `json:"diagnostics"`
	}{Keys: result.Keys, Diagnostics: diag.ToJSON(s.diags)}
	if doc.Keys == nil {
		doc.Keys = []keysync.Decision{}
	}
	s.printDocJSON(doc)
}

func (s *session) runPlan(fs *pflag.FlagSet, so *syncOptions) (*keysync.Result, error) {
	f, err := s.front(fs)
	if err != nil {
		return nil, err
	}
	st, err := decideKeys(f, *so)
	if err != nil {
		return nil, err
	}
	s.waive.markKeys(st, *so)
	s.show(st.diags)
	if st.diags.HasErrors() {
		return nil, fail(exitcode.Invalid, "")
	}
	if !s.json() {
		fmt.Fprint(s.stdout, st.result.Summary())
	}
	// Shown as every diagnostic is (stderr in text, the JSON's
	// diagnostics, where each key's "problem" keeps its own copy).
	s.show(st.result.Diagnostics(f.doc))
	if code := st.result.Blocking(); code != 0 {
		// The problems were shown; the exit code is the verdict.
		return st.result, fail(code, "")
	}
	return st.result, nil
}
