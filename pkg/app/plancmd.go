package app

import (
	"encoding/json"
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

const planUsage = `Usage: getvpnc plan SPEC [--inventory DIR] [--key LABEL=FILE]... [--overwrite] [--format text|json]

Shows, for every RSA rekey key, what compile would do and why: the case
(generate, reuse, conflict, overwrite), where the key comes from, and per
key server what it holds (from the --inventory captures), whether that is
exportable, and the action (none, import, replace, export, generate).
Writes nothing and needs no passphrase (a --key file's PUBLIC KEY block is
enough). The exit code says whether compile would go ahead: 0 yes, 4 the
key servers hold different keys, 1 another blocking problem.

JSON (--format json): {"keys": [{"label", "case", "sha256" (or null),
"source", "primary", "phase1", "problem" ({"exit", "message"} or null),
"keyServers": [{"name", "primary", "observed" (sha256 or null),
"exportable" (bool or null), "action"}]}]}`

func (e *env) plan(args []string) int {
	fs := e.newFlagSet("plan", planUsage)
	var so syncOptions
	fs.StringArrayVar(&so.keyFiles, "key", nil, "a key file to use: LABEL=FILE (repeatable)")
	fs.StringVar(&so.inventory, "inventory", "", "directory of 'show crypto key mypubkey rsa' captures, <key-server>.txt")
	fs.BoolVar(&so.overwrite, "overwrite", false, "when key servers hold different keys, keep the primary's")
	format := fs.String("format", "text", "output format: text or json")
	if done, code := e.parse(fs, planUsage, args); done {
		return code
	}
	if *format != "text" && *format != "json" {
		return e.report(fail(ExitUsage, "--format must be text or json"))
	}
	if fs.NArg() != 1 {
		return e.report(fail(ExitUsage, "plan takes exactly one SPEC file; run 'getvpnc plan --help'"))
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return e.report(err)
	}
	diag.Print(e.stderr, f.diags)
	if f.invalid {
		return ExitInvalid
	}
	st, err := decideKeys(f, so)
	if err != nil {
		return e.report(err)
	}
	diag.Print(e.stderr, st.diags)
	if st.diags.HasErrors() {
		return ExitInvalid
	}
	code, msgs := st.result.Blocking()
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st.result); err != nil {
			return e.report(fail(ExitInternal, "writing JSON: %v", err))
		}
	} else {
		fmt.Fprint(e.stdout, st.result.Summary())
		for _, m := range msgs {
			fmt.Fprintln(e.stdout, m)
		}
	}
	return code
}
