package app

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/secretref"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

var update = flag.Bool("update", false, "rewrite examples/*/want from the current output (keys are kept)")

const examplesDir = "../../examples"

// demoPassphrase is the passphrase of the committed example keys.
func demoPassphrase(t *testing.T) []byte {
	t.Helper()
	p, err := os.ReadFile(filepath.Join(examplesDir, "demo-passphrase.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := infile.FirstLine(p)
	return line
}

// exampleDirs lists examples/*/ that hold a spec.yaml.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob(filepath.Join(examplesDir, "*", "spec.yaml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	var dirs []string
	for _, s := range specs {
		dirs = append(dirs, filepath.Dir(s))
	}
	return dirs
}

// weakRules are the legacy-crypto rules allowWeakCrypto turns into warnings.
var weakRules = map[string]bool{"spec/weak-crypto": true, "spec/weak-rekey-algorithm": true, "spec/rsa-1024": true}

// compileExample runs the whole pipeline on an example in memory, reusing
// the committed keys in want/keys (generating them only with -update).
func compileExample(t *testing.T, dir string) (*front, map[string]*keys.Bundle, []output.File) {
	t.Helper()
	f, err := runFront(filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.invalid {
		t.Fatalf("example does not validate:\n%v", f.diags)
	}
	// An example shows no warning: one it shows on purpose is waived in
	// its spec, with the reason a reviewer reads in the manifest, and
	// every waiver must still match something.
	for _, d := range f.waivers.Filter(f.diags) {
		// An example that opts in to weak crypto expects its warnings.
		if weakRules[d.Code] && f.spec.AllowWeakCrypto {
			continue
		}
		t.Errorf("example has a warning: %s", d)
	}
	for _, d := range f.waivers.Unused(func(string) bool { return true }) {
		t.Errorf("example has an unused waiver: %s", d)
	}
	pass := demoPassphrase(t)
	bundles := map[string]*keys.Bundle{}
	for _, k := range f.plan.Keys {
		data, err := os.ReadFile(filepath.Join(dir, "want", "keys", k.Label+".pem"))
		switch {
		case err == nil:
			b, err := keys.Parse(data, pass)
			if err != nil {
				t.Fatalf("committed key %s: %v", k.Label, err)
			}
			bundles[k.Label] = b
		case *update:
			priv, err := keys.Generate(k.Modulus)
			if err != nil {
				t.Fatal(err)
			}
			if bundles[k.Label], err = keys.Encrypt(priv, pass, nil); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("no committed key for %s (run with -update to make one): %v", k.Label, err)
		}
	}
	files, err := renderFront(f, bundles, pass)
	if err != nil {
		t.Fatal(err)
	}
	return f, bundles, files
}

// renderFront renders with the decision compile makes without inventory
// when every key is supplied: every key server imports it. The secret
// references are resolved as compile resolves them (an example's demo
// key files, relative to its spec).
func renderFront(f *front, bundles map[string]*keys.Bundle, pass []byte) ([]output.File, error) {
	sec, diags := secretref.Resolve(f.plan.Secrets, f.doc, filepath.Dir(f.path), os.LookupEnv)
	if diags.HasErrors() {
		return nil, diags
	}
	in := keysync.Input{Keys: f.plan.Keys, Supplied: map[string]keysync.Supplied{}}
	for label, b := range bundles {
		in.Supplied[label] = keysync.Supplied{File: "want/keys/" + label + ".pem", Origin: "read from want/keys/" + label + ".pem", SPKI: b.SPKI()}
	}
	return render.Render(render.Input{
		Plan: f.plan, Sync: keysync.Decide(in), Keys: bundles, Passphrase: secret.New(pass), Secrets: sec.Values,
		Tool:     render.Tool{Name: "getvpnc", Version: Version},
		SpecPath: "spec.yaml", SpecSHA256: f.sha256,
	})
}

// TestExamples compiles every shipped example with the real compile
// command (Main, into a fresh directory beside want/ so the manifest's
// relative spec path is the same) and compares the whole output tree with
// examples/<name>/want: a changed byte, a missing file or an extra file
// fails. The committed keys in want/keys are passed with --key; -update
// compiles into want/ itself, where compile reuses the keys (and makes
// them for a new example).
func TestExamples(t *testing.T) {
	passFile := filepath.Join(examplesDir, "demo-passphrase.txt")
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want := filepath.Join(dir, "want")
			out := want
			args := []string{"compile", filepath.Join(dir, "spec.yaml"), "--passphrase-file", passFile}
			if !*update {
				tmp, err := os.MkdirTemp(dir, ".golden-")
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.RemoveAll(tmp) })
				out = tmp
				pems, _ := filepath.Glob(filepath.Join(want, "keys", "*.pem"))
				for _, pem := range pems {
					args = append(args, "--key", strings.TrimSuffix(filepath.Base(pem), ".pem")+"="+pem)
				}
			}
			var stderr bytes.Buffer
			if code := Main(append(args, "-o", out), strings.NewReader(""), io.Discard, &stderr); code != exitcode.OK {
				t.Fatalf("compile: exit %d\n%s", code, stderr.String())
			}
			if *update {
				return
			}
			golden, err := output.Read(want, output.Options{ManifestPath: render.ManifestPath})
			if err != nil {
				t.Fatalf("reading %s: %v (run with -update)", want, err)
			}
			got, err := output.Read(out, output.Options{ManifestPath: render.ManifestPath})
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, golden, got)
		})
	}
}

