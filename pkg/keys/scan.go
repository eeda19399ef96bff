package keys

import (
	"regexp"
	"strings"
)

// pemBlock is one PEM block of a key file, split into its parts. Nothing
// of it is ever written out as it was read: the decoded bytes are
// re-encoded (encode.go), so only what getvpnc itself lays out reaches a
// script or a bundle.
type pemBlock struct {
	label   string    // "PUBLIC KEY", "RSA PRIVATE KEY", ...
	line    int       // 1-based line of the BEGIN marker
	headers []pemLine // "Name: value" lines before the body, as read
	blank   bool      // the blank line between headers and body was seen
	body    []pemLine // base64 lines
	// broken marks a block whose END line is missing or wrong. The scanner
	// has reported it already; it is returned only so that Inspect does
	// not also claim that no such block exists.
	broken bool
}

// pemLine is one line inside a block and its line number.
type pemLine struct {
	text string
	line int
}

// scanned is what a key file holds.
type scanned struct {
	blocks []pemBlock
	// keyName is the label IOS names on the "% Key name:" line of an
	// export, "" if the file has none; keyNameLine is that line.
	keyName     string
	keyNameLine int
}

// Text a key file may hold outside its blocks: what IOS prints around
// `crypto key export rsa <label> pem terminal <cipher> <passphrase>`
// (ios-facts §1.2 IOS 15, §1.3 IOS-XE) and around `crypto key import rsa
// <label> ... terminal <passphrase>` (§2.2), so that an export capture or a
// transcript of an import can be handed over unchanged. Everything else is
// refused at its line: a key file is no place for other text.
var (
	// prompt is an IOS prompt: a hostname, an optional mode, # or >.
	prompt = `[A-Za-z0-9][A-Za-z0-9._-]*(?:\([A-Za-z0-9-]+\))?[#>]`
	// exportEcho is the echo of the export command (prompt optional: the
	// IOS-XE capture of §1.3 has none), with IOS abbreviations.
	exportEcho = regexp.MustCompile(`(?i)^(?:` + prompt + `\s*)?(?:do\s+)?` + keyword("crypto", 2) + `\s+` + keyword("key", 1) + `\s+` +
		keyword("export", 3) + `\s+` + keyword("rsa", 1) + `\s+\S+\s+` + keyword("pem", 1) + `\s+` + keyword("terminal", 1) + `\s+\S+\s+\S+$`)
	// importEcho is the echo of `crypto key import rsa <label> [pem]
	// [exportable] terminal <passphrase>`.
	importEcho = regexp.MustCompile(`(?i)^(?:` + prompt + `\s*)?(?:do\s+)?` + keyword("crypto", 2) + `\s+` + keyword("key", 1) + `\s+` +
		keyword("import", 3) + `\s+` + keyword("rsa", 1) + `\s+\S+(?:\s+\S+){1,4}$`)
	// cryptoKeyLine is any line that looks like an export or import
	// command; its text is never echoed, since it may hold the passphrase.
	cryptoKeyLine = regexp.MustCompile(`(?i)\bcr\S*\s+k\S*\s+(?:exp|imp)`)
	// promptOnly is a prompt on a line of its own, as after the export.
	promptOnly = regexp.MustCompile(`^` + prompt + `$`)
	// base64Len is the debug text IOS-XE prints directly before the
	// private BEGIN marker, on the same line (§1.3).
	base64Len = regexp.MustCompile(`^base64 len [0-9]{1,7}$`)
	// fixedLines are the lines IOS prints verbatim around the blocks, with
	// the indentation removed.
	fixedLines = map[string]bool{
		"":                             true,
		"quit":                         true,
		"Key data:":                    true,
		"Usage: General Purpose Key":   true,
		"Usage: Signature Key":         true,
		"Usage: Encryption Key":        true,
		"% Key pair import succeeded.": true,
		"% Enter PEM-formatted public General Purpose key or certificate.": true,
		"% End with a blank line or \"quit\" on a line by itself.":         true,
		"% Enter PEM-formatted encrypted private General Purpose key.":     true,
		"% End with \"quit\" on a line by itself.":                         true,
	}
)

