package render

import (
	"encoding/json"
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// Manifest is the documented contract of OUT/manifest.json: what was
// produced, from what, and with which key. It never holds a secret.
type Manifest struct {
	Tool Tool         `json:"tool"`
	Spec ManifestSpec `json:"spec"`
	// Phase is 1 when a key is being generated on its primary and the
	// scripts of Pending wait for a second compile with --key; omitted
	// otherwise.
	Phase   int               `json:"phase,omitempty"`
	Pending []string          `json:"pending,omitempty"`
	Keys    []ManifestKey     `json:"keys"`
	KeySync []ManifestKeySync `json:"keySync"`
	Groups  []ManifestGroup   `json:"groups"`
	Files   []ManifestFile    `json:"files"`
}

// ManifestKeySync is the key decision as recorded: the case, the key and
// each key server's action. It leaves out the wording of where the key came
// from, which differs between the run that made a key and the reruns that
// reuse it, so that a rerun writes the same manifest.
type ManifestKeySync struct {
	Label      string               `json:"label"`
	Case       string               `json:"case"`
	SHA256     *string              `json:"sha256"`
	Primary    string               `json:"primary"`
	KeyServers []keysync.KSDecision `json:"keyServers"`
}

// ManifestSpec identifies the input spec.
type ManifestSpec struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// ManifestKey describes one rekey key by its public half only.
type ManifestKey struct {
	Label   string `json:"label"`
	Modulus int    `json:"modulus"`
	// SHA256 is the hex SHA-256 of the SubjectPublicKeyInfo DER; null
	// while the key is still to be generated on a device (phase 1).
	SHA256 *string `json:"sha256"`
	// KeyData is that DER as `show crypto key mypubkey rsa` prints it.
	KeyData string `json:"keyData"`
}

// ManifestGroup summarises a group and its COOP roles.
type ManifestGroup struct {
	Name       string              `json:"name"`
	Identity   uint64              `json:"identity"`
	Key        string              `json:"key"`
	KeyServers []ManifestKeyServer `json:"keyServers"`
}

// ManifestKeyServer is a KS in a group; the primary comes first.
type ManifestKeyServer struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	Priority int    `json:"priority"`
	Role     string `json:"role"`
}

// ManifestFile is every other file of the output tree.
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
}

func manifest(in Input, files []output.File, pending []string) ([]byte, error) {
	m := Manifest{
		Tool:    in.Tool,
		Spec:    ManifestSpec{Path: in.SpecPath, SHA256: in.SpecSHA256},
		Pending: pending,
		Keys:    []ManifestKey{},
		KeySync: []ManifestKeySync{},
		Groups:  []ManifestGroup{},
		Files:   []ManifestFile{},
	}
	for _, d := range in.Sync.Keys {
		mk := ManifestKeySync{Label: d.Label, Case: d.Case, SHA256: d.SHA256, Primary: d.Primary, KeyServers: d.KeyServers}
		if b := in.Keys[d.Label]; b != nil {
			// A key made in this run has its fingerprint only now.
			fp := b.Fingerprint()
			mk.SHA256 = &fp
		}
		m.KeySync = append(m.KeySync, mk)
	}
	if in.Sync.Phase1() {
		m.Phase = 1
	}
	for _, k := range in.Plan.Keys {
		mk := ManifestKey{Label: k.Label, Modulus: k.Modulus}
		spki := in.Keys[k.Label].SPKI()
		if spki == nil {
			if d := in.Sync.Find(k.Label); d != nil {
				spki = d.SPKI
			}
		}
		if spki != nil {
			fp := keys.SPKIFingerprint(spki)
			mk.Modulus, mk.SHA256, mk.KeyData = keys.SPKIBits(spki), &fp, keys.FormatKeyData(spki)
		}
		m.Keys = append(m.Keys, mk)
	}
	for _, g := range in.Plan.Groups {
		mg := ManifestGroup{Name: g.Name, Identity: g.Identity, Key: g.KeyLabel, KeyServers: []ManifestKeyServer{}}
		for _, ks := range g.KeyServers {
			mg.KeyServers = append(mg.KeyServers, ManifestKeyServer{Name: ks.Name, Address: ks.Address, Priority: ks.Priority, Role: ks.Role})
		}
		m.Groups = append(m.Groups, mg)
	}
	for _, f := range files {
		m.Files = append(m.Files, ManifestFile{Path: f.Path, SHA256: sha256Hex(f.Data), Size: len(f.Data)})
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("internal: encoding the manifest: %w", err)
	}
	return append(out, '\n'), nil
}
