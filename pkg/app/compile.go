package app

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

const compileUsage = `Usage: getvpnc compile SPEC -o OUT [--check] [--key LABEL=FILE]... [--inventory DIR]
                       [--overwrite] [--rotate-key LABEL]... [--drop-key LABEL]...
                       [--passphrase-file FILE] [--format text|json]

Validates SPEC, decides how each RSA rekey key reaches the key servers, then
writes into OUT, replacing it as a whole (OUT is never left half-written):
  OUT/<key-server>.ios          one IOS script per key server (0600: holds the passphrase
                                and pre-shared keys)
  OUT/review/<key-server>.ios   the same script for review: passphrase, private keys and
                                pre-shared keys left out
  OUT/gm/<member>.ios           one IOS script per group member (0600: holds pre-shared keys)
  OUT/review/gm/<member>.ios    the same script for review: pre-shared keys left out
  OUT/keys/<label>.pem          each RSA rekey key: PUBLIC KEY + 3DES-encrypted RSA PRIVATE KEY (0600)
  OUT/manifest.json             what was produced, from which spec, with which key, and why
                                (and which warnings the spec's waivers removed)

Compiling the same spec into the same OUT again changes no byte: the key in
OUT/keys/<label>.pem is reused (it must decrypt with the passphrase and have
the spec's modulus). A key is never replaced or lost silently: --rotate-key
LABEL is the only way to replace one; a key OUT's manifest records whose
bundle is missing stops compile (exit 1), and so does a key OUT holds that
the spec no longer uses (--drop-key LABEL lets it go). Runs on one OUT are
serialised by a lock, and an interrupted run is repaired (or, when that
could lose a key, refused with the commands to run) before anything is
decided. --check builds everything in memory, compares it with OUT,
changes nothing, and exits 5 when OUT is out of date, naming each added,
removed or changed file and showing a diff of the review copies. Without a
passphrase, --check compares the review copies only (they need no secret).

Keys: without --inventory every key server imports the key: the one in OUT,
the one --key supplies (a getvpnc bundle or a capture of IOS 'crypto key
export rsa ... pem terminal 3des'), or a new one. With --inventory DIR
(DIR/<key-server>.txt holding 'show crypto key mypubkey rsa' output of each
key server) getvpnc decides as Cisco Security Manager's key sync does:
nobody holds the label → generate; the holders agree → reuse their key
(only the others import it); the holders differ → refuse (exit 4) unless
--overwrite, which keeps the primary's key and replaces the others. A
source: device key is generated on the primary (phase 1) only when the
inventory shows that no key server holds it. Run
'getvpnc plan' to see the decision without writing anything.

The passphrase comes from --passphrase-file, the GETVPNC_PASSPHRASE
environment variable, or a prompt when run in a terminal: 8 to 64 printable
ASCII characters, no spaces, no '?'.

Pre-shared keys are secret references in the spec, {env: NAME} or {file:
PATH} (relative to the spec's directory; the key is the file's first
line). compile resolves those the scripts use before it touches OUT: one
that cannot be read, or a key a 'crypto isakmp key' line cannot take
(printable ASCII without '?' and '"', at most 64 characters), stops it
(exit 1) with nothing written, naming the reference, never the key. Only
the deploy scripts hold the keys. Without them (a variable not set, a
file that does not exist), --check compares the review copies only and
names the references it did without.

With --format json, stdout is a JSON array of diagnostics:
[{"file", "line", "column", "path", "code", "rule", "severity", "message",
"related": [{"file", "line", "column", "message"}]}] (README, "JSON diagnostics").`

// compileOptions are compile's own flags.
type compileOptions struct {
	out      string
	check    bool
	passFile string
	sync     *syncOptions
}

func (e *env) compile(args []string) int {
	fs := e.newFlagSet("compile")
	s := e.session(fs, diagFormat)
	o := compileOptions{sync: syncFlags(fs)}
	fs.StringVarP(&o.out, "output", "o", "", "output directory (required)")
	fs.BoolVar(&o.check, "check", false, "compare with OUT instead of writing; exit 5 if it differs")
	fs.StringVar(&o.passFile, "passphrase-file", "", "read the bundle passphrase from FILE (first line)")
	if done, code := s.parse(fs, compileUsage, args); done {
		return code
	}
	return s.run(func() error { return s.runCompile(fs, o) })
}

