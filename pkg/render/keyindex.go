package render

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// keyIndex answers render's questions about keys in constant time: what a
// key server does with a label, and the facts every script that names a
// key prints. A fleet with a key per group has thousands of key servers
// and keys, and a scan of the keys (or of a key's servers) per key server
// would make render quadratic. It is built once per Render, and only read
// after that, so the workers share it.
type keyIndex struct {
	facts map[string]*keyFacts
	// none stands for a label the plan does not list: the facts of the
	// zero plan.Key, as a lookup that finds nothing gives.
	none *keyFacts
	// decision is the first key decision of each label (keysync's Find).
	decision map[string]*keysync.Decision
	// action is what a key server does with a label (keysync's Action):
	// the first decision's entry for it.
	action map[keyServerLabel]string
	// phase1 says some decision of the label is generated on a device.
	phase1 map[string]bool
}

type keyServerLabel struct{ label, keyServer string }

// keyFacts are what the scripts print of one key, the same in every
// script: computed once per key instead of once per key server and mode.
type keyFacts struct {
	key    plan.Key
	bundle *keys.Bundle
	// spki is the public key the scripts use: the bundle's when one is
	// given, else the one the key decision knows.
	spki        []byte
	publicPEM   string
	bits        int
	fingerprint string
	keyData     []string
	// reviewPrivate is what a review copy has instead of the encrypted
	// private key.
	reviewPrivate string
}

func newKeyIndex(in Input) *keyIndex {
	idx := &keyIndex{
		facts:    make(map[string]*keyFacts, len(in.Plan.Keys)),
		decision: make(map[string]*keysync.Decision, len(in.Sync.Keys)),
		action:   map[keyServerLabel]string{},
		phase1:   map[string]bool{},
	}
	for i := range in.Sync.Keys {
		d := &in.Sync.Keys[i]
		idx.phase1[d.Label] = idx.phase1[d.Label] || d.Phase1
		if idx.decision[d.Label] != nil {
			continue
		}
		idx.decision[d.Label] = d
		for _, ks := range d.KeyServers {
			if _, ok := idx.action[keyServerLabel{d.Label, ks.Name}]; !ok {
				idx.action[keyServerLabel{d.Label, ks.Name}] = ks.Action
			}
		}
	}
	for _, k := range in.Plan.Keys {
		if _, ok := idx.facts[k.Label]; !ok {
			idx.facts[k.Label] = idx.newFacts(in, k)
		}
	}
	idx.none = idx.newFacts(in, plan.Key{})
	return idx
}

func (idx *keyIndex) newFacts(in Input, k plan.Key) *keyFacts {
	f := &keyFacts{key: k, bundle: in.Keys[k.Label]}
	if d := idx.decision[k.Label]; d != nil {
		f.spki = d.SPKI
	}
	if f.bundle != nil {
		f.spki = f.bundle.SPKI()
		f.publicPEM = string(f.bundle.PublicPEM)
		f.reviewPrivate = reviewPrivateKey(k.Label, f.bundle)
	}
	if f.spki != nil {
		f.bits = keys.SPKIBits(f.spki)
		f.fingerprint = keys.SPKIFingerprint(f.spki)
		f.keyData = strings.Split(keys.FormatKeyData(f.spki), "\n")
	}
	return f
}

// keyFacts returns the facts of the plan's key labelled label, or those of
// the zero key when the plan has no such key.
func (idx *keyIndex) keyFacts(label string) *keyFacts {
	if f := idx.facts[label]; f != nil {
		return f
	}
	return idx.none
}

// actionOf is what ks does with label (keysync.ActionNone when it does not
// use it).
func (idx *keyIndex) actionOf(label, ks string) string {
	if a, ok := idx.action[keyServerLabel{label, ks}]; ok {
		return a
	}
	return keysync.ActionNone
}

// waitsForPhase2 reports whether ks must import a key that its primary
// is only now generating.
func (idx *keyIndex) waitsForPhase2(ks plan.KeyServer) bool {
	for _, label := range ks.KeyLabels {
		if idx.phase1[label] && idx.actionOf(label, ks.Name) == keysync.ActionImport {
			return true
		}
	}
	return false
}

// operation is what the script of ks does with the key labelled label.
func (idx *keyIndex) operation(label, ks string) (keyOp, error) {
	f := idx.keyFacts(label)
	k := f.key
	op := keyOp{Label: k.Label, Modulus: k.Modulus, Bits: k.Modulus, Exportable: k.Exportable}
	switch idx.actionOf(k.Label, ks) {
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
	if f.bundle != nil {
		op.PublicPEM = f.publicPEM
	} else if op.Import {
		return op, fmt.Errorf("internal: key server %s imports key %q, which was not provided", ks, k.Label)
	}
	if f.spki == nil {
		return op, fmt.Errorf("internal: the public key of %q is not known", k.Label)
	}
	op.Bits, op.Fingerprint, op.KeyData = f.bits, f.fingerprint, f.keyData
	return op, nil
}
