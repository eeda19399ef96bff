package app

import (
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/inventory"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/verify"
)

const verifyUsage = `Usage: getvpnc verify SPEC --inventory DIR [-o OUT | --key LABEL=FILE...] [--format text|json]

Checks captures taken after deployment: DIR/<key-server>.txt holds the
output of 'show crypto key mypubkey rsa' on each key server. Every key
server of every group must hold the expected key under the group's label.
The expected key is the one in OUT/manifest.json (-o), or in a --key file;
without either, all key servers of a key must hold the same key. Exits 0
when all match, 1 otherwise, with a table per key.

A capture proves nothing about a key server it was not taken on, so
verify also refuses (exit 1) a capture whose prompt names another host
than the key server's hostname (verify/hostname), and two captures that
come from one device (verify/same-device): byte-identical files, prompts
naming one host, a shared temporary (.server) key, or identical key
records that include a key outside the spec's rekey labels (such as the
device's SSH key). Capture with the prompt line: it names the device.

JSON (--format json), on stdout, in place of the tables: {"keys":
[{"label", "source" ("expected key" or "the primary's key"), "sha256"
(the expected key's, or null when unknown), "keyServers": [{"name",
"holds" (sha256 or null), "result" ("ok", "DIFFERENT" or "MISSING")}]}],
"diagnostics": [...]}, the diagnostics as in 'getvpnc validate --help',
each mismatch one verify/key-mismatch at the capture. keys is [] when
verify stopped before comparing (a usage error, a refused spec, key file
or capture); the exit code is the same as in text.`

// verifyOptions are verify's flags.
type verifyOptions struct {
	inventory string
	output    string
	keyFiles  []string
}

func (e *env) verify(args []string) int {
	fs := e.newFlagSet("verify")
	s := e.session(fs, diagFormat)
	var o verifyOptions
	fs.StringVar(&o.inventory, "inventory", "", "directory of 'show crypto key mypubkey rsa' captures (required)")
	fs.StringVarP(&o.output, "output", "o", "", "the compile output whose manifest names the expected keys")
	fs.StringArrayVar(&o.keyFiles, "key", nil, "a key file naming the expected key: LABEL=FILE (repeatable)")
	var keys []verify.Key
	s.emitJSON = func() { s.printVerifyJSON(keys) }
	if done, code := s.parse(fs, verifyUsage, args); done {
		return code
	}
	return s.run(func() (err error) {
		keys, err = s.runVerify(fs, o)
		return err
	})
}

// runVerify checks the command line, the spec (with its waivers, as the
// other commands apply them) and the captures, then compares each key
// server's key with the expected one. It returns the comparison when it
// got that far, also when a key server does not match (the error then
// says exit 1; the mismatches were shown).
func (s *session) runVerify(fs *pflag.FlagSet, o verifyOptions) ([]verify.Key, error) {
	if err := s.checkArgs(fs); err != nil {
		return nil, err
	}
	if o.inventory == "" {
		return nil, fail(exitcode.Usage, "verify needs the captures: --inventory DIR")
	}
	if o.output != "" && len(o.keyFiles) > 0 {
		return nil, fail(exitcode.Usage, "give either -o OUT or --key, not both")
	}
	f, err := s.front(fs)
	if err != nil {
		return nil, err
	}
	expected, err := expectedKeys(f, o.output, o.keyFiles)
	if err != nil {
		return nil, err
	}
	captures, diags := inventory.LoadDistinct(o.inventory, f.devices(), f.keyLabels())
	s.show(diags)
	if inventory.ReadFailed(diags) {
		return nil, fail(exitcode.Internal, "")
	}
	if diags.HasErrors() {
		return nil, fail(exitcode.Invalid, "")
	}
	s.waive.markCaptures()
	// A capture that lists no key under a label proves the key missing
	// only as it would for compile (the prompt, the whole listing, no
	// filter); otherwise its own problem is the one to fix.
	hosts := map[string]string{}
	for _, ks := range f.spec.KeyServers {
		hosts[ks.Name] = ks.Hostname
	}
	unproven := func(ks, label string) *diag.Diagnostic {
		if c := captures[ks]; c != nil {
			return c.AbsenceProblem(ks, hosts[ks], label)
		}
		return nil
	}
	keys, mismatches := verify.Compare(f.plan.Keys, expected, captures, unproven)
	if !s.json() {
		printVerifyTables(s.stdout, keys)
	}
	s.show(mismatches)
	if len(mismatches) > 0 {
		return keys, fail(exitcode.Invalid, "")
	}
	return keys, nil
}

// devices are the key servers that get a script, as the inventory
// checks name them.
func (f *front) devices() []inventory.Device {
	var ds []inventory.Device
	for _, name := range f.keyServerNames() {
		for _, ks := range f.spec.KeyServers {
			if ks.Name == name {
				ds = append(ds, inventory.Device{Name: ks.Name, Hostname: ks.Hostname})
			}
		}
	}
	return ds
}

// keyLabels are the spec's rekey key labels: keys every key server holds
// by design.
func (f *front) keyLabels() []string {
	var labels []string
	for _, k := range f.plan.Keys {
		labels = append(labels, k.Label)
	}
	return labels
}

// expectedKeys returns label → expected fingerprint from the manifest of
// out or from --key files (their PUBLIC KEY blocks).
func expectedKeys(f *front, out string, keyFiles []string) (map[string]string, error) {
	want := map[string]string{}
	if out != "" {
		data, err := readInput(filepath.Join(out, render.ManifestPath), "the manifest", infile.MaxManifest)
		if err != nil {
			return nil, err
		}
		m, err := output.ParseManifest(data)
		if err != nil {
			// Positioned at the manifest's line when the parser knows it.
			l := output.Diagnostics(out, &output.ManifestError{Path: filepath.Join(out, render.ManifestPath), Err: err})
			for _, d := range l {
				d.Detail += ", or name the expected keys with --key LABEL=FILE instead of -o"
			}
			return nil, &diagFailure{code: exitcode.Invalid, diags: l}
		}
		for _, k := range m.Keys {
			if k.SHA256 != nil {
				want[k.Label] = *k.SHA256
			}
		}
		return want, nil
	}
	files, err := keyFlags(keyFiles, f.plan)
	if err != nil {
		return nil, err
	}
	for label, file := range files {
		data, err := readInput(file, "key file", infile.MaxKeyFile)
		if err != nil {
			return nil, err
		}
		spki, err := keys.PublicSPKI(data)
		if err != nil {
			return nil, &diagFailure{code: exitcode.Invalid, diags: keyDiags(file, err, "")}
		}
		want[label] = keys.SPKIFingerprint(spki)
	}
	return want, nil
}
