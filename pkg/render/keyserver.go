package render

import (
	"fmt"
	"slices"
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

func keyServerView(in Input, ks plan.KeyServer, m mode) (ksView, error) {
	view := ksView{
		Tool: in.Tool.Name, Version: in.Tool.Version, KS: ks,
		Path: ScriptPath(KindKeyServer, ks.Name), Review: m == review, Save: in.Plan.SaveConfig,
		IKE: newIKEView(in.Plan, ks.ISAKMP, ks.PeerKeys, ks.UnkeyedCOOP), HoldsPSK: m == deploy && len(ks.PeerKeys) > 0,
	}
	for _, label := range ks.KeyLabels {
		i := slices.IndexFunc(in.Plan.Keys, func(k plan.Key) bool { return k.Label == label })
		var k plan.Key
		if i >= 0 {
			k = in.Plan.Keys[i]
		}
		op, err := keyOperation(in, k, ks.Name)
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
