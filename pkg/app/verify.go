package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/inventory"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/render"
)

const verifyUsage = `Usage: getvpnc verify SPEC --inventory DIR [-o OUT | --key LABEL=FILE...]

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
device's SSH key). Capture with the prompt line: it names the device.`

func (e *env) verify(args []string) int {
	fs := e.newFlagSet("verify")
	invDir := fs.String("inventory", "", "directory of 'show crypto key mypubkey rsa' captures (required)")
	out := fs.StringP("output", "o", "", "the compile output whose manifest names the expected keys")
	keyFiles := fs.StringArray("key", nil, "a key file naming the expected key: LABEL=FILE (repeatable)")
	if done, code := e.parse(fs, verifyUsage, args); done {
		return code
	}
	if fs.NArg() != 1 {
		return e.report(fail(ExitUsage, "verify takes exactly one SPEC file; run 'getvpnc verify --help'"))
	}
	if *invDir == "" {
		return e.report(fail(ExitUsage, "verify needs the captures: --inventory DIR"))
	}
	if *out != "" && len(*keyFiles) > 0 {
		return e.report(fail(ExitUsage, "give either -o OUT or --key, not both"))
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return e.report(err)
	}
	// verify applies the spec's waivers as the other commands do, so a
	// waived warning of the spec or of a capture is not printed here.
	var w waiving
	w.use(f)
	defer func() {
		diag.Print(e.stderr, w.unused())
		w.count(e.stderr)
	}()
	diag.Print(e.stderr, w.filter(f.diags))
	if f.invalid {
		return ExitInvalid
	}
	expected, err := expectedKeys(f, *out, *keyFiles)
	if err != nil {
		return e.report(err)
	}
	captures, diags := inventory.LoadDistinct(*invDir, f.devices(), f.keyLabels())
	diag.Print(e.stderr, w.filter(diags))
	if inventory.ReadFailed(diags) {
		return ExitInternal
	}
	if diags.HasErrors() {
		return ExitInvalid
	}
	w.mark("inventory", "verify")
	var mismatches diag.List
	for _, k := range f.plan.Keys {
		want, source := expected[k.Label], "expected key"
		if want == "" {
			// No expectation given: the primary's key, which every other
			// key server must equal.
			source = "the primary's key"
			if rec := captures[k.Primary].Find(k.Label); rec != nil {
				want = rec.Fingerprint()
			}
		}
		fmt.Fprintf(e.stdout, "key %s: %s sha256 %s\n", k.Label, source, orDash(want))
		w := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(w, "    key server\tholds (sha256 of the public key)\tresult")
		for _, m := range k.KeyServers {
			held, result := "-", "MISSING"
			if rec := captures[m.Name].Find(k.Label); rec != nil {
				held, result = rec.Fingerprint(), "ok"
				if want == "" || held != want {
					result = "DIFFERENT"
				}
			}
			if result != "ok" {
				mismatches.Add(keyMismatch(captures[m.Name], m.Name, k.Label, result, source))
			}
			fmt.Fprintf(w, "    %s\t%s\t%s\n", m.Name, held, result)
		}
		w.Flush()
	}
	if len(mismatches) > 0 {
		diag.Print(e.stderr, mismatches)
		return ExitInvalid
	}
	return ExitOK
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
			return nil, outputFail(out, &output.ManifestError{Path: filepath.Join(out, render.ManifestPath), Err: err})
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
			return nil, &diagFailure{code: ExitInvalid, diags: keyDiags(file, err, "")}
		}
		want[label] = keys.SPKIFingerprint(spki)
	}
	return want, nil
}

// keyMismatch is the verify/key-mismatch error for one key server whose
// capture lacks the key or holds another one: at the capture's record of
// the label, or at the capture file when the label is not in it.
func keyMismatch(c *inventory.Capture, ks, label, result, source string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: "verify/key-mismatch"}
	if c != nil {
		d.Pos.File = c.File
		if rec := c.Find(label); rec != nil {
			d.Pos.Line = rec.Line
		}
	}
	if result == "MISSING" {
		d.Summary = fmt.Sprintf("key server %s does not hold key %s", ks, label)
		d.Detail = "import the key on it (its script, or the bundle with crypto key import rsa), then capture again"
	} else {
		if !strings.HasPrefix(source, "the ") {
			source = "the " + source
		}
		d.Summary = fmt.Sprintf("key server %s holds another key under %s: not %s", ks, label, source)
		d.Detail = "the key servers do not sign rekeys with one key: import the expected key on it, or run compile with --inventory to decide which key to keep"
	}
	return d
}
