package render

import "github.com/getvpnc/getvpnc/pkg/plan"

// ksConfig is the data of ios/keyserver-config.tmpl: everything the
// configuration commands print, built once per key server. It has no
// render mode, so the deploy script and the review copy are one rendering
// (their secrets are resolved per mode when each file is assembled).
type ksConfig struct {
	KS     plan.KeyServer
	KeyOps []keyOp
	// Save ends the script with `write memory`.
	Save bool
	IKE  ikeView
	// HasImport, HasZeroize and HasGenerate say some key operation
	// imports, zeroizes or generates a key, for the head's comments.
	HasImport, HasZeroize, HasGenerate bool
}

// ksView is the data of ios/keyserver.tmpl, the head of a key server
// script in one mode: its configuration's values and what the mode
// changes. They are copied, not embedded: text/template finds an embedded
// struct's fields by a search of every embedding, a quarter of the
// render's time.
type ksView struct {
	KS                                 plan.KeyServer
	KeyOps                             []keyOp
	Save                               bool
	IKE                                ikeView
	HasImport, HasZeroize, HasGenerate bool
	Tool, Version                      string
	// Path is the deploy script's path, which the review copy names.
	Path       string
	Review     bool
	HasSecrets bool
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

func keyServerConfig(in Input, idx *keyIndex, ks plan.KeyServer) (*ksConfig, error) {
	c := &ksConfig{
		KS: ks, Save: in.Plan.SaveConfig, IKE: newIKEView(in.Plan, ks.ISAKMP, ks.PeerKeys, ks.UnkeyedCOOP),
		KeyOps: make([]keyOp, 0, len(ks.KeyLabels)),
	}
	for _, label := range ks.KeyLabels {
		op, err := idx.operation(label, ks.Name)
		if err != nil {
			return nil, err
		}
		c.KeyOps = append(c.KeyOps, op)
		c.HasImport = c.HasImport || op.Import
		c.HasZeroize = c.HasZeroize || op.Zeroize
		c.HasGenerate = c.HasGenerate || op.Generate
	}
	return c, nil
}

func keyServerView(in Input, c *ksConfig, m mode) ksView {
	return ksView{
		KS: c.KS, KeyOps: c.KeyOps, Save: c.Save, IKE: c.IKE,
		HasImport: c.HasImport, HasZeroize: c.HasZeroize, HasGenerate: c.HasGenerate,
		Tool: in.Tool.Name, Version: in.Tool.Version,
		Path: ScriptPath(KindKeyServer, c.KS.Name), Review: m == review,
		HasSecrets: m == deploy && (c.HasImport || c.HasGenerate),
		HoldsPSK:   m == deploy && len(c.KS.PeerKeys) > 0,
	}
}
