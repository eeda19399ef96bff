package source

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// isDecimalInt and isDecimalNumber match JSON's number grammar, the only
// spellings whose meaning every reader agrees on: -?(0|[1-9][0-9]*) and
// that followed by an optional fraction (\.[0-9]+) and exponent
// ([eE][+-]?[0-9]+). They are written out rather than regular expressions
// because every plain scalar of a spec is tested (a third of the load
// stage's time went to the regexp engine).
func isDecimalInt(s string) bool {
	rest, ok := intPart(s)
	return ok && rest == ""
}

func isDecimalNumber(s string) bool {
	rest, ok := intPart(s)
	if !ok {
		return false
	}
	if len(rest) > 0 && rest[0] == '.' {
		if rest, ok = digits(rest[1:]); !ok {
			return false
		}
	}
	if len(rest) > 0 && (rest[0] == 'e' || rest[0] == 'E') {
		rest = rest[1:]
		if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-') {
			rest = rest[1:]
		}
		if rest, ok = digits(rest); !ok {
			return false
		}
	}
	return rest == ""
}

// intPart consumes -?(0|[1-9][0-9]*) at the start of s and returns the
// rest; false when s does not start with it.
func intPart(s string) (string, bool) {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) > 0 && s[0] == '0' {
		return s[1:], true
	}
	return digits(s)
}

// digits consumes [0-9]+ at the start of s and returns the rest; false
// when s does not start with a digit.
func digits(s string) (string, bool) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[i:], i > 0
}

const numberFix = "write it in decimal without leading zeros, or quote it if it is a string"

// scalar converts a scalar by the tag yaml.v3 resolved (or the explicit tag
// the user wrote). Numbers become json.Number holding the digits exactly as
// written, so large or precise values survive to the schema check untouched.
func (c *converter) scalar(n *yaml.Node, ptr string) (any, bool) {
	switch n.Tag {
	case "!!str":
		if n.Style == 0 && isDecimalNumber(n.Value) {
			// A plain number yaml.v3 could not read (401 digits, 1e400)
			// is still a number to the user, not text in quotes.
			return c.number(n, ptr)
		}
		return n.Value, true
	case "!!merge":
		// yaml.v3 tags every plain "<<" as a merge key, even a value;
		// as a value it is only text.
		return n.Value, true
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		}
		c.errorf(n, ptr, "yaml/bool", "write true or false", "%s is not a boolean", show(n.Value))
	case "!!null":
		switch n.Value {
		case "", "~", "null", "Null", "NULL":
			return nil, true
		}
		c.errorf(n, ptr, "yaml/null", "write null, or leave the value empty", "%s is not null", show(n.Value))
	case "!!int":
		if isDecimalInt(n.Value) {
			return c.number(n, ptr)
		}
		c.numberError(n, ptr)
	case "!!float":
		if isDecimalNumber(n.Value) {
			return c.number(n, ptr)
		}
		c.numberError(n, ptr)
	case "!!timestamp":
		c.errorf(n, ptr, "yaml/timestamp", "quote it: "+diag.Quote(n.Value),
			"%s is read as a date", show(n.Value))
	default:
		c.errorf(n, ptr, "yaml/tag", "remove the tag", "tag %s is not supported", show(n.Tag))
	}
	return nil, false
}

// maxNumberLen bounds the digits of a number. Every number of a spec fits
// in 10 digits; a longer one is a mistake, and the schema check would
// spend time on a huge value (and jsonschema v5 panics on an exponent
// beyond big.Rat's range, such as !!float 1e999999999).
const maxNumberLen = 32

// number returns a number in JSON's grammar as json.Number, when it is
// short and within float64's range: the schema check can then always read
// it.
func (c *converter) number(n *yaml.Node, ptr string) (any, bool) {
	v := n.Value
	if len(v) > maxNumberLen {
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is too long for a number (%d characters, at most %d)", show(v), len(v), maxNumberLen)
		return nil, false
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || f == 0 && strings.ContainsAny(strings.TrimLeft(v, "-0."), "123456789") {
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is out of range", show(v))
		return nil, false
	}
	return json.Number(v), true
}

// show returns user text for a message: as it is when it is short plain
// ASCII, else escaped and capped by diag.Quote.
func show(s string) string {
	if s == "" {
		return `""`
	}
	if len(s) > diag.MaxQuoted {
		return diag.Quote(s)
	}
	for _, r := range s {
		if r <= ' ' || r > '~' {
			return diag.Quote(s)
		}
	}
	return s
}

// numberError explains a number YAML accepts but JSON does not, such as
// 0100, which yaml.v3 reads as the octal number 64, or 1_000, .5 and .inf.
func (c *converter) numberError(n *yaml.Node, ptr string) {
	v := n.Value
	switch strings.ToLower(strings.TrimLeft(v, "+-")) {
	case ".inf", ".nan":
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a finite number", show(v))
		return
	}
	if read, ok := yamlReads(n.Tag, v); ok && read != v {
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a plain decimal number (YAML reads it as %s)", show(v), show(read))
		return
	}
	c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a plain decimal number", show(v))
}

// yamlReads returns the decimal value yaml.v3 gives a numeric scalar, to show
// the user what their spelling really means.
func yamlReads(tag, v string) (string, bool) {
	plain := strings.ReplaceAll(v, "_", "")
	if tag == "!!int" {
		// Base 0 reads 0x, 0o, 0b and a leading 0 (octal) as yaml.v3 does.
		i, ok := new(big.Int).SetString(plain, 0)
		if !ok {
			return "", false
		}
		return i.String(), true
	}
	f, err := strconv.ParseFloat(plain, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatFloat(f, 'g', -1, 64), true
}
