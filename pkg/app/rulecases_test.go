package app

import (
	"flag"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/getvpnc/getvpnc/pkg/rules"
)

var showRuleCases = flag.Bool("rulecases.show", false, "print each rule case's exit code and output")

// ruleCaseDir holds one case per rule of the catalogue (issue 8): an
// input that triggers the rule, at a position the case asserts, and a
// minimal change of it that does not. The file of rule area/name is
// area_name.txtar; a second case of one rule is area_name.WHAT.txtar.
// pkg/rules' coverage test asks for a case of every rule.
const ruleCaseDir = "testdata/rules"

// ruleCase is one parsed case file. Its directives:
//
//	# <one line: what the case shows>
//	# rule: area/name             the rule the case is about
//	# run: ARGS                   the command line; --format json is added
//	# base: yes                   start from testdata/hostile/_base
//	# replace: OLD => NEW         a literal replace in spec.yaml (\n, \t, \xHH)
//	# setup: ...                  as in the hostile catalogue (setupSpecial)
//	# env: NAME=VALUE             the environment (GODEBUG runs a child process)
//	# want: SEV POS [POINTER]     a diagnostic of the rule the run must print
//	# clean: OLD => NEW           a replace for the clean run only
//	# clean-setup: ...            a setup for the clean run only, after the others
//	# clean-env: NAME=VALUE       the clean run's environment, over env
//	# clean-run: ARGS             the clean run's command line, when it differs
//
// SEV is error or warning; POS is FILE:LINE:COL, FILE:LINE or FILE,
// exactly as the diagnostic's position prints, or "-" for none.
type ruleCase struct {
	caseInput
	name       string
	rule       string
	args       []string
	cleanArgs  []string
	wants      []wantDiag
	clean      [][2]string
	cleanSetup []string
	cleanEnv   map[string]string
}

// wantDiag is one "# want:" line.
type wantDiag struct {
	severity, pos, path string
	hasPath             bool
}

func (w wantDiag) String() string {
	s := w.severity + " " + w.pos
	if w.hasPath {
		s += " " + w.path
	}
	return s
}

// matches reports whether d is the diagnostic w asks for, of rule.
func (w wantDiag) matches(rule string, d jsonDiag) bool {
	return d.id() == rule && d.Severity == w.severity && d.pos() == w.pos && (!w.hasPath || d.Path == w.path)
}

// TestRuleCases runs every rule case twice, each time in a fresh
// directory: the trigger run must print every diagnostic its want lines
// name, the clean run none of the case's rule, and neither run may print
// a code that is not a registered rule.
func TestRuleCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(ruleCaseDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no rule cases in %s: %v", ruleCaseDir, err)
	}
	base, err := filepath.Abs(filepath.Join(hostileDir, "_base"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		c, err := parseRuleCase(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Run("trigger", func(t *testing.T) {
				diags := c.run(t, base, c.args, false)
				for _, w := range c.wants {
					if !slices.ContainsFunc(diags, func(d jsonDiag) bool { return w.matches(c.rule, d) }) {
						t.Errorf("no diagnostic %s %s; the run printed:\n%s", c.rule, w, listDiags(diags))
					}
				}
			})
			t.Run("clean", func(t *testing.T) {
				args := c.args
				if c.cleanArgs != nil {
					args = c.cleanArgs
				}
				diags := c.run(t, base, args, true)
				for _, d := range diags {
					if d.id() == c.rule {
						t.Errorf("the clean run still gets %s: %s", c.rule, d)
					}
				}
			})
		})
	}
}

