package app

import (
	"errors"
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
)

const compileUsage = `Usage: getvpnc compile SPEC -o OUT [--key LABEL=FILE]... [--passphrase-file FILE]

Validates SPEC, then writes into OUT, replacing it as a whole (OUT is never
left half-written):
  OUT/<key-server>.ios   one IOS script per key server (0600: holds the passphrase)
  OUT/keys/<label>.pem   each RSA rekey key: PUBLIC KEY + 3DES-encrypted RSA PRIVATE KEY (0600)
  OUT/manifest.json      what was produced, from which spec, with which key

A new rekey key is generated for every label unless --key supplies it (a
getvpnc bundle or a capture of IOS 'crypto key export rsa ... pem terminal 3des').

The passphrase comes from --passphrase-file, the GETVPNC_PASSPHRASE
environment variable, or a prompt when run in a terminal: 8 to 64 printable
ASCII characters, no spaces, no '?'.`

func (e *env) compile(args []string) int {
	fs := e.newFlagSet("compile", compileUsage)
	out := fs.StringP("output", "o", "", "output directory (required)")
	keyFiles := fs.StringArray("key", nil, "reuse an existing key: LABEL=FILE (repeatable)")
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
	return e.report(e.build(f, *out, *keyFiles, *passFile))
}

func (e *env) build(f *front, out string, keyFiles []string, passFile string) error {
	supplied, err := keyFlags(keyFiles, f.plan)
	if err != nil {
		return err
	}
	newKeys := len(supplied) < len(f.plan.Keys)
	pass, err := e.passphrase(passFile, newKeys)
	if err != nil {
		return err
	}
	bundles, events, err := obtainKeys(f.plan, supplied, pass)
	if err != nil {
		return err
	}
	files, err := render.Render(render.Input{
		Plan: f.plan, Keys: bundles, Passphrase: pass,
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
	if res.Unchanged {
		fmt.Fprintf(e.stderr, "%s is up to date: %d files\n", out, len(files))
		return nil
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d key server script(s), %d key bundle(s), manifest.json\n", out, len(f.plan.KeyServers), len(f.plan.Keys))
	return nil
}
