package render

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/jsonout"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// The manifest's types are pkg/output's, which reads manifests back with
// one strict decoder (output.ParseManifest); render only writes them.
type (
	Manifest            = output.Manifest
	ManifestKeySync     = output.ManifestKeySync
	ManifestSpec        = output.ManifestSpec
	ManifestKey         = output.ManifestKey
	ManifestGroup       = output.ManifestGroup
	ManifestKeyServer   = output.ManifestKeyServer
	ManifestMember      = output.ManifestMember
	ManifestMemberGroup = output.ManifestMemberGroup
	ManifestFile        = output.ManifestFile
	ManifestWaiver      = output.ManifestWaiver
	ManifestWaived      = output.ManifestWaived
)

// manifestFacts are what the render loop learnt for the manifest: the
// key servers that wait for phase 2, the deploy scripts in deploy order,
// which files hold a secret in the clear, and the secret references the
// scripts name.
type manifestFacts struct {
	pending     []string
	deployOrder []string
	secret      map[string]bool
	refs        []string
}

func manifest(in Input, idx *keyIndex, files []output.File, f manifestFacts) ([]byte, error) {
	m := Manifest{
		Tool:        output.ManifestTool(in.Tool),
		Spec:        ManifestSpec{Path: in.SpecPath, SHA256: in.SpecSHA256},
		Pending:     f.pending,
		Keys:        []ManifestKey{},
		KeySync:     []ManifestKeySync{},
		Groups:      []ManifestGroup{},
		Members:     make([]ManifestMember, 0, len(in.Plan.Members)),
		Secrets:     f.refs,
		Waivers:     manifestWaivers(in.Waivers),
		DeployOrder: append([]string{}, f.deployOrder...),
		Files:       []ManifestFile{},
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
			if d := idx.decision[k.Label]; d != nil {
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
	for _, gm := range in.Plan.Members {
		mm := ManifestMember{Name: gm.Name, Hostname: gm.Hostname, Address: gm.Address, Groups: make([]ManifestMemberGroup, 0, len(gm.Groups))}
		for _, g := range gm.Groups {
			mg := ManifestMemberGroup{Name: g.Name, KeyServers: make([]string, 0, len(g.Servers))}
			for _, s := range g.Servers {
				mg.KeyServers = append(mg.KeyServers, s.Name)
			}
			mm.Groups = append(mm.Groups, mg)
		}
		m.Members = append(m.Members, mm)
	}
	for _, file := range files {
		mf := ManifestFile{Path: file.Path}
		if f.secret[file.Path] {
			// A hash of a file whose only secret is a short key lets
			// anyone holding the review copy test guesses offline, and
			// its size beside the review copy's tells the key's length.
			mf.Secret = true
		} else {
			size := len(file.Data)
			mf.SHA256, mf.Size = sha256Hex(file.Data), &size
		}
		m.Files = append(m.Files, mf)
	}
	// As every JSON getvpnc writes (jsonout): a waiver's reason is free
	// text ("<", "&") that a reviewer reads in the file as written.
	var out bytes.Buffer
	if err := jsonout.Write(&out, m); err != nil {
		return nil, fmt.Errorf("internal: encoding the manifest: %w", err)
	}
	return out.Bytes(), nil
}

// manifestWaivers is the waivers list as the manifest holds it: always a
// list, by rule and path (a pair no two waivers share), each waiver's
// warnings in file order and each once, so the manifest is the same
// whatever order the spec lists the waivers in and the run found the
// warnings in. It is the one place they are sorted: the caller has made
// the files relative to the output directory, the order they sort in.
func manifestWaivers(in []ManifestWaiver) []ManifestWaiver {
	out := make([]ManifestWaiver, 0, len(in))
	for _, w := range in {
		w.Waived = append([]ManifestWaived{}, w.Waived...)
		slices.SortFunc(w.Waived, func(a, b ManifestWaived) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
				cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message))
		})
		w.Waived = slices.Compact(w.Waived)
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b ManifestWaiver) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Path, b.Path))
	})
	return out
}
