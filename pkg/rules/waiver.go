package rules

// waiverSource is the source of the waiver rules: they are about the
// spec's own waivers list, a getvpnc design (README, "Waivers").
const waiverSource = design + " (README, \"Waivers\")"

// waiverRules are the checks of the spec's waivers (pkg/waiver).
var waiverRules = []Rule{
	errorRule("spec/waiver-error", "a waiver names an error-level rule",
		"Only warnings can be waived: an error means getvpnc would write a script IOS refuses or a GET VPN that breaks, so no reason makes it acceptable. The waiver is refused and the errors it names are still reported. A rule that is a warning only in some cases (spec/weak-crypto with allowWeakCrypto) is error-level, and its opt-in is the spec's own setting, not a waiver.",
		"fix what the rule reports ('getvpnc rules ID' says how), and remove the waiver", waiverSource),
	errorRule("spec/waiver-self", "a waiver names one of the waiver rules (spec/waiver-*)",
		"The waiver rules report problems with the waivers themselves: waiving spec/waiver-unused would hide that a waiver is stale, and the others are errors. A waiver of one is refused.",
		"fix or remove the waiver the rule points at instead", waiverSource),
	errorRule("spec/waiver-unknown", "a waiver names a rule ID that does not exist",
		"A waiver must name a rule of the catalogue; an unknown ID is most often a typo, and would otherwise waive nothing without a word. The message suggests the closest ID.",
		"write the ID as 'getvpnc rules' lists it", waiverSource),
	warningRule("spec/waiver-unused", "a waiver removed no warning in this run",
		"A waiver that matches nothing is stale (the problem was fixed, or the rule or path is wrong) and would silently hide the warning if it came back. It is only reported for rules the run checked in full: a key-file or capture rule is not reported by validate, nor any rule when the spec has errors. It cannot itself be waived (spec/waiver-self).",
		"remove the waiver, or correct its rule or path", waiverSource),
}