func compareGolden(t *testing.T, want, got []output.File) {
	t.Helper()
	index := func(fs []output.File) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range fs {
			m[f.Path] = f.Data
		}
		return m
	}
	w, g := index(want), index(got)
	for p, data := range g {
		wd, ok := w[p]
		switch {
		case !ok:
			t.Errorf("extra file %s", p)
		case !bytes.Equal(wd, data):
			t.Errorf("%s differs from the golden copy:\n%s", p, firstDiff(wd, data))
		}
	}
	for p := range w {
		if _, ok := g[p]; !ok {
			t.Errorf("missing file %s", p)
		}
	}
}

func firstDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + strconv.Itoa(i+1) + ":\n- " + string(x) + "\n+ " + string(y)
		}
	}
	return "(same lines)"
}

// TestExamplesDeterministic renders each example twice, and again from a
// spec whose lists are all reordered: the trees must be byte-identical.
func TestExamplesDeterministic(t *testing.T) {
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f, bundles, first := compileExample(t, dir)
			pass := demoPassphrase(t)
			again, err := renderFront(f, bundles, pass)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, first, again)

			shuffled := *f
			s := reorder(*f.spec)
			p, diags := plan.Build(f.doc, &s)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			shuffled.plan = p
			reordered, err := renderFront(&shuffled, bundles, pass)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, first, reordered)
		})
	}
}

// reorder returns a copy of s with every list whose order carries no
// meaning reversed (ACL entries keep their order: it is their meaning).
func reorder(s spec.Spec) spec.Spec {
	s.KeyServers = reversed(s.KeyServers)
	s.RSAKeys = reversed(s.RSAKeys)
	s.ISAKMPPolicies = reversed(s.ISAKMPPolicies)
	s.TransformSets = reversed(s.TransformSets)
	s.IPsecProfiles = reversed(s.IPsecProfiles)
	s.AccessLists = reversed(s.AccessLists)
	groups := reversed(s.Groups)
	for i := range groups {
		groups[i].KeyServers = reversed(groups[i].KeyServers)
		groups[i].SAs = reversed(groups[i].SAs)
	}
	s.Groups = groups
	// A member's own groups keep their order: it is its crypto map's.
	s.GroupMembers = reversed(s.GroupMembers)
	return s
}

func reversed[T any](in []T) []T {
	out := slices.Clone(in)
	slices.Reverse(out)
	return out
}
