package app

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/rules"
)

const rulesUsage = `Usage: getvpnc rules [ID] [--format text|json]

Lists every rule (diagnostic code) getvpnc checks: its ID, default severity
and summary. With an ID, prints what the rule means, how to fix it and the
source it rests on. --format json prints the whole catalogue (or the one
rule); a usage error is then a JSON array of one getvpnc/usage diagnostic.
The same catalogue is in docs/rules.md.`

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

// rules is the rules command. Its usage errors are reported as the other
// commands report theirs: under --format json as one getvpnc/usage
// diagnostic in a JSON array on stdout (session), so a pipeline reading
// the catalogue as JSON never gets text instead.
func (e *env) rules(args []string) int {
	fs := e.newFlagSet("rules")
	s := &session{env: e}
	s.emitJSON = s.printJSON
	fs.StringVar(&s.format, "format", "text", "output format: text or json")
	if done, code := s.parse(fs, rulesUsage, args); done {
		return code
	}
	code := s.finish(s.runRules(fs))
	if code != ExitOK && s.json() {
		s.printJSON()
	}
	return code
}

// runRules prints the catalogue, or the one rule fs names.
func (s *session) runRules(fs *pflag.FlagSet) error {
	if err := s.checkFormat(); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fail(ExitUsage, "rules takes at most one rule ID")
	}
	list := rules.All()
	if fs.NArg() == 1 {
		id := fs.Arg(0)
		r, ok := rules.Lookup(id)
		if !ok {
			msg := "unknown rule " + diag.Quote(id)
			if sug := rules.Suggest(id); sug != "" {
				msg += fmt.Sprintf("; did you mean %s?", sug)
			}
			return fail(ExitUsage, "%s; run 'getvpnc rules' for the list", msg)
		}
		list = []rules.Rule{r}
		if !s.json() {
			fmt.Fprintf(s.stdout, "%s (%s): %s\n\n%s\n\nFix: %s.\n\nSource: %s.\n", r.ID, r.Severity, r.Summary, r.Explanation, r.Fix, r.Source)
			return nil
		}
	}
	if s.json() {
		out := make([]ruleJSON, len(list))
		for i, r := range list {
			out[i] = toJSON(r)
		}
		var v any = out
		if fs.NArg() == 1 {
			v = out[0]
		}
		s.printDocJSON(v)
		return nil
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, strings.TrimSpace(r.Summary))
	}
	tw.Flush() // a failure is the run's: see outWriter
	return nil
}
