package render

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

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

// Render produces the whole output tree, sorted by path: each device's
// deploy script and review copy, the key bundles and the manifest. In
// phase 1 the scripts of the key servers that wait for the new key are not
// written; the manifest lists them as pending. An error means a bug (a
// template that does not fit its data, a key or secret missing from
// Input), never a problem in the user's spec.
func Render(in Input) ([]output.File, error) {
	idx := newKeyIndex(in)
	devs, pending := devices(in, idx)
	scripts, refs, err := renderDevices(in, idx, devs, deploy, review)
	if err != nil {
		return nil, err
	}
	files := make([]output.File, 0, 2*len(devs)+len(in.Plan.Keys)+1)
	m := manifestFacts{pending: pending, secret: make(map[string]bool, len(devs)), deployOrder: make([]string, 0, len(devs))}
	for i, d := range devs {
		p := ScriptPath(d.kind, d.name)
		files = append(files, output.File{Path: p, Data: scripts[i].data[deploy], Mode: secretMode})
		m.secret[p] = scripts[i].revealed
		m.deployOrder = append(m.deployOrder, p)
		// The review copy is the same rendering with the secret
		// functions' placeholders: it holds no secret by construction,
		// and stays the same while the key does.
		files = append(files, output.File{Path: ReviewPath(d.kind, d.name), Data: scripts[i].data[review], Mode: publicMode})
	}
	for _, k := range in.Plan.Keys {
		if b := in.Keys[k.Label]; b != nil {
			files = append(files, output.File{Path: BundlePath(k.Label), Data: b.File(), Mode: secretMode})
		}
	}
	m.refs = sortedRefs(refs)
	sortFiles(files)
	data, err := manifest(in, idx, files, m)
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
	idx := newKeyIndex(in)
	devs, _ := devices(in, idx)
	scripts, _, err := renderDevices(in, idx, devs, review)
	if err != nil {
		return nil, err
	}
	files := make([]output.File, 0, len(devs))
	for i, d := range devs {
		files = append(files, output.File{Path: ReviewPath(d.kind, d.name), Data: scripts[i].data[review], Mode: publicMode})
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
