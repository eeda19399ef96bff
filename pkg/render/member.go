package render

import "github.com/getvpnc/getvpnc/pkg/plan"

// gmView is the data of ios/groupmember.tmpl. It carries no key
// operation and the template calls neither passphrase nor privateKey: a
// member script never holds the passphrase, a private key or a bundle
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

func memberView(in Input, gm plan.GroupMember, m mode) gmView {
	return gmView{
		Tool: in.Tool.Name, Version: in.Tool.Version, GM: gm,
		Path: ScriptPath(KindMember, gm.Name), Review: m == review, Save: in.Plan.SaveConfig,
		IKE: newIKEView(in.Plan, gm.ISAKMP, gm.PeerKeys, nil), HoldsPSK: m == deploy && len(gm.PeerKeys) > 0,
	}
}
