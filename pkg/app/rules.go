package app

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
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
	s := e.session(fs, "output format: text or json")
	// doc is the JSON document, the catalogue or one rule; without one
	// (a usage error) the JSON is the diagnostics.
	var doc any
	s.emitJSON = func() {
		if doc == nil {
			s.printJSON()
			return
		}
		s.printDocJSON(doc)
	}
	if done, code := s.parse(fs, rulesUsage, args); done {
		return code
	}
	return s.run(func() (err error) {
		doc, err = s.runRules(fs)
		return err
	})
}

// runRules prints the catalogue, or the one rule fs names, as text; with
// --format json it returns it as the JSON document instead.
func (s *session) runRules(fs *pflag.FlagSet) (any, error) {
	if err := s.checkFormat(); err != nil {
		return nil, err
	}
	if fs.NArg() > 1 {
		return nil, fail(exitcode.Usage, "rules takes at most one rule ID")
	}
	list := rules.All()
	if fs.NArg() == 1 {
		id := fs.Arg(0)
		r, ok := rules.Lookup(id)
		if !ok {
			summary, detail := rules.Unknown(id)
			return nil, fail(exitcode.Usage, "%s; %s", summary, detail)
		}
		if s.json() {
			return toJSON(r), nil
		}
		fmt.Fprintf(s.stdout, "%s (%s): %s\n\n%s", r.ID, r.Severity, r.Summary, r.Text())
		return nil, nil
	}
	if s.json() {
		out := make([]ruleJSON, len(list))
		for i, r := range list {
			out[i] = toJSON(r)
		}
		return out, nil
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, strings.TrimSpace(r.Summary))
	}
	tw.Flush() // a failure is the run's: see outWriter
	return nil, nil
}
