package app

import (
	"errors"
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
)

const compileUsage = `Usage: getvpnc compile SPEC -o OUT [--key LABEL=FILE]... [--inventory DIR] [--overwrite] [--passphrase-file FILE]

Validates SPEC, decides how each RSA rekey key reaches the key servers, then
writes into OUT, replacing it as a whole (OUT is never left half-written):
  OUT/<key-server>.ios   one IOS script per key server (0600: holds the passphrase)
  OUT/keys/<label>.pem   each RSA rekey key: PUBLIC KEY + 3DES-encrypted RSA PRIVATE KEY (0600)
  OUT/manifest.json      what was produced, from which spec, with which key, and why

Keys: without --inventory every key server imports the key: a new one, or
the one --key supplies (a getvpnc bundle or a capture of IOS 'crypto key
export rsa ... pem terminal 3des'). With --inventory DIR (DIR/<key-server>.txt
holding 'show crypto key mypubkey rsa' output of each key server) getvpnc
decides as Cisco Security Manager's key sync does: nobody holds the label →
generate; the holders agree → reuse their key (only the others import it);
the holders differ → refuse (exit 4) unless --overwrite, which keeps the
primary's key and replaces the others. Run 'getvpnc plan' to see the
decision without writing anything.

The passphrase comes from --passphrase-file, the GETVPNC_PASSPHRASE
environment variable, or a prompt when run in a terminal: 8 to 64 printable
ASCII characters, no spaces, no '?'.`

func (e *env) compile(args []string) int {
	fs := e.newFlagSet("compile", compileUsage)
	out := fs.StringP("output", "o", "", "output directory (required)")
	var so syncOptions
	fs.StringArrayVar(&so.keyFiles, "key", nil, "use an existing key: LABEL=FILE (repeatable)")
	fs.StringVar(&so.inventory, "inventory", "", "directory of 'show crypto key mypubkey rsa' captures, <key-server>.txt")
	fs.BoolVar(&so.overwrite, "overwrite", false, "when key servers hold different keys, keep the primary's and replace the others")
	passFile := fs.String("passphrase-file", "", "read the bundle passphrase from FILE (first line)")
	if done, code := e.parse(fs, compileUsage, args); done {
		return code
	}
	if fs.NArg() != 1 {
		return e.report(fail(ExitUsage, "compile takes exactly one SPEC file; run 'getvpnc compile --help'"))
	}
	if *out == "" {
		return e.report(fail(ExitUsage, "compile needs an output directory: -o OUT"))
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return e.report(err)
	}
	diag.Print(e.stderr, f.diags)
	if f.invalid {
		return ExitInvalid
	}
	return e.report(e.build(f, *out, so, *passFile))
}

func (e *env) build(f *front, out string, so syncOptions, passFile string) error {
	st, err := decideKeys(f, so)
	if err != nil {
		return err
	}
	if len(st.diags) > 0 {
		diag.Print(e.stderr, st.diags)
		if st.diags.HasErrors() {
			return fail(ExitInvalid, "")
		}
	}
	fmt.Fprint(e.stderr, st.result.Summary())
	if code, msgs := st.result.Blocking(); code != 0 {
		for _, m := range msgs {
			fmt.Fprintln(e.stderr, "getvpnc: "+m)
		}
		return fail(code, "nothing was written")
	}
	var pass []byte
	if needsPassphrase(st) {
		if pass, err = e.passphrase(passFile, anyGenerated(st)); err != nil {
			return err
		}
	}
	bundles, events, err := obtainKeys(f.plan, st, pass)
	if err != nil {
		return err
	}
	files, err := render.Render(render.Input{
		Plan: f.plan, Sync: st.result, Keys: bundles, Passphrase: pass,
		Tool:     render.Tool{Name: "getvpnc", Version: Version},
		SpecPath: f.path, SpecSHA256: f.sha256,
	})
	if err != nil {
		return fail(ExitInternal, "%v", err)
	}
	res, err := output.Write(out, files, output.Options{ManifestPath: render.ManifestPath})
	var cleanup *output.CleanupError
	switch {
	case errors.As(err, &cleanup):
		// The new tree is in place; only the old one could not be
		// removed whole, because something else appeared in it.
		fmt.Fprintf(e.stderr, "getvpnc: warning: %v\n", cleanup)
	case err != nil:
		return fail(ExitInternal, "writing %s: %v", out, err)
	}
	if err := verifyWrittenKeys(out, bundles, pass); err != nil {
		return err
	}
	for _, line := range describeKeys(events) {
		fmt.Fprintln(e.stderr, line)
	}
	scripts := 0
	for _, file := range files {
		if len(file.Path) > 4 && file.Path[len(file.Path)-4:] == ".ios" {
			scripts++
		}
	}
	if res.Unchanged {
		fmt.Fprintf(e.stderr, "%s is up to date: %d files\n", out, len(files))
	} else {
		fmt.Fprintf(e.stderr, "wrote %s: %d key server script(s), %d key bundle(s), manifest.json\n", out, scripts, len(bundles))
	}
	if st.result.Phase1() {
		fmt.Fprint(e.stderr, phase1NextStep(st))
	}
	return nil
}

// anyGenerated reports whether a new key will be encrypted, so a prompt
// asks for the passphrase twice.
func anyGenerated(st *syncState) bool {
	for _, d := range st.result.Keys {
		if d.Generate || d.Phase1 {
			return true
		}
	}
	return false
}

func phase1NextStep(st *syncState) string {
	s := "Phase 1 of 2: a key is generated on its primary key server.\n"
	for _, d := range st.result.Keys {
		if d.Phase1 {
			s += fmt.Sprintf("  Deploy the script of %s, save the output of its 'crypto key export rsa %s ...' to a file,\n"+
				"  then compile again with --key %s=FILE to write the scripts of the other key servers.\n", d.Primary, d.Label, d.Label)
		}
	}
	return s
}
