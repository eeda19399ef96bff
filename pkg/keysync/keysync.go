package keysync

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// Cases and actions, as they appear in the JSON contract.
const (
	CaseGenerate  = "generate"
	CaseReuse     = "reuse"
	CaseConflict  = "conflict"
	CaseOverwrite = "overwrite"

	ActionNone     = "none"
	ActionImport   = "import"
	ActionReplace  = "replace"
	ActionExport   = "export"
	ActionGenerate = "generate"
)

// Observation is what one KS holds under a label.
type Observation struct {
	SPKI       []byte
	Exportable bool
	// KeyType is "" or "RSA" for an RSA key, else the device's key type,
	// such as "EC" (inventory.Key.Type). A label held by a key that is not
	// RSA is never imported over, replaced or rotated: see foreign.
	KeyType string
}

// rsa reports whether the observed key is an RSA key.
func (o Observation) rsa() bool { return o.KeyType == "" || o.KeyType == "RSA" }

// Supplied is an existing key file: one given with --key, or the bundle a
// previous compile left in the output directory.
type Supplied struct {
	// File is the path, for messages.
	File string
	// Origin says where the key comes from, for Decision.Source; it must
	// not depend on how the output directory was spelt, so that a rerun
	// writes the same manifest.
	Origin string
	SPKI   []byte
	// FromOutput is set when the key is the bundle a previous compile left
	// in the output directory, so a mismatch with the devices can say that
	// its scripts were probably not deployed yet.
	FromOutput bool
}

// Input is what Decide consumes.
type Input struct {
	Keys []plan.Key
	// Observed maps KS name → label → what it holds; a missing label
	// means the KS does not hold it. Nil means no inventory was given.
	Observed  map[string]map[string]Observation
	Supplied  map[string]Supplied
	Overwrite bool
	// Rotate names the labels for which a new key must be made even if
	// one exists (--rotate-key): key servers holding the label get it
	// replaced, the others import it.
	Rotate map[string]bool
}

// Decision is the outcome for one key label.
type Decision struct {
	Label string `json:"label"`
	// Ptr is the key's JSON pointer in the spec (plan.Key.Ptr), where
	// Diagnostics puts its problem.
	Ptr  string `json:"-"`
	Case string `json:"case"`
	// SHA256 is the fingerprint of the key that will be used; nil when a
	// key is still to be generated.
	SHA256 *string `json:"sha256"`
	// Source says in words where the key comes from.
	Source     string       `json:"source"`
	Primary    string       `json:"primary"`
	KeyServers []KSDecision `json:"keyServers"`
	// Problem, when set, blocks compile; it says what to do next.
	Problem *Problem `json:"problem"`
	// Phase1 is set when the primary generates the key on the device and
	// the other key servers must wait for its export.
	Phase1 bool `json:"phase1"`
	// SPKI is the public key that will be used, when known.
	SPKI []byte `json:"-"`
	// Generate is set when getvpnc must make a new key.
	Generate bool `json:"-"`
}

// KSDecision is one KS's state and action for a label.
type KSDecision struct {
	Name    string `json:"name"`
	Primary bool   `json:"primary"`
	// Observed is the fingerprint of what the KS holds, nil if it holds
	// nothing under the label or was not observed.
	Observed *string `json:"observed"`
	// ObservedType is set only when the KS holds a key that is not RSA
	// under the label: its key type, such as "EC".
	ObservedType string `json:"observedType,omitempty"`
	Exportable   *bool  `json:"exportable"`
	Action       string `json:"action"`
}

