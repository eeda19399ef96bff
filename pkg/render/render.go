package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// File modes: anything holding the passphrase, a pre-shared key or key
// material is 0600.
const (
	secretMode = 0o600
	publicMode = 0o644
)

// Input is what the render stage consumes.
type Input struct {
	Plan *plan.Plan
	// Sync says, per key and key server, what the script does with the
	// key (import, replace, generate, nothing).
	Sync *keysync.Result
	// Keys holds the bundle of every key some script imports; a key no
	// script imports may be missing.
	Keys map[string]*keys.Bundle
	// Passphrase is marked secret: it reaches only deploy scripts, through
	// the template function `passphrase`.
	Passphrase secret.Value
	// Secrets holds the pre-shared keys, keyed by spec.SecretRef.Ref():
	// they reach only deploy scripts, through the template function
	// `psk`. Review copies need none.
	Secrets map[string]secret.Value
	Tool    Tool
	// SpecPath is the spec's path relative to the output directory
	// (slash-separated), and SpecSHA256 the hex SHA-256 of its bytes.
	SpecPath   string
	SpecSHA256 string
	// Waivers are the spec's waivers with the warnings each removed from
	// the run, for the manifest (any order: it sorts them).
	Waivers []output.ManifestWaiver
}

// Tool names the program and version that produced the output.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// mode says whether secrets are printed (deploy) or replaced (review).
type mode int

const (
	deploy mode = iota
	review
)

// device is one script to render: its kind (template and directory), its
// name, and its template data for a mode.
type device struct {
	kind Kind
	name string
	view func(m mode) (any, error)
}

// devices lists every device of the plan in deploy order: the key
// servers as Plan.KeyServersInDeployOrder has them, then the members by
// name (the kinds table's order). In phase 1 (a key
// is being generated on its primary) the key servers that wait for that
// key are left out and returned as pending. Members never wait: their
// scripts hold no rekey key and are the same in both phases.
func devices(in Input) (out []device, pending []string) {
	ix := newKeyIndex(in)
	for _, ks := range in.Plan.KeyServersInDeployOrder() {
		if ix.waitsForPhase2(ks) {
			pending = append(pending, ks.Name)
			continue
		}
		out = append(out, device{kind: KindKeyServer, name: ks.Name, view: func(m mode) (any, error) { return keyServerView(in, ix, ks, m) }})
	}
	for _, gm := range in.Plan.Members {
		out = append(out, device{kind: KindMember, name: gm.Name, view: func(m mode) (any, error) { return memberView(in, gm, m), nil }})
	}
	return out, pending
}

// renderer renders the scripts of one Render call: the templates are
// cloned once per mode (never per device) and the secret functions
// record into st, which the renderer resets per script. A renderer renders
// one script at a time (renderAll gives each worker its own).
type renderer struct {
	tmpl map[mode]*template.Template
	st   *scriptState
	// buf is reused from script to script of this renderer.
	buf bytes.Buffer
}

func newRenderer(in Input, modes ...mode) (*renderer, error) {
	r := &renderer{tmpl: map[mode]*template.Template{}, st: &scriptState{}}
	for _, m := range modes {
		t, err := parse(secretFuncs(in, m, r.st))
		if err != nil {
			return nil, err
		}
		r.tmpl[m] = t
	}
	return r, nil
}

// script renders d in mode m; revealed says the result holds a secret in
// the clear.
func (r *renderer) script(d device, m mode) (data []byte, revealed bool, err error) {
	view, err := d.view(m)
	if err != nil {
		return nil, false, err
	}
	r.st.revealed = false
	r.buf.Reset()
	if err := r.tmpl[m].ExecuteTemplate(&r.buf, kindOf(d.kind).template, view); err != nil {
		return nil, false, fmt.Errorf("internal: rendering the script of %s: %w", d.name, err)
	}
	// A copy of the exact size: the tree is held in memory until it is
	// written, and a grown buffer is up to twice its script.
	return bytes.Clone(r.buf.Bytes()), r.st.revealed, nil
}

// Render produces the whole output tree, sorted by path: each device's
// deploy script and review copy, the key bundles and the manifest. In
// phase 1 the scripts of the key servers that wait for the new key are not
// written; the manifest lists them as pending. An error means a bug (a
// template that does not fit its data, a key or secret missing from
// Input), never a problem in the user's spec.
func Render(in Input) ([]output.File, error) {
	devs, pending := devices(in)
	scripts, refs, err := renderAll(in, devs, deploy, review)
	if err != nil {
		return nil, err
	}
	files := make([]output.File, 0, 2*len(devs)+len(in.Plan.Keys)+1)
	m := manifestFacts{pending: pending, secret: make(map[string]bool, len(devs))}
	for i, d := range devs {
		p := ScriptPath(d.kind, d.name)
		files = append(files, output.File{Path: p, Data: scripts[i].deploy, Mode: secretMode})
		m.secret[p] = scripts[i].revealed
		m.deployOrder = append(m.deployOrder, p)
		// The review copy is rendered from the same plan with the secret
		// functions bound to placeholders: it holds no secret by
		// construction, and stays the same while the key does.
		files = append(files, output.File{Path: ReviewPath(d.kind, d.name), Data: scripts[i].review, Mode: publicMode})
	}
	for _, k := range in.Plan.Keys {
		if b := in.Keys[k.Label]; b != nil {
			files = append(files, output.File{Path: BundlePath(k.Label), Data: b.File(), Mode: secretMode})
		}
	}
	m.refs = sortedRefs(refs)
	sortFiles(files)
	data, err := manifest(in, files, m)
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Path: ManifestPath, Data: data, Mode: publicMode})
	sortFiles(files)
	return files, nil
}

// ReviewCopies renders only the review copies, of every device. It needs
// the public half of every key and no secret, so `compile --check` can
// compare review copies in a pipeline that has no passphrase and no
// pre-shared key.
func ReviewCopies(in Input) ([]output.File, error) {
	devs, _ := devices(in)
	scripts, _, err := renderAll(in, devs, review)
	if err != nil {
		return nil, err
	}
	files := make([]output.File, 0, len(devs))
	for i, d := range devs {
		files = append(files, output.File{Path: ReviewPath(d.kind, d.name), Data: scripts[i].review, Mode: publicMode})
	}
	sortFiles(files)
	return files, nil
}

func sortFiles(files []output.File) {
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
}

func sortedRefs(refs map[string]bool) []string {
	out := make([]string, 0, len(refs))
	for r := range refs {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%x", sum[:])
}
