package keys

import "strings"

// pemText is one PEM block found in the input, as text.
type pemText struct {
	label string // "PUBLIC KEY", "RSA PRIVATE KEY", ...
	line  int    // 1-based input line of the BEGIN marker
	text  []byte // the block's lines joined by "\n", ending in "\n"
	// broken marks a block whose END line is missing or wrong. scanBlocks
	// has reported it already; it is returned only so that Parse does not
	// also claim that no such block exists.
	broken bool
}

// scanBlocks finds the PEM blocks in a bundle file or a terminal capture.
//
// A capture has prompts and command echo around the blocks, may use CRLF,
// and on IOS-XE has debug text printed on the same line right before a
// BEGIN marker ("base64 len 3248-----BEGIN RSA PRIVATE KEY-----"). So a
// BEGIN marker is looked for anywhere in a line and the text before it is
// dropped. Inside a block, lines are kept as they are apart from the line
// ending ("\r\n" becomes "\n") and trailing blanks, which terminals add and
// PEM ignores; that keeps an IOS export byte for byte. Text outside blocks
// (prompts, "quit", "% Key pair import succeeded.") is ignored.
//
// scanBlocks reports every structural problem it finds instead of stopping
// at the first.
func scanBlocks(data []byte) ([]pemText, []error) {
	var (
		blocks []pemText
		errs   []error
		cur    *pemText
		body   []string
	)
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		line := strings.TrimRight(raw, " \t\r")
		hasBegin := strings.Contains(line, "-----BEGIN ")

		if cur != nil && !hasBegin {
			j := strings.Index(line, "-----END ")
			if j < 0 {
				body = append(body, line)
				continue
			}
			label, rest, ok := parseMarker(line[j:], "END")
			switch {
			case j > 0 || !ok || rest != "":
				errs = append(errs, lineErr(n, "%w: malformed END line in the %s block starting at line %d", ErrDamaged, cur.label, cur.line))
				blocks = append(blocks, pemText{label: cur.label, line: cur.line, broken: true})
			case label != cur.label:
				errs = append(errs, lineErr(n, "%w: END %s does not match BEGIN %s at line %d", ErrDamaged, label, cur.label, cur.line))
				blocks = append(blocks, pemText{label: cur.label, line: cur.line, broken: true})
			default:
				body = append(body, line)
				cur.text = []byte(strings.Join(body, "\n") + "\n")
				blocks = append(blocks, *cur)
			}
			cur = nil
			continue
		}
		if cur != nil {
			// A BEGIN line inside a block: the block lost its end, and
			// this line starts the next one.
			errs = append(errs, lineErr(n, "%w: %s block starting at line %d has no END line before the next BEGIN line (truncated copy?)", ErrDamaged, cur.label, cur.line))
			blocks = append(blocks, pemText{label: cur.label, line: cur.line, broken: true})
			cur = nil
		}
		if !hasBegin {
			if strings.Contains(line, "-----END ") {
				errs = append(errs, lineErr(n, "%w: END line without a BEGIN line", ErrDamaged))
			}
			continue
		}
		j := strings.Index(line, "-----BEGIN ")
		label, rest, ok := parseMarker(line[j:], "BEGIN")
		if !ok || rest != "" {
			errs = append(errs, lineErr(n, "%w: malformed BEGIN line", ErrDamaged))
			continue
		}
		cur = &pemText{label: label, line: n}
		body = []string{line[j:]}
	}
	if cur != nil {
		errs = append(errs, lineErr(cur.line, "%w: %s block has no END line (truncated copy?)", ErrDamaged, cur.label))
		blocks = append(blocks, pemText{label: cur.label, line: cur.line, broken: true})
	}
	return blocks, errs
}

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
