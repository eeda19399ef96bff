package render

import (
	"encoding/json"
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// The manifest's types are pkg/output's, which reads manifests back with
// one strict decoder (output.ParseManifest); render only writes them.
type (
	Manifest          = output.Manifest
	ManifestKeySync   = output.ManifestKeySync
	ManifestSpec      = output.ManifestSpec
	ManifestKey       = output.ManifestKey
	ManifestGroup     = output.ManifestGroup
	ManifestKeyServer = output.ManifestKeyServer
	ManifestFile      = output.ManifestFile
)

func manifest(in Input, files []output.File, pending []string) ([]byte, error) {
	m := Manifest{
		Tool:    output.ManifestTool(in.Tool),
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