// scanBlocks splits a bundle file or a terminal capture into its blocks.
//
// Line endings may be "\n" or "\r\n", and trailing spaces and tabs (which
// terminals add) are ignored, outside the blocks leading ones (IOS's
// indentation) too; anything else, \v, \f or a no-break space included, is
// taken as written. Outside the blocks
// only the text IOS prints around an export or an import is accepted
// (see fixedLines and the patterns above); inside, a block is its BEGIN
// line, then for a private key exactly the headers and blank line of
// RFC 1421, then base64 lines, then its END line, each on a line of its own.
// Every problem is reported with its line; scanning goes on, so one pass
// names them all.
func scanBlocks(data []byte) (scanned, []error) {
	var (
		s    scanned
		errs []error
		cur  *pemBlock
	)
	closeBroken := func() {
		cur.broken = true
		s.blocks = append(s.blocks, *cur)
		cur = nil
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the text after the final newline is no line
	}
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimRight(strings.TrimSuffix(raw, "\r"), blanks)
		if cur != nil && strings.Contains(line, "-----BEGIN ") {
			errs = append(errs, blockErr(n, cur.line, CodeMarker, "%w: the %s block starting at line %d has no END line before the next BEGIN line (truncated copy?)", ErrDamaged, cur.label, cur.line))
			closeBroken()
		}
		if cur == nil {
			if j := strings.Index(line, "-----BEGIN "); j >= 0 {
				cur, errs = beginBlock(line, j, n, errs)
				continue
			}
			if strings.Contains(line, "-----END ") {
				errs = append(errs, lineErr(n, CodeMarker, "%w: END line without a BEGIN line", ErrDamaged))
				continue
			}
			errs = s.outside(line, n, errs)
			continue
		}
		if j := strings.Index(line, "-----END "); j >= 0 {
			label, rest, ok := parseMarker(line[j:], "END")
			switch {
			case !ok:
				errs = append(errs, blockErr(n, cur.line, CodeMarker, "%w: malformed END line in the %s block starting at line %d", ErrDamaged, cur.label, cur.line))
				closeBroken()
				continue
			case label != cur.label:
				errs = append(errs, blockErr(n, cur.line, CodeMarker, "%w: END %s does not match BEGIN %s at line %d", ErrDamaged, label, cur.label, cur.line))
				closeBroken()
				continue
			case j > 0:
				errs = append(errs, lineErr(n, CodeMarker, "%w: text before the END marker (%s); the END line must stand alone, as `-----END %s-----`: remove the text", ErrDamaged, notShown, cur.label))
			case rest != "":
				errs = append(errs, lineErr(n, CodeMarker, "%w: text after the END marker (%s); the END line must stand alone, as `-----END %s-----`: remove the text", ErrDamaged, notShown, cur.label))
			}
			s.blocks = append(s.blocks, *cur)
			cur = nil
			continue
		}
		switch {
		case len(cur.body) == 0 && !cur.blank && strings.Contains(line, ":"):
			cur.headers = append(cur.headers, pemLine{line, n})
		case line == "" && len(cur.headers) > 0 && len(cur.body) == 0 && !cur.blank:
			cur.blank = true
		case line == "":
			// IOS ends the public key of an import at a blank line.
			errs = append(errs, lineErr(n, CodeBase64, "blank line inside the %s block; a block's base64 lines follow each other without a gap", cur.label))
		default:
			cur.body = append(cur.body, pemLine{line, n})
		}
	}
	if cur != nil {
		errs = append(errs, lineErr(cur.line, CodeMarker, "%w: %s block has no END line (truncated copy?)", ErrDamaged, cur.label))
		closeBroken()
	}
	return s, errs
}

// beginBlock opens a block at the BEGIN marker at byte j of line n.
func beginBlock(line string, j, n int, errs []error) (*pemBlock, []error) {
	label, rest, ok := parseMarker(line[j:], "BEGIN")
	if !ok {
		return nil, append(errs, lineErr(n, CodeMarker, "%w: malformed BEGIN line", ErrDamaged))
	}
	if prefix := line[:j]; prefix != "" && !base64Len.MatchString(prefix) {
		errs = append(errs, lineErr(n, CodeMarker, "%w: text before the BEGIN marker (%s); the BEGIN line must stand alone (only IOS-XE's \"base64 len N\" may precede it): put the prompt or the text on a line of its own, or remove it", ErrDamaged, notShown))
	}
	if rest != "" {
		errs = append(errs, lineErr(n, CodeMarker, "%w: malformed BEGIN line: text after the marker (%s); the BEGIN line must stand alone, as `-----BEGIN %s-----`: remove the text", ErrDamaged, notShown, label))
	}
	return &pemBlock{label: label, line: n}, errs
}

