// Package rules is the catalogue of every diagnostic code getvpnc emits: a
// stable ID (the code itself, "area/name"), a default severity, a one-line
// summary, what the rule means and how to fix it, and the source it rests
// on. It only describes rules; the stages that check them stay where they
// are, and a test keeps the catalogue and the code in step.
package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Rule is one entry of the catalogue. ID is never reused nor renamed: it is
// what --format json output, scripts and waivers refer to.
type Rule struct {
	ID string
	// Severity is the default: a few rules are a warning in some cases
	// (the explanation says when).
	Severity diag.Severity
	// Summary says in one line what the rule checks.
	Summary string
	// Explanation says why the rule exists.
	Explanation string
	// Fix says what to do when the rule fires.
	Fix string
	// Source is what the rule rests on: a Cisco document, a section of
	// docs/ios-facts.md, a standard, or "getvpnc design".
	Source string
}

// design is the source of a rule that is getvpnc's own choice rather than
// an IOS fact: input limits, strict YAML, output safety.
const design = "getvpnc design"

func errorRule(id, summary, explanation, fix, source string) Rule {
	return Rule{ID: id, Severity: diag.Error, Summary: summary, Explanation: explanation, Fix: fix, Source: source}
}

func warningRule(id, summary, explanation, fix, source string) Rule {
	return Rule{ID: id, Severity: diag.Warning, Summary: summary, Explanation: explanation, Fix: fix, Source: source}
}

// catalogue is every rule sorted by ID, and byID the same by ID, built
// once: Lookup runs for every waiver and every rule-ID check.
var (
	catalogue = sortedRules()
	byID      = indexRules(catalogue)
)

func sortedRules() []Rule {
	var all []Rule
	for _, area := range [][]Rule{yamlRules, schemaRules, specRules, policyRules, memberRules, waiverRules, inventoryRules, verifyRules, keyRules, keysyncRules, secretRules, toolRules} {
		all = append(all, area...)
	}
	slices.SortFunc(all, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

func indexRules(all []Rule) map[string]Rule {
	m := make(map[string]Rule, len(all))
	for _, r := range all {
		m[r.ID] = r
	}
	return m
}

// All returns every rule, sorted by ID. The slice is a copy.
func All() []Rule { return slices.Clone(catalogue) }

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// Text is what a rule says beyond its summary, as `getvpnc rules ID` and
// docs/rules.md print it under their own heading: the explanation, the
// fix and the source, each a paragraph, ending in a newline.
func (r Rule) Text() string {
	return fmt.Sprintf("%s\n\nFix: %s.\n\nSource: %s.\n", r.Explanation, r.Fix, r.Source)
}