func (s *session) runCompile(fs *pflag.FlagSet, o compileOptions) error {
	if o.out == "" && fs.NArg() == 1 {
		return fail(exitcode.Usage, "compile needs an output directory: -o OUT")
	}
	if o.out != "" {
		// OUT's manifest is decoded beside the spec's load, which leaves
		// a core idle; the key decision reads it again under the lock.
		go output.Prefetch(o.out, render.ManifestPath)
	}
	f, err := s.front(fs)
	if err != nil {
		return err
	}
	sec, err := s.resolveSecrets(f, o.check)
	if err != nil {
		return err
	}
	// The spec's tree and value are a quarter of the heap at 1000 groups,
	// beside the rendered tree to come; what asks for a position from here
	// on has the spec loaded again (see source.Document.Release). After
	// the secrets: their warnings (a weak key) are the commonest after the
	// front end.
	f.doc.Release()
	// The output directory is locked, and an interrupted run's leftovers
	// settled, before the key decision looks at its bundles; the lock is
	// held until the written keys are verified, so no other run can make
	// or rotate a key in between.
	t, err := output.Open(o.out, s.outputOptions(o.check, o.out))
	if err != nil {
		return outputFail(o.out, err)
	}
	defer t.Close()
	o.sync.outDir, o.sync.tree, o.sync.check = o.out, t, o.check
	st, err := decideKeys(f, *o.sync)
	if err != nil {
		return err
	}
	s.waive.markKeys(st, *o.sync)
	s.show(st.diags)
	if st.diags.HasErrors() {
		return fail(exitcode.Invalid, "")
	}
	fmt.Fprint(s.stderr, st.result.Summary())
	if code := st.result.Blocking(); code != 0 {
		s.show(st.result.Diagnostics(f.doc))
		if s.json() {
			return fail(code, "") // the problems are the diagnostics; the exit code is the verdict
		}
		return fail(code, "nothing was written")
	}
	if len(sec.absent) > 0 {
		return s.checkReviewOnly(o.out, f, st, sec.absentReason())
	}
	var pass secret.Value
	if needsPassphrase(st) {
		pass, err = s.passphrase(o.passFile, anyGenerated(st))
		if err == errNoPassphrase && o.check {
			return s.checkReviewOnly(o.out, f, st, "no passphrase")
		}
		if err != nil {
			return err
		}
	}
	bundles, events, err := obtainKeys(f.plan, st, pass, s.stderr)
	if err != nil {
		return err
	}
	files, err := render.Render(render.Input{
		Plan: f.plan, Sync: st.result, Keys: bundles, Passphrase: pass, Secrets: sec.values,
		Tool:     render.Tool{Name: "getvpnc", Version: Version},
		SpecPath: specPathFrom(o.out, f.path), SpecSHA256: f.sha256,
		// Every warning of the run is in by now: what is rendered after
		// (the comparison, the write) reports only errors.
		Waivers: s.waive.manifestWaivers(o.out),
	})
	if err != nil {
		return fail(exitcode.Internal, "%v", err)
	}
	for _, line := range describeKeys(events) {
		fmt.Fprintln(s.stderr, line)
	}
	if o.check {
		err = s.check(o.out, files)
	} else {
		err = s.write(t, files, bundles, pass, st)
	}
	// OUT's manifest lists the waivers once it is the one just rendered.
	s.waive.manifest = err == nil
	return err
}

func (s *session) write(t *output.Tree, files []output.File, bundles map[string]*keys.Bundle, pass secret.Value, st *syncState) error {
	out := t.Dir()
	res, err := t.Write(files)
	var cleanup *output.CleanupError
	switch {
	case errors.As(err, &cleanup):
		// The new tree is in place; only the old one could not be
		// removed whole, because something else appeared in it: a
		// warning (output/cleanup) at what is left.
		s.show(output.Diagnostics(out, err))
	case err != nil:
		return outputFail(out, fmt.Errorf("writing: %w", err))
	}
	if err := verifyWrittenKeys(out, bundles, st.verified, pass); err != nil {
		return err
	}
	scripts := map[render.Kind]int{}
	for _, file := range files {
		if k, ok := render.ScriptKind(file.Path); ok {
			scripts[k]++
		}
	}
	if res.Unchanged {
		fmt.Fprintf(s.stderr, "%s is up to date: %d files, nothing written\n", out, len(files))
		s.wrote = out + " is up to date"
	} else {
		fmt.Fprintf(s.stderr, "wrote %s: %d key server and %d group member script(s) with review copies, %d key bundle(s), manifest.json\n",
			out, scripts[render.KindKeyServer], scripts[render.KindMember], len(bundles))
		s.wrote = out + " was written, complete,"
	}
	if st.result.Phase1() {
		fmt.Fprint(s.stderr, phase1NextStep(st))
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
