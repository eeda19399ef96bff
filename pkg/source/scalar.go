package source

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	// decimalInt and decimalNumber are JSON's number grammar: the only
	// spellings whose meaning every reader agrees on.
	decimalInt    = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	decimalNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
)

const numberFix = "write it in decimal without leading zeros, or quote it if it is a string"

// scalar converts a scalar by the tag yaml.v3 resolved (or the explicit tag
// the user wrote). Numbers become json.Number holding the digits exactly as
// written, so large or precise values survive to the schema check untouched.
func (c *converter) scalar(n *yaml.Node, ptr string) (any, bool) {
	switch n.Tag {
	case "!!str":
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
		c.errorf(n, ptr, "yaml/bool", "write true or false", "%s is not a boolean", displayScalar(n.Value))
	case "!!null":
		switch n.Value {
		case "", "~", "null", "Null", "NULL":
			return nil, true
		}
		c.errorf(n, ptr, "yaml/null", "write null, or leave the value empty", "%s is not null", displayScalar(n.Value))
	case "!!int":
		if decimalInt.MatchString(n.Value) {
			return json.Number(n.Value), true
		}
		c.numberError(n, ptr)
	case "!!float":
		if decimalNumber.MatchString(n.Value) {
			return json.Number(n.Value), true
		}
		c.numberError(n, ptr)
	case "!!timestamp":
		c.errorf(n, ptr, "yaml/timestamp", fmt.Sprintf("quote it: %q", n.Value),
			"%s is read as a date", n.Value)
	default:
		c.errorf(n, ptr, "yaml/tag", "remove the tag", "tag %s is not supported", n.Tag)
	}
	return nil, false
}

// numberError explains a number YAML accepts but JSON does not, such as
// 0100, which yaml.v3 reads as the octal number 64, or 1_000, .5 and .inf.
func (c *converter) numberError(n *yaml.Node, ptr string) {
	v := n.Value
	switch strings.ToLower(strings.TrimLeft(v, "+-")) {
	case ".inf", ".nan":
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a finite number", v)
		return
	}
	if read, ok := yamlReads(n.Tag, v); ok && read != v {
		c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a plain decimal number (YAML reads it as %s)", v, read)
		return
	}
	c.errorf(n, ptr, "yaml/number", numberFix, "%s is not a plain decimal number", displayScalar(v))
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
