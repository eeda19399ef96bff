package inventory

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// kind is what a line of a record is, told by its text with the
// indentation removed (a paste may lose it).
type kind int

const (
	other         kind = iota // anything else: noise, a prompt, a Key Data line
	generatedAt               // "% Key pair was generated at: ..."
	keyName                   // "Key name: ..."
	keyType                   // "Key type: RSA KEYS[      N bits]"
	storage                   // " Storage Device: ..."
	temporary                 // "Temporary key"
	cryptoDevice              // " On Cryptographic Device: ..."
	usage                     // " Usage: ..."
	exportability             // " Key is [not ]exportable.[ Redundancy enabled.]"
	keyData                   // " Key Data:"
)

// prefixes maps the start of each record line to its kind. "Key Data:" is
// case-sensitive on purpose: `crypto key export rsa` prints "Key data:",
// and its output is not a capture of this command.
var prefixes = []struct {
	prefix string
	kind   kind
}{
	{"% Key pair was generated at:", generatedAt},
	{"Key name:", keyName},
	{"Key type:", keyType},
	{"Storage Device:", storage},
	{"On Cryptographic Device:", cryptoDevice},
	{"Usage:", usage},
	{"Key Data:", keyData},
	{"Key is exportable.", exportability},
	{"Key is not exportable.", exportability},
}

// classify returns the kind of a trimmed line and the text after its
// prefix, trimmed; for exportability lines the value is the whole line.
func classify(t string) (kind, string) {
	if t == "Temporary key" {
		return temporary, ""
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(t, p.prefix); ok {
			if p.kind == exportability {
				return exportability, t
			}
			return p.kind, strings.TrimSpace(rest)
		}
	}
	return other, ""
}

// commandEcho matches the echo of `show crypto key mypubkey rsa|all|ec
// [label]` after a prompt, in any case and with IOS abbreviations ("sh cry
// key myp rsa"), also as "do show ..." from configuration mode. Group 1 is
// the prompt's text before "#" or ">" (printable ASCII only and at most 64
// characters, so no terminal escape or flood of text from a capture can
// reach a message as a hostname), group 2 the key kind, group 3 the label
// argument.
var commandEcho = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)([!-"$-=?-~]{0,64})[#>]\s*(?:do\s+)?sh(?:o(?:w)?)?\s+cry(?:p(?:t(?:o)?)?)?\s+k(?:e(?:y)?)?\s+myp\S*\s+(r(?:s(?:a)?)?|a(?:l(?:l)?)?|ec)(?:\s+([^\s|]+))?(?:\s|\||$)`)
})

// parseEcho returns the command echoed on line n, if the line is one, and
// whether it lists only EC keys (`show crypto key mypubkey ec`).
func parseEcho(t string, n int) (cmd Command, ecOnly, ok bool) {
	m := commandEcho().FindStringSubmatchIndex(t)
	if m == nil {
		return Command{}, false, false
	}
	host, _, _ := strings.Cut(t[m[2]:m[3]], "(") // "KS-1(config)" -> "KS-1"
	label := ""
	if m[6] >= 0 {
		label = t[m[6]:m[7]]
	}
	// The label cannot hold "|", so one after the key kind starts a filter.
	cmd = Command{Line: n, Host: host, Label: label, Filtered: strings.Contains(t[m[5]:], "|"), Privileged: t[m[3]] == '#'}
	return cmd, strings.EqualFold(t[m[4]:m[5]], "ec"), true
}

// isPromptOf reports whether trimmed line t starts with the prompt that
// closes the output of cmd: its hostname (in any case, as IOS hostnames
// are), an optional mode such as "(config)", and "#" (">" after a command
// at the user EXEC prompt). What follows is the next command, if any.
func isPromptOf(t string, cmd Command) bool {
	host, mark := cmd.Host, "#"
	if !cmd.Privileged {
		mark = ">"
	}
	if host == "" || len(t) <= len(host) || !strings.EqualFold(t[:len(host)], host) {
		return false
	}
	rest := t[len(host):]
	if strings.HasPrefix(rest, "(") {
		i := strings.IndexByte(rest, ')')
		if i < 0 || strings.ContainsAny(rest[:i], " #>") {
			return false
		}
		rest = rest[i+1:]
	}
	return strings.HasPrefix(rest, mark)
}

// iosErrors are the starts of the lines by which the IOS command parser
// refuses a command line (or AAA refuses to run it): the command did not
// run, or not as the command the echo shows, so the lines around are no
// listing of keys.
var iosErrors = []string{
	"% Invalid input",
	"% Ambiguous command",
	"% Incomplete command",
	"% Unknown command",
	"% Type \"",
}

// isIOSError reports whether trimmed line t is an IOS command error.
func isIOSError(t string) bool {
	for _, e := range iosErrors {
		if strings.HasPrefix(t, e) {
			return true
		}
	}
	return false
}

// hexTokens returns the blank-separated tokens of t if every one of them is
// hexadecimal, as on a Key Data line; ok is false for a blank line.
func hexTokens(t string) (tokens []string, ok bool) {
	tokens = strings.Fields(t)
	for _, tok := range tokens {
		if !isHex(tok) {
			return nil, false
		}
	}
	return tokens, len(tokens) > 0
}

// hasFullGroup reports whether a token of t is an 8-digit hex group, the
// mark of a Key Data line even when other tokens on it are damaged.
func hasFullGroup(t string) bool {
	for _, tok := range strings.Fields(t) {
		if len(tok) == 8 && isHex(tok) {
			return true
		}
	}
	return false
}

// isHex reports whether s is a non-empty string of hexadecimal digits, in
// either case.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// replayEcho matches the echo of a command that prints saved text rather
// than the device's state: `more FILE`, `show file ...`, `show logging`,
// `show archive ...` (with IOS abbreviations, also as "do ..."). A key
// listing inside its output is an old capture shown again.
var replayEcho = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[!-"$-=?-~]{1,64}[#>]\s*(?:do\s+)?(?:more\s|sh(?:o(?:w)?)?\s+(?:fil|log|arc))`)
})

// labelFlaw checks a key name read from a capture. IOS key labels are
// printable ASCII without blanks (ios-facts §8.4: letters, digits, "-",
// "_" and "." in every sample): anything else — an invisible or lookalike
// Unicode character, a blank before a pager prompt — means the text was
// changed on its way into the file. It returns a description of the
// first bad character, and false.
func labelFlaw(label string) (string, bool) {
	for _, r := range label {
		if r < '!' || r > '~' {
			if r == ' ' {
				return "a blank", false
			}
			return fmt.Sprintf("the character U+%04X", r), false
		}
	}
	return "", true
}
