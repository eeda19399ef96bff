package render

import "github.com/getvpnc/getvpnc/pkg/plan"

// gmConfig is the data of ios/groupmember-config.tmpl: the configuration
// commands of a member script. It names neither the member nor a render
// mode, so every member with the same configuration (the members of one
// profile, thousands of them) shares one rendering of it
// (configCache). Its fields are plan.GroupMember's, copied.
type gmConfig struct {
	ISAKMP       []plan.ISAKMPPolicy
	PeerKeys     []plan.PeerKey
	ACLs         []plan.ACL
	Groups       []plan.GMGroup
	CryptoMap    string
	FailCloseACL string
	WANInterface string
	// Save ends the script with `write memory`.
	Save bool
}

// gmView is the data of ios/groupmember.tmpl, the head of a member script
// in one mode. Member scripts carry no key operation and their templates
// call neither passphrase nor privateKey: a member script never holds the
// passphrase, a private key or a bundle
// (TestMemberScriptsHoldNoKeyMaterial).
type gmView struct {
	Tool, Version string
	GM            plan.GroupMember
	// Path is the deploy script's path, which the review copy names.
	Path   string
	Review bool
	// Save ends the script with `write memory`.
	Save bool
	IKE  ikeView
	// HoldsPSK says the script holds pre-shared keys (a deploy script
	// with key lines).
	HoldsPSK bool
}

func memberConfig(in Input, gm plan.GroupMember) gmConfig {
	return gmConfig{
		ISAKMP: gm.ISAKMP, PeerKeys: gm.PeerKeys, ACLs: gm.ACLs, Groups: gm.Groups,
		CryptoMap: gm.CryptoMap, FailCloseACL: gm.FailCloseACL, WANInterface: gm.WANInterface,
		Save: in.Plan.SaveConfig,
	}
}

func memberView(in Input, gm plan.GroupMember, ike ikeView, m mode) gmView {
	return gmView{
		Tool: in.Tool.Name, Version: in.Tool.Version, GM: gm,
		Path: ScriptPath(KindMember, gm.Name), Review: m == review, Save: in.Plan.SaveConfig,
		IKE: ike, HoldsPSK: m == deploy && len(gm.PeerKeys) > 0,
	}
}