// Problem blocks compile with an exit code and the next step. Code is its
// rule ID (pkg/rules), one per kind of problem, so a script reading the
// JSON can tell a conflict from a key it must export.
type Problem struct {
	Exit    int    `json:"exit"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Rule IDs of the key-sync problems. CodeConflict predates the others: it
// was the code of every exit-4 failure, the rule of exit 4, and keeps the
// conflict meaning.
const (
	CodeConflict      = exitcode.RuleConflict          // the holders hold different keys
	CodeNotRSA        = "keysync/not-rsa"              // a key server holds a key that is not RSA under the label
	CodeModulus       = "keysync/modulus"              // the key to use is not of the spec's modulus
	CodeSuppliedOther = "keysync/supplied-differs"     // the --key file or OUT's bundle is not the key to use
	CodeNotExportable = "keysync/not-exportable"       // the key to copy is held non-exportable, and no file gives it
	CodeExportNeeded  = "keysync/export-needed"        // the key to copy must be exported from a key server first
	CodeNoPrimaryKey  = "keysync/overwrite-no-primary" // --overwrite, but the primary does not hold the label
	CodePhase1Proof   = "keysync/phase1-proof"         // source: device without captures proving no key server holds it
)

// Result holds one decision per key, sorted by label.
type Result struct {
	Keys []Decision `json:"keys"`
}

// Find returns the decision for label, or nil.
func (r *Result) Find(label string) *Decision {
	for i := range r.Keys {
		if r.Keys[i].Label == label {
			return &r.Keys[i]
		}
	}
	return nil
}

// Action returns what ks does for label ("none" if ks does not use it).
func (r *Result) Action(label, ks string) string {
	if d := r.Find(label); d != nil {
		for _, k := range d.KeyServers {
			if k.Name == ks {
				return k.Action
			}
		}
	}
	return ActionNone
}

// Blocking returns the exit code of the most serious problem (a conflict
// outranks other problems), or 0 when nothing blocks compile; the
// problems themselves are Diagnostics.
func (r *Result) Blocking() int {
	code := 0
	for _, d := range r.Keys {
		if d.Problem != nil && (d.Problem.Exit == exitcode.Conflict || code == 0) {
			code = d.Problem.Exit
		}
	}
	return code
}

// Phase1 reports whether any key is being generated on a device.
func (r *Result) Phase1() bool {
	return slices.ContainsFunc(r.Keys, func(d Decision) bool { return d.Phase1 })
}

// Decide applies the key-sync cases to every key.
func Decide(in Input) *Result {
	r := &Result{}
	for _, k := range in.Keys {
		r.Keys = append(r.Keys, decide(in, k))
	}
	slices.SortFunc(r.Keys, func(a, b Decision) int { return strings.Compare(a.Label, b.Label) })
	return r
}

func decide(in Input, k plan.Key) Decision {
	d := Decision{Label: k.Label, Ptr: k.Ptr, Primary: k.Primary}
	sup, hasKey := in.Supplied[k.Label]
	holders := map[string]Observation{}
	var fps, foreign []string
	for _, m := range k.KeyServers {
		ks := KSDecision{Name: m.Name, Primary: m.Name == k.Primary, Action: ActionNone}
		if in.Observed != nil {
			if o, ok := in.Observed[m.Name][k.Label]; ok {
				holders[m.Name] = o
				fp := keys.SPKIFingerprint(o.SPKI)
				exp := o.Exportable
				ks.Observed, ks.Exportable = &fp, &exp
				if !o.rsa() {
					ks.ObservedType = o.KeyType
					foreign = append(foreign, m.Name)
				}
				if !slices.Contains(fps, fp) {
					fps = append(fps, fp)
				}
			}
		}
		d.KeyServers = append(d.KeyServers, ks)
	}
	switch {
	case len(foreign) > 0:
		d.foreign(k, foreign)
	case in.Rotate[k.Label]:
		d.rotate(holders)
	case len(holders) == 0:
		d.generate(k, sup, hasKey, in.Observed == nil)
	case len(fps) == 1:
		d.reuse(k, holders, sup, hasKey)
	case !in.Overwrite:
		d.conflict(k)
	default:
		d.overwrite(k, holders, sup, hasKey)
	}
	d.checkModulus(k)
	return d
}

// checkModulus refuses a key whose size is not the spec's modulus: the
// spec is the contract, and a silent mismatch would leave it lying.
func (d *Decision) checkModulus(k plan.Key) {
	if d.Problem != nil || d.SPKI == nil {
		return
	}
	if bits := keys.SPKIBits(d.SPKI); bits != 0 && bits != k.Modulus {
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeModulus, Message: fmt.Sprintf(
			"key %s: the key to use (%s; sha256 %s) has %d bits, but the spec says modulus %d; set modulus: %d in the spec, or use a key of %d bits (--rotate-key %s makes a new one)",
			k.Label, d.Source, *d.SHA256, bits, k.Modulus, bits, k.Modulus, k.Label)}
	}
}

// rotate makes a new key although one exists: --rotate-key is the only
// way a key ever changes. Holders get it replaced, the others import it.
func (d *Decision) rotate(holders map[string]Observation) {
	d.Case = CaseGenerate
	d.Generate = true
	d.Source = "rotated (--rotate-key): new key generated by getvpnc"
	for i, ks := range d.KeyServers {
		d.KeyServers[i].Action = ActionImport
		if _, ok := holders[ks.Name]; ok {
			d.KeyServers[i].Action = ActionReplace
		}
	}
}

func (d *Decision) setKey(spki []byte) {
	fp := keys.SPKIFingerprint(spki)
	d.SHA256, d.SPKI = &fp, spki
}

func (d *Decision) setAll(action string) {
	for i := range d.KeyServers {
		d.KeyServers[i].Action = action
	}
}

// generate is case (a): no key server holds the label (or nothing was
// observed). With source device and no key yet, the primary makes it — but
// only when an inventory proves that no key server holds the label.
func (d *Decision) generate(k plan.Key, sup Supplied, hasKey, unobserved bool) {
	d.Case = CaseGenerate
	switch {
	case k.Source == "device" && hasKey && unobserved:
		// Phase 2 without inventory: the primary made this key in phase 1
		// and already holds it; the others import its export.
		d.Case = CaseReuse
		d.setKey(sup.SPKI)
		d.Source = fmt.Sprintf("made on %s in phase 1, export %s", k.Primary, sup.Origin)
		d.setAll(ActionImport)
		for i := range d.KeyServers {
			if d.KeyServers[i].Primary {
				d.KeyServers[i].Action = ActionNone
			}
		}
	case hasKey:
		d.setKey(sup.SPKI)
		d.Source = sup.Origin
		d.setAll(ActionImport)
	case k.Source == "device" && unobserved:
		d.noPhase1Proof(k)
	case k.Source == "device":
		d.Phase1 = true
		d.Source = fmt.Sprintf("to be generated on %s (phase 1)", k.Primary)
		d.setAll(ActionImport)
		for i := range d.KeyServers {
			if d.KeyServers[i].Primary {
				d.KeyServers[i].Action = ActionGenerate
			}
		}
	default:
		d.Generate = true
		d.Source = "new key generated by getvpnc"
		d.setAll(ActionImport)
	}
}

// reuse is case (b): every holder has the identical key.
func (d *Decision) reuse(k plan.Key, holders map[string]Observation, sup Supplied, hasKey bool) {
	d.Case = CaseReuse
	var spki []byte
	var lacking []string
	for i, ks := range d.KeyServers {
		if o, ok := holders[ks.Name]; ok {
			spki = o.SPKI
			continue
		}
		d.KeyServers[i].Action = ActionImport
		lacking = append(lacking, ks.Name)
	}
	d.setKey(spki)
	d.Source = "held by " + strings.Join(slices.Sorted(maps.Keys(holders)), ", ")
	if hasKey {
		if keys.SPKIFingerprint(sup.SPKI) != *d.SHA256 {
			next := "supply the key the devices hold (--key " + k.Label + "=FILE)"
			if sup.FromOutput {
				next = "that bundle is the key a previous compile made (new or rotated), and the captures show the devices still hold another: " +
					"deploy that compile's scripts and capture again, or pass the key the devices hold with --key " + k.Label + "=FILE"
			}
			d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeSuppliedOther, Message: fmt.Sprintf(
				"key %s: %s holds key sha256 %s, but %s %s key sha256 %s; %s",
				k.Label, sup.File, keys.SPKIFingerprint(sup.SPKI), strings.Join(slices.Sorted(maps.Keys(holders)), ", "), verb(len(holders), "holds", "hold"), *d.SHA256, next)}
			return
		}
		d.Source += ", private key " + sup.Origin
		return
	}
	if len(lacking) == 0 {
		return // every KS holds it: nothing to import, no key needed
	}
	from := exportFrom(k, holders)
	if from == "" {
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeNotExportable, Message: fmt.Sprintf(
			"key %s cannot leave the devices: %s %s it, but not exportable, and %s %s it.\n"+
				"  Either pass the bundle getvpnc wrote when it made this key: --key %s=OUT/keys/%s.pem\n"+
				"  or remove the key from %s (crypto key zeroize rsa %s) and compile again to make a new one for every key server.",
			k.Label, strings.Join(slices.Sorted(maps.Keys(holders)), ", "), verb(len(holders), "holds", "hold"), strings.Join(lacking, ", "), verb(len(lacking), "lacks", "lack"), k.Label, k.Label,
			strings.Join(slices.Sorted(maps.Keys(holders)), ", "), k.Label)}
		return
	}
	d.markExport(from)
	d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeExportNeeded, Message: fmt.Sprintf(
		"key %s: %s %s it (sha256 %s) and %s %s it; getvpnc needs the key to copy it.\n"+
			"  On %s run: crypto key export rsa %s pem terminal 3des <passphrase>\n"+
			"  save the output to a file, and compile again with --key %s=FILE",
		k.Label, strings.Join(slices.Sorted(maps.Keys(holders)), ", "), verb(len(holders), "holds", "hold"), *d.SHA256, strings.Join(lacking, ", "), verb(len(lacking), "lacks", "lack"), from, k.Label, k.Label)}
}

// verb picks the singular or plural form for n subjects ("ks2 holds",
// "ks1, ks2 hold").
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// exportFrom picks the KS to export from: the primary if it holds the key
// exportable, else the first exportable holder in priority order.
func exportFrom(k plan.Key, holders map[string]Observation) string {
	for _, m := range k.KeyServers { // primary first
		if o, ok := holders[m.Name]; ok && o.Exportable {
			return m.Name
		}
	}
	return ""
}

func (d *Decision) markExport(ks string) {
	for i := range d.KeyServers {
		if d.KeyServers[i].Name == ks {
			d.KeyServers[i].Action = ActionExport
		}
	}
}

// conflict is case (c) without --overwrite: refuse and show who holds what.
func (d *Decision) conflict(k plan.Key) {
	d.Case = CaseConflict
	d.Source = "undecided: the key servers hold different keys"
	d.Problem = &Problem{Exit: exitcode.Conflict, Code: CodeConflict, Message: fmt.Sprintf(
		"key %s: the key servers hold different keys:\n%s"+
			"  All key servers of a group must hold the same key. Compile again with --overwrite to keep the\n"+
			"  primary's key (%s) and replace it on the others, or make the keys equal by hand.",
		k.Label, d.Table(), k.Primary)}
}

// foreign is a conflict of its own kind: key servers hold a key that is not
// RSA (an EC key, say) under the label. GET VPN's rekey key is RSA, so the
// label cannot be used as it is; and getvpnc refuses to remove such a key,
// even with --overwrite or --rotate-key: it knows only `crypto key zeroize
// rsa <label>` (ios-facts §3.2), which would not remove it, and the key
// likely serves something else (SSH, a trustpoint) that deleting it breaks.
// So nothing is imported (an import would clash with the key, or replace
// it), and the user is told what to change.
func (d *Decision) foreign(k plan.Key, foreign []string) {
	d.Case = CaseConflict
	d.Source = "undecided: the label is held by a key that is not RSA"
	types := map[string]bool{}
	for _, ks := range d.KeyServers {
		if ks.ObservedType != "" {
			types[ks.ObservedType] = true
		}
	}
	names := strings.Join(foreign, ", ")
	d.Problem = &Problem{Exit: exitcode.Conflict, Code: CodeNotRSA, Message: fmt.Sprintf(
		"key %s: %s %s an %s key under the label %s, not an RSA key:\n%s"+
			"  A GET VPN rekey key is RSA, and getvpnc never imports over, zeroizes or replaces a key that is not RSA,\n"+
			"  also not with --overwrite or --rotate-key (it may serve SSH or a trustpoint). Remove or rename that key by hand on %s\n"+
			"  and capture again, or give the rekey key another label in the spec.",
		k.Label, names, verb(len(foreign), "holds", "hold"), strings.Join(slices.Sorted(maps.Keys(types)), "/"), k.Label, d.Table(), names)}
}

// overwrite is case (c) with --overwrite: the primary's key wins.
func (d *Decision) overwrite(k plan.Key, holders map[string]Observation, sup Supplied, hasKey bool) {
	d.Case = CaseOverwrite
	p, ok := holders[k.Primary]
	if !ok {
		d.Source = "undecided"
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeNoPrimaryKey, Message: fmt.Sprintf(
			"key %s: --overwrite keeps the primary's key, but the primary %s does not hold %s.\n%s"+
				"  Make the keys equal by hand, or remove the label from all key servers and compile again to make a new key.",
			k.Label, k.Primary, k.Label, d.Table())}
		return
	}
	d.setKey(p.SPKI)
	d.Source = "the primary " + k.Primary + "'s key"
	for i, ks := range d.KeyServers {
		o, holds := holders[ks.Name]
		switch {
		case !holds:
			d.KeyServers[i].Action = ActionImport
		case keys.SPKIFingerprint(o.SPKI) != *d.SHA256:
			d.KeyServers[i].Action = ActionReplace
		}
	}
	switch {
	case hasKey && keys.SPKIFingerprint(sup.SPKI) != *d.SHA256:
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeSuppliedOther, Message: fmt.Sprintf(
			"key %s: %s holds key sha256 %s, but the primary %s holds sha256 %s; --overwrite needs the primary's key",
			k.Label, sup.File, keys.SPKIFingerprint(sup.SPKI), k.Primary, *d.SHA256)}
	case hasKey:
		d.Source += ", private key " + sup.Origin
	case !p.Exportable:
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeNotExportable, Message: fmt.Sprintf(
			"key %s: --overwrite keeps the primary's key, but %s holds it non-exportable, so it cannot be copied.\n"+
				"  Pass the bundle getvpnc wrote for it (--key %s=FILE), or make the keys equal by hand.",
			k.Label, k.Primary, k.Label)}
	default:
		d.markExport(k.Primary)
		d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodeExportNeeded, Message: fmt.Sprintf(
			"key %s: --overwrite keeps the primary's key; getvpnc needs it to copy it.\n"+
				"  On %s run: crypto key export rsa %s pem terminal 3des <passphrase>\n"+
				"  save the output to a file, and compile again with --overwrite --key %s=FILE",
			k.Label, k.Primary, k.Label, k.Label)}
	}
}

// noPhase1Proof refuses phase 1 without an inventory. The primary would run
// `crypto key generate rsa ... label L`, which on IOS XE replaces an existing
// key under L without a prompt (ios-facts §9.1): a rerun after the key was
// deployed would destroy the live rekey key. Only captures of every key
// server showing that none holds L prove that generating is safe.
func (d *Decision) noPhase1Proof(k plan.Key) {
	d.Source = fmt.Sprintf("undecided: phase 1 on %s needs proof that no key server holds %s", k.Primary, k.Label)
	var names []string
	for _, m := range k.KeyServers {
		names = append(names, m.Name)
	}
	d.Problem = &Problem{Exit: exitcode.Invalid, Code: CodePhase1Proof, Message: fmt.Sprintf(
		"key %s has source: device, but without an inventory nothing shows that no key server holds %s, and generating it on %s would replace an existing key without a prompt (IOS XE).\n"+
			"  Phase 1: capture `show crypto key mypubkey rsa` on every key server of the group (%s) into DIR/<name>.txt and compile again with --inventory DIR.\n"+
			"  Phase 2: if %s already made the key, pass its export with --key %s=FILE.",
		k.Label, k.Label, k.Primary, strings.Join(names, ", "), k.Primary, k.Label)}
}
