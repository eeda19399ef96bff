package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/rules"
)

const rulesUsage = `Usage: getvpnc rules [ID] [--format text|json]

Lists every rule (diagnostic code) getvpnc checks: its ID, default severity
and summary. With an ID, prints what the rule means, how to fix it and the
source it rests on. --format json prints the whole catalogue. The same
catalogue is in docs/rules.md.`

// ruleJSON is one rule in --format json: the catalogue's fields, with the
// severity as the word JSON diagnostics use.
type ruleJSON struct {
	ID          string `json:"id"`
	Severity    string `json:"severity"`
	Summary     string `json:"summary"`
	Explanation string `json:"explanation"`
	Fix         string `json:"fix"`
	Source      string `json:"source"`
}

func toJSON(r rules.Rule) ruleJSON {
	return ruleJSON{ID: r.ID, Severity: r.Severity.String(), Summary: r.Summary, Explanation: r.Explanation, Fix: r.Fix, Source: r.Source}
}

func (e *env) rules(args []string) int {
	fs := e.newFlagSet("rules")
	format := fs.String("format", "text", "output format: text or json")
	if done, code := e.parse(fs, rulesUsage, args); done {
		return code
	}
	if *format != "text" && *format != "json" {
		return e.report(fail(ExitUsage, "--format must be text or json, not %s", diag.Quote(*format)))
	}
	if fs.NArg() > 1 {
		return e.report(fail(ExitUsage, "rules takes at most one rule ID"))
	}
	list := rules.All()
	if fs.NArg() == 1 {
		id := fs.Arg(0)
		r, ok := rules.Lookup(id)
		if !ok {
			msg := "unknown rule " + diag.Quote(id)
			if s := rules.Suggest(id); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			return e.report(fail(ExitUsage, "%s; run 'getvpnc rules' for the list", msg))
		}
		list = []rules.Rule{r}
		if *format == "text" {
			fmt.Fprintf(e.stdout, "%s (%s): %s\n\n%s\n\nFix: %s.\n\nSource: %s.\n", r.ID, r.Severity, r.Summary, r.Explanation, r.Fix, r.Source)
			return ExitOK
		}
	}
	if *format == "json" {
		out := make([]ruleJSON, len(list))
		for i, r := range list {
			out[i] = toJSON(r)
		}
		var v any = out
		if fs.NArg() == 1 {
			v = out[0]
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return e.report(fail(ExitInternal, "encoding the rules: %v", err))
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		return ExitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, strings.TrimSpace(r.Summary))
	}
	tw.Flush() // a failure is the run's: see outWriter
	return ExitOK
}