// run builds the case's directory — for the clean run with the clean
// replaces, setups and environment — runs args with --format json and
// returns the diagnostics, every one of which must be of a registered rule.
func (c *ruleCase) run(t *testing.T, base string, args []string, clean bool) []jsonDiag {
	t.Helper()
	t.Chdir(t.TempDir())
	env := c.env
	if clean {
		c.materialize(t, base, c.clean...)
		for _, s := range c.cleanSetup {
			setupSpecial(t, s)
		}
		env = maps.Clone(c.env)
		maps.Copy(env, c.cleanEnv)
	} else {
		c.materialize(t, base)
	}
	args = append(slices.Clone(args), "--format", "json")
	code, stdout, stderr := runGetvpnc(t, args, env)
	if *showRuleCases {
		t.Logf("getvpnc %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, stdout, stderr)
	}
	diags, err := jsonDiagnostics(stdout)
	if err != nil {
		t.Fatalf("getvpnc %s: exit %d: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, err, stdout, stderr)
	}
	checkRegistered(t, diags)
	checkMessages(t, stdout+stderr)
	return diags
}

func listDiags(diags []jsonDiag) string {
	if len(diags) == 0 {
		return "    (no diagnostics)"
	}
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "    %s\n", d)
	}
	return b.String()
}

// directiveWord is what a directive's key looks like; a comment line
// that starts so but names no directive is a mistyped one.
var directiveWord = regexp.MustCompile(`^[a-z][a-z-]*$`)

func parseRuleCase(path string) (*ruleCase, error) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.Base(path), ".txtar")
	c := &ruleCase{name: name, caseInput: caseInput{env: map[string]string{}, archive: a}, cleanEnv: map[string]string{}}
	first, _, _ := strings.Cut(strings.TrimSpace(string(a.Comment)), "\n")
	if key, _, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(first, "#")), ":"); !strings.HasPrefix(first, "#") || ok && directiveWord.MatchString(key) {
		return nil, fmt.Errorf("the first line must say what the case shows, not %q", first)
	}
	for _, d := range caseDirectives(a.Comment) {
		if ok, err := c.inputDirective(d); ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		switch d.key {
		case "rule":
			if c.rule != "" {
				return nil, fmt.Errorf("two '# rule:' lines")
			}
			c.rule = d.val
		case "run":
			c.args = strings.Fields(d.val)
		case "clean-run":
			c.cleanArgs = strings.Fields(d.val)
		case "want":
			f := strings.Fields(d.val)
			if len(f) < 2 || len(f) > 3 || (f[0] != "error" && f[0] != "warning") {
				return nil, fmt.Errorf("want needs SEVERITY POSITION [POINTER]: %q", d.val)
			}
			w := wantDiag{severity: f[0], pos: f[1]}
			if len(f) == 3 {
				w.path, w.hasPath = f[2], true
			}
			c.wants = append(c.wants, w)
		case "clean":
			r, err := parseReplace(d.val)
			if err != nil {
				return nil, err
			}
			c.clean = append(c.clean, r)
		case "clean-setup":
			c.cleanSetup = append(c.cleanSetup, d.val)
		case "clean-env":
			k, v, _ := strings.Cut(d.val, "=")
			c.cleanEnv[k] = v
		default:
			if directiveWord.MatchString(d.key) {
				return nil, fmt.Errorf("unknown directive %q", d.key)
			}
		}
	}
	id, _, _ := strings.Cut(name, ".")
	switch {
	case c.rule == "":
		return nil, fmt.Errorf("no '# rule:' line")
	case strings.ReplaceAll(c.rule, "/", "_") != id:
		return nil, fmt.Errorf("the case of %s must be named %s.txtar", c.rule, strings.ReplaceAll(c.rule, "/", "_"))
	case len(c.args) == 0:
		return nil, fmt.Errorf("no '# run:' line")
	case len(c.wants) == 0:
		return nil, fmt.Errorf("no '# want:' line")
	case len(c.clean) == 0 && len(c.cleanSetup) == 0 && len(c.cleanEnv) == 0 && c.cleanArgs == nil:
		return nil, fmt.Errorf("no clean, clean-setup, clean-env or clean-run line: the clean run would be the trigger run")
	}
	if _, ok := rules.Lookup(c.rule); !ok {
		return nil, fmt.Errorf("%s is not a registered rule", c.rule)
	}
	return c, nil
}