// outside checks line n, which is outside every block.
func (s *scanned) outside(line string, n int, errs []error) []error {
	// Only the blanks terminals and IOS add are trimmed: strings.TrimSpace
	// would also take \v, \f and Unicode spaces (NBSP, U+0085), so that a
	// line of them passed as blank and "\vquit" as "quit".
	t := strings.Trim(line, blanks)
	if name, ok := strings.CutPrefix(t, "% Key name:"); ok {
		name = strings.Trim(name, blanks)
		switch {
		case !printableLabel(name):
			return append(errs, lineErr(n, CodeText, "a \"%% Key name:\" line IOS does not print: its name is empty, longer than %d characters, or holds a blank or a character outside printable ASCII (%s); remove the line or capture the export again", maxKeyName, notShown))
		case s.keyName == "":
			s.keyName, s.keyNameLine = name, n
		}
		return errs
	}
	if fixedLines[t] || exportEcho.MatchString(t) || importEcho.MatchString(t) || promptOnly.MatchString(t) {
		return errs
	}
	if cryptoKeyLine.MatchString(t) {
		// Not shown: a mangled export or import command may hold the passphrase.
		return append(errs, lineErr(n, CodeText, "a `crypto key export` or `crypto key import` line getvpnc does not recognise (not shown here: it may hold the passphrase); keep the command line exactly as IOS echoed it, or remove it"))
	}
	return append(errs, lineErr(n, CodeText, "unexpected text outside the key blocks (%s); a key file holds the PUBLIC KEY and RSA PRIVATE KEY blocks, alone or with only the lines IOS prints around `crypto key export rsa LABEL pem terminal 3des PASSPHRASE` (the command, prompts, \"%% Key name:\", \"quit\"): remove this line, or capture the export again unchanged", notShown))
}

// blanks are the characters trimmed from the ends of a key file's lines
// (with a CR before the newline): what a terminal or IOS indentation adds.
const blanks = " \t"

// notShown stands in a message where a key file's own text would go. No
// text of a key file is ever quoted back: any line, header or marker's
// neighbour may hold the passphrase (a mangled export command, a note
// "Password: ..."), and messages end up in terminals, CI logs and tickets.
// The line number says where to look.
const notShown = "not shown: it may hold the passphrase"

// isControl reports a control character, which no IOS output holds.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// parseMarker parses "-----KIND LABEL-----REST" and returns LABEL and REST.
// LABEL must be upper-case letters, digits and single spaces, as PEM
// labels are; anything else is not a marker we understand.
func parseMarker(s, kind string) (label, rest string, ok bool) {
	s, found := strings.CutPrefix(s, "-----"+kind+" ")
	if !found {
		return "", "", false
	}
	label, rest, found = strings.Cut(s, "-----")
	if !found || label == "" || strings.HasPrefix(label, " ") || strings.HasSuffix(label, " ") || strings.Contains(label, "  ") {
		return "", "", false
	}
	for _, c := range label {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != ' ' {
			return "", "", false
		}
	}
	return label, rest, true
}

// maxKeyName is the longest key label getvpnc accepts anywhere (the
// schema's keyLabel): a "% Key name:" longer than that is no label IOS
// printed for a key getvpnc could name.
const maxKeyName = 64

// printableLabel reports whether name could be the label IOS prints on a
// "% Key name:" line: one token of printable ASCII, at most maxKeyName
// characters. Anything else is not that line as IOS wrote it (a pasted
// passphrase after the label, a garbled copy), and is refused unshown.
func printableLabel(name string) bool {
	if name == "" || len(name) > maxKeyName {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '!' || name[i] > '~' {
			return false
		}
	}
	return true
}

// keyword is the regexp of an IOS keyword as the CLI takes it: its first
// min letters, then any further letters of the word in order (`exp`,
// `expo`, ... `export`), never another word: IOS accepts a keyword's
// unambiguous prefix, not a misspelling. The minimum lengths are the
// shortest prefixes getvpnc has always taken (`cr k exp r ... p t`); how
// short a prefix IOS itself resolves depends on the image's other commands.
func keyword(word string, min int) string {
	re := regexp.QuoteMeta(word[:min])
	tail := ""
	for i := len(word) - 1; i >= min; i-- {
		tail = "(?:" + regexp.QuoteMeta(word[i:i+1]) + tail + ")?"
	}
	return re + tail
}
