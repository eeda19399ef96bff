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

// File modes: anything holding the passphrase or key material is 0600.
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
	Tool       Tool
	// SpecPath is the spec's path relative to the output directory
	// (slash-separated), and SpecSHA256 the hex SHA-256 of its bytes.
	SpecPath   string
	SpecSHA256 string
	// Waivers are the spec's waivers with the warnings each removed from
	// the run, for the manifest (any order: it sorts them).
	Waivers []output.ManifestWaiver
	// Secrets are the values of the plan's secret references (the IKE
	// pre-shared keys), by SecretRef.Ref(): deploy scripts only.
	Secrets map[string]secret.Value
}

// Tool names the program and version that produced the output.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Render produces the whole output tree, sorted by path. In phase 1 (a key
// is being generated on its primary) the scripts of the key servers that
// wait for that key are not written; the manifest lists them as pending.
// An error means a bug (a template that does not fit its data, a key
// missing from Input), never a problem in the user's spec.
func Render(in Input) ([]output.File, error) {
	var files []output.File
	var pending []string
	for _, ks := range in.Plan.KeyServers {
		if waitsForPhase2(in.Sync, ks) {
			pending = append(pending, ks.Name)
			continue
		}
		data, err := keyServerScript(in, ks, deploy)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Path: ScriptPath(ks.Name), Data: data, Mode: secretMode})
		// The review copy is rendered from the same plan with the secret
		// functions bound to placeholders: it holds no secret by
		// construction, and stays the same while the key does.
		reviewData, err := keyServerScript(in, ks, review)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Path: ReviewPath(ks.Name), Data: reviewData, Mode: publicMode})
	}
	for _, k := range in.Plan.Keys {
		if b := in.Keys[k.Label]; b != nil {
			files = append(files, output.File{Path: BundlePath(k.Label), Data: b.File(), Mode: secretMode})
		}
	}
	sortFiles(files)
	m, err := manifest(in, files, pending)
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Path: ManifestPath, Data: m, Mode: publicMode})
	sortFiles(files)
	return files, nil
}

// ReviewCopies renders only the review copies. It needs the public half of
// every key and no secret, so `compile --check` can compare review copies
// in a pipeline that has no passphrase.
func ReviewCopies(in Input) ([]output.File, error) {
	var files []output.File
	for _, ks := range in.Plan.KeyServers {
		if waitsForPhase2(in.Sync, ks) {
			continue
		}
		data, err := keyServerScript(in, ks, review)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Path: ReviewPath(ks.Name), Data: data, Mode: publicMode})
	}
	sortFiles(files)
	return files, nil
}

func sortFiles(files []output.File) {
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
}

// waitsForPhase2 reports whether ks must import a key that its primary
// is only now generating.
func waitsForPhase2(sync *keysync.Result, ks plan.KeyServer) bool {
	for _, d := range sync.Keys {
		if d.Phase1 && slices.Contains(ks.KeyLabels, d.Label) && sync.Action(d.Label, ks.Name) == keysync.ActionImport {
			return true
		}
	}
	return false
}

// mode says whether secrets are printed (deploy) or replaced (review).
type mode int

const (
	deploy mode = iota
	review
)

type ksView struct {
	Tool, Version string
	SpecSHA256    string
	KS            plan.KeyServer
	KeyOps        []keyOp
	Review        bool
	HasSecrets    bool
	HasImport     bool
	HasZeroize    bool
	HasGenerate   bool
	// Save ends the script with `write memory`.
	Save bool
}

// keyOp is what one script does with one key. Exactly one of Import,
// Generate or Keep is set; Zeroize comes with Import when a different key
// must be removed first.
type keyOp struct {
	Label       string
	Modulus     int
	Bits        int
	Fingerprint string
	Exportable  bool
	Zeroize     bool
	Import      bool
	Generate    bool
	Keep        bool
	PublicPEM   string
	// KeyData holds the expected `show crypto key mypubkey rsa` Key Data
	// lines; empty when the key is generated on this KS.
	KeyData []string
}

func keyServerScript(in Input, ks plan.KeyServer, m mode) ([]byte, error) {
	view := ksView{Tool: in.Tool.Name, Version: in.Tool.Version, SpecSHA256: in.SpecSHA256, KS: ks, Review: m == review, Save: in.Plan.SaveConfig}
	byLabel := map[string]plan.Key{}
	for _, k := range in.Plan.Keys {
		byLabel[k.Label] = k
	}
	for _, label := range ks.KeyLabels {
		op, err := keyOperation(in, byLabel[label], ks.Name)
		if err != nil {
			return nil, err
		}
		view.KeyOps = append(view.KeyOps, op)
		view.HasImport = view.HasImport || op.Import
		view.HasZeroize = view.HasZeroize || op.Zeroize
		view.HasGenerate = view.HasGenerate || op.Generate
	}
	view.HasSecrets = m == deploy && (view.HasImport || view.HasGenerate)
	t, err := parse(secretFuncs(in, m))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "keyserver.tmpl", view); err != nil {
		return nil, fmt.Errorf("internal: rendering the script of %s: %w", ks.Name, err)
	}
	return buf.Bytes(), nil
}

func keyOperation(in Input, k plan.Key, ks string) (keyOp, error) {
	op := keyOp{Label: k.Label, Modulus: k.Modulus, Bits: k.Modulus, Exportable: k.Exportable}
	var spki []byte
	if d := in.Sync.Find(k.Label); d != nil {
		spki = d.SPKI
	}
	switch in.Sync.Action(k.Label, ks) {
	case keysync.ActionGenerate:
		op.Generate = true
		return op, nil
	case keysync.ActionReplace:
		op.Zeroize, op.Import = true, true
	case keysync.ActionImport:
		op.Import = true
	default:
		op.Keep = true
	}
	if b := in.Keys[k.Label]; b != nil {
		spki = b.SPKI()
		op.PublicPEM = string(b.PublicPEM)
	} else if op.Import {
		return op, fmt.Errorf("internal: key server %s imports key %q, which was not provided", ks, k.Label)
	}
	if spki == nil {
		return op, fmt.Errorf("internal: the public key of %q is not known", k.Label)
	}
	op.Bits = keys.SPKIBits(spki)
	op.Fingerprint = keys.SPKIFingerprint(spki)
	op.KeyData = strings.Split(keys.FormatKeyData(spki), "\n")
	return op, nil
}

// secretFuncs binds the template functions that print secrets.
func secretFuncs(in Input, m mode) template.FuncMap {
	return template.FuncMap{
		"passphrase": func() string {
			if m == review {
				return "<passphrase>"
			}
			return string(in.Passphrase.Reveal())
		},
		"privateKey": func(label string) (string, error) {
			b := in.Keys[label]
			if b == nil {
				return "", fmt.Errorf("no key %q", label)
			}
			if m == review {
				return fmt.Sprintf("! encrypted private key of %s (%d bits, public key sha256 %s) not shown\n", label, b.Bits(), b.Fingerprint()), nil
			}
			if len(b.PrivatePEM) == 0 {
				return "", fmt.Errorf("key %q has no private half to import", label)
			}
			return string(b.PrivatePEM), nil
		},
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%x", sum[:])
}
