package app

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/pkg/waiver"
	"github.com/getvpnc/getvpnc/schema"
)

// compiledSchema compiles the embedded schema once per process.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return validate.Compile(schema.SpecJSON)
})

// startCompilingSchema compiles the embedded schema on a goroutine of its
// own, once per process: the compile (about 16 ms) then overlaps reading
// and loading the spec, which never need it, instead of delaying the schema
// check. compiledSchema waits for it.
var startCompilingSchema = sync.OnceFunc(func() {
	go func() { _, _ = compiledSchema() }()
})

// front is the result of the stages every command shares.
type front struct {
	path    string
	sha256  string
	doc     *source.Document
	spec    *spec.Spec
	plan    *plan.Plan
	diags   diag.List // warnings (and errors, when err is set)
	invalid bool      // some stage reported an error
	// waivers are the spec's valid waivers, once it is decoded; nil
	// before (a spec the schema refuses waives nothing).
	waivers *waiver.Set
}

// runFront loads, validates and plans the spec at path, stopping after the
// first stage that reports an error. The returned error is for I/O and
// internal failures only; problems in the spec are in f.diags.
func runFront(path string) (*front, error) {
	if path == "-" {
		return nil, fail(exitcode.Usage, "the spec must be a file: reading it from standard input (-) is not supported, because its path is recorded in the manifest; save it to a file")
	}
	startCompilingSchema()
	data, err := readInput(path, "the spec", infile.MaxSpec)
	if err != nil {
		return nil, err
	}
	return frontFromBytes(path, data)
}

// frontFromBytes is runFront on a spec already in memory.
//
// On two cores it does two things at once (see startCompilingSchema and
// afterSchema): the schema compiles while the spec loads, and the stages
// after the schema check run on the loaded document while the check does.
// Their results are taken in the order the stages come, and thrown away
// when the check finds an error, so what it reports does not depend on
// which finishes first.
func frontFromBytes(path string, data []byte) (*front, error) {
	startCompilingSchema()
	sum := sha256.Sum256(data)
	f := &front{path: path, sha256: hex.EncodeToString(sum[:])}

	doc, diags := source.LoadSecret(path, data, spec.IsSecretPointer)
	f.doc = doc
	if f.stop(diags) {
		return f, nil
	}
	var abandoned atomic.Bool
	later := speculate(doc, &abandoned)
	s, err := compiledSchema()
	if err != nil {
		abandoned.Store(true)
		return nil, fail(exitcode.Internal, "internal: compiling the embedded schema: %v", err)
	}
	if f.stop(validate.CheckSchema(doc, s)) {
		// The later stages may be running still: they stop at their
		// next boundary, and nothing waits for them.
		abandoned.Store(true)
		return f, nil
	}
	r := <-later
	r.rethrow()
	if r.decodeErr != nil {
		return nil, fail(exitcode.Internal, "%v", r.decodeErr)
	}
	f.spec, f.waivers = r.spec, r.waivers
	if f.stop(r.semantic) {
		return f, nil
	}
	f.plan = r.plan
	f.stop(r.planDiags)
	return f, nil
}

// stop adds a stage's diagnostics and reports whether the stage failed.
func (f *front) stop(l diag.List) bool {
	f.diags.Append(l)
	f.diags.Sort()
	if l.HasErrors() {
		f.invalid = true
	}
	return f.invalid
}

// specPathFrom returns the spec's path relative to the output directory,
// slash-separated, for the manifest: it finds the spec from the manifest,
// and it does not change with the working directory or with how the paths
// were spelt (./spec.yaml, spec.yaml, OUT or a symbolic link to it), so a
// rerun from elsewhere is not drift. It is computed between the real
// locations (see realPath), which is what a reader of the manifest in the
// real directory resolves it against. If no relative path exists (another
// volume), the cleaned path as given is used.
func specPathFrom(out, spec string) string {
	realOut, err1 := realPath(out)
	realSpec, err2 := realPath(spec)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(realOut, realSpec); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(spec))
}

// realPath is p made absolute with the symbolic links of its deepest
// existing ancestor (p itself when it exists) resolved; the elements below
// that ancestor, not made yet, are appended as they are.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for d := abs; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			slices.Reverse(rest)
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if filepath.Dir(d) == d {
			return abs, nil
		}
		rest = append(rest, filepath.Base(d))
	}
}

// keyServerNames are the KSs that get a script: the ones whose captures an
// inventory must hold (a KS in no group holds no group key).
func (f *front) keyServerNames() []string {
	var names []string
	for _, ks := range f.plan.KeyServers {
		names = append(names, ks.Name)
	}
	return names
}

func (f *front) summary() string {
	if f.plan == nil {
		return ""
	}
	out := fmt.Sprintf("%d key server(s), %d group(s), %d rekey key(s)", len(f.plan.KeyServers), len(f.plan.Groups), len(f.plan.Keys))
	if n := len(f.plan.Members); n > 0 {
		out += fmt.Sprintf(", %d group member(s)", n)
	}
	return out
}
