package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// File modes: anything holding the passphrase or key material is 0600.
const (
	secretMode = 0o600
	publicMode = 0o644
)

// ManifestPath is where the manifest sits in the output tree.
const ManifestPath = "manifest.json"

// Input is what the render stage consumes.
type Input struct {
	Plan *plan.Plan
	// Keys holds one bundle per label in Plan.Keys.
	Keys       map[string]*keys.Bundle
	Passphrase []byte
	Tool       Tool
	// SpecPath is the spec's path as given on the command line, and
	// SpecSHA256 the hex SHA-256 of its bytes.
	SpecPath   string
	SpecSHA256 string
}

// Tool names the program and version that produced the output.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Render produces the whole output tree, sorted by path. An error means a
// bug (a template that does not fit its data, a key missing from Input),
// never a problem in the user's spec.
func Render(in Input) ([]output.File, error) {
	for _, k := range in.Plan.Keys {
		if in.Keys[k.Label] == nil {
			return nil, fmt.Errorf("internal: no key material for %q", k.Label)
		}
	}
	var files []output.File
	for _, ks := range in.Plan.KeyServers {
		data, err := keyServerScript(in, ks, deploy)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Path: ks.Name + ".ios", Data: data, Mode: secretMode})
	}
	for _, k := range in.Plan.Keys {
		files = append(files, output.File{Path: path.Join("keys", k.Label+".pem"), Data: in.Keys[k.Label].File(), Mode: secretMode})
	}
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	m, err := manifest(in, files)
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Path: ManifestPath, Data: m, Mode: publicMode})
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
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
	Imports       []importView
	HasSecrets    bool
}

type importView struct {
	Label       string
	Bits        int
	Fingerprint string
	Exportable  bool
	PublicPEM   string
}

func keyServerScript(in Input, ks plan.KeyServer, m mode) ([]byte, error) {
	view := ksView{Tool: in.Tool.Name, Version: in.Tool.Version, SpecSHA256: in.SpecSHA256, KS: ks}
	exportable := map[string]bool{}
	for _, k := range in.Plan.Keys {
		exportable[k.Label] = k.Exportable
	}
	for _, label := range ks.KeyLabels {
		b := in.Keys[label]
		if b == nil {
			return nil, fmt.Errorf("internal: key server %s needs key %q, which was not provided", ks.Name, label)
		}
		view.Imports = append(view.Imports, importView{
			Label: label, Bits: b.Bits(), Fingerprint: b.Fingerprint(),
			Exportable: exportable[label], PublicPEM: string(b.PublicPEM),
		})
	}
	view.HasSecrets = m == deploy && len(view.Imports) > 0
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

// secretFuncs binds the template functions that print secrets.
func secretFuncs(in Input, m mode) template.FuncMap {
	return template.FuncMap{
		"passphrase": func() string {
			if m == review {
				return "<passphrase>"
			}
			return string(in.Passphrase)
		},
		"privateKey": func(label string) (string, error) {
			b := in.Keys[label]
			if b == nil {
				return "", fmt.Errorf("no key %q", label)
			}
			if m == review {
				return fmt.Sprintf("! encrypted private key of %s (%d bits, public key sha256 %s) not shown\n", label, b.Bits(), b.Fingerprint()), nil
			}
			return string(b.PrivatePEM), nil
		},
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%x", sum[:])
}
