package render

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// ksView is the data of ios/keyserver.tmpl.
type ksView struct {
	Tool, Version string
	KS            plan.KeyServer
	// Path is the deploy script's path, which the review copy names.
	Path        string
	KeyOps      []keyOp
	Review      bool
	HasSecrets  bool
	HasImport   bool
	HasZeroize  bool
	HasGenerate bool
	// Save ends the script with `write memory`.
	Save bool
	IKE  ikeView
	// HoldsPSK says the script holds pre-shared keys (a deploy script
	// with key lines).
	HoldsPSK bool
}

// ikeView says how a script authenticates in IKE, for its header.
type ikeView struct {
	// PreShare and RSASig say some ISAKMP policy uses pre-shared keys or
	// certificates.
	PreShare, RSASig bool
	// Trustpoint is the plan's trustpoint ("" when none is named).
	Trustpoint string
	// COOPPeers names the COOP peers keyed; Members counts the member
	// host lines; Wildcard says one line keys every member address.
	COOPPeers []string
	Members   int
	Wildcard  bool
	// UnkeyedCOOP is plan.KeyServer.UnkeyedCOOP, for a key server's
	// script.
	UnkeyedCOOP []string
}

func newIKEView(p *plan.Plan, policies []plan.ISAKMPPolicy, peerKeys []plan.PeerKey, unkeyedCOOP []string) ikeView {
	v := ikeView{Trustpoint: p.Trustpoint, UnkeyedCOOP: unkeyedCOOP}
	for _, pol := range policies {
		v.PreShare = v.PreShare || pol.UsesPreShare()
		v.RSASig = v.RSASig || pol.UsesRSASig()
	}
	for _, k := range peerKeys {
		switch k.Role {
		case plan.RoleCOOP:
			v.COOPPeers = append(v.COOPPeers, k.Peer)
		case plan.RoleMember:
			v.Members++
		case plan.RoleMembers:
			v.Wildcard = true
		}
	}
	return v
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

func keyServerView(in Input, ix *keyIndex, ks plan.KeyServer, m mode) (ksView, error) {
	view := ksView{
		Tool: in.Tool.Name, Version: in.Tool.Version, KS: ks,
		Path: ScriptPath(KindKeyServer, ks.Name), Review: m == review, Save: in.Plan.SaveConfig,
		IKE: newIKEView(in.Plan, ks.ISAKMP, ks.PeerKeys, ks.UnkeyedCOOP), HoldsPSK: m == deploy && len(ks.PeerKeys) > 0,
	}
	for _, label := range ks.KeyLabels {
		op, err := ix.operation(label, ks.Name)
		if err != nil {
			return view, err
		}
		view.KeyOps = append(view.KeyOps, op)
		view.HasImport = view.HasImport || op.Import
		view.HasZeroize = view.HasZeroize || op.Zeroize
		view.HasGenerate = view.HasGenerate || op.Generate
	}
	view.HasSecrets = m == deploy && (view.HasImport || view.HasGenerate)
	return view, nil
}

// keyIndex holds, per label, what the scripts of every key server naming
// the key need of it, worked out once per render: the plan's key, what
// each key server does with it, and its public key's facts (size,
// fingerprint, Key Data lines). A fleet with a key per group has
// thousands of key servers and keys; looking each up per script would be
// quadratic.
type keyIndex struct {
	keys map[string]*keyFacts
}

type keyFacts struct {
	key plan.Key
	// actions maps a key server to what it does with the key (keysync's
	// Action*); a key server it lacks does nothing (ActionNone).
	actions map[string]string
	// phase1 says the key is being generated on its primary.
	phase1 bool
	// public holds the key's public facts, nil when they are not known
	// (no bundle and no public key in the decision).
	public *keyOp
	// bundled says Input.Keys holds the key's bundle.
	bundled bool
}

func newKeyIndex(in Input) *keyIndex {
	ix := &keyIndex{keys: make(map[string]*keyFacts, len(in.Plan.Keys))}
	for _, k := range in.Plan.Keys {
		if _, dup := ix.keys[k.Label]; !dup {
			ix.keys[k.Label] = &keyFacts{key: k}
		}
	}
	for i := range in.Sync.Keys {
		d := &in.Sync.Keys[i]
		f := ix.keys[d.Label]
		if f == nil {
			f = &keyFacts{key: plan.Key{}}
			ix.keys[d.Label] = f
		}
		if f.actions != nil {
			continue // the first decision of a label is the one Result.Find gives
		}
		f.phase1 = d.Phase1
		f.actions = make(map[string]string, len(d.KeyServers))
		for _, k := range d.KeyServers {
			if _, seen := f.actions[k.Name]; !seen {
				f.actions[k.Name] = k.Action
			}
		}
		if d.SPKI != nil {
			f.public = publicFacts(d.SPKI, "")
		}
	}
	for label, f := range ix.keys {
		if b := in.Keys[label]; b != nil && f.key.Label != "" {
			f.bundled = true
			f.public = publicFacts(b.SPKI(), string(b.PublicPEM))
		}
	}
	return ix
}

// publicFacts are the parts of a keyOp that come from the public key.
func publicFacts(spki []byte, publicPEM string) *keyOp {
	if spki == nil {
		return nil
	}
	return &keyOp{
		Bits: keys.SPKIBits(spki), Fingerprint: keys.SPKIFingerprint(spki),
		KeyData: strings.Split(keys.FormatKeyData(spki), "\n"), PublicPEM: publicPEM,
	}
}

// action is what ks does with label (ActionNone when nothing).
func (ix *keyIndex) action(label, ks string) string {
	if f := ix.keys[label]; f != nil {
		if a, ok := f.actions[ks]; ok {
			return a
		}
	}
	return keysync.ActionNone
}

// waitsForPhase2 reports whether ks must import a key that its primary
// is only now generating.
func (ix *keyIndex) waitsForPhase2(ks plan.KeyServer) bool {
	for _, label := range ks.KeyLabels {
		if f := ix.keys[label]; f != nil && f.phase1 && ix.action(label, ks.Name) == keysync.ActionImport {
			return true
		}
	}
	return false
}

// operation is what the script of ks does with the key label.
func (ix *keyIndex) operation(label, ks string) (keyOp, error) {
	var k plan.Key
	f := ix.keys[label]
	if f != nil {
		k = f.key
	}
	op := keyOp{Label: k.Label, Modulus: k.Modulus, Bits: k.Modulus, Exportable: k.Exportable}
	switch ix.action(k.Label, ks) {
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
	var public *keyOp
	if kf := ix.keys[k.Label]; kf != nil {
		public = kf.public
		if op.Import && !kf.bundled {
			return op, fmt.Errorf("internal: key server %s imports key %q, which was not provided", ks, k.Label)
		}
	} else if op.Import {
		return op, fmt.Errorf("internal: key server %s imports key %q, which was not provided", ks, k.Label)
	}
	if public == nil {
		return op, fmt.Errorf("internal: the public key of %q is not known", k.Label)
	}
	op.Bits, op.Fingerprint, op.KeyData, op.PublicPEM = public.Bits, public.Fingerprint, public.KeyData, public.PublicPEM
	return op, nil
}
