package output

import (
	"bytes"
	"encoding/json"
)

// topLevel returns, for each key of the JSON object data (one value the
// JSON decoder has accepted, so well-formed), whether its value is null;
// a key given twice counts as its last value does, as the decoder takes
// it. It returns nil when data is null rather than an object. It reads
// the bytes once and decodes nothing but the keys, which is what lets
// decodeManifest read a manifest of thousands of members in one decode.
func topLevel(data []byte) map[string]bool {
	i := skipBlanks(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil
	}
	out := map[string]bool{}
	i++
	for {
		i = skipBlanks(data, i)
		if i >= len(data) || data[i] == '}' {
			return out
		}
		if data[i] == ',' {
			i++
			continue
		}
		// A key: a string, then ':' and the value.
		end := stringEnd(data, i)
		key := keyText(data[i:end])
		i = skipBlanks(data, end)
		i = skipBlanks(data, i+1) // past ':'
		valueEnd := valueEnd(data, i)
		out[key] = string(data[i:valueEnd]) == "null"
		i = valueEnd
	}
}

// skipBlanks moves i past JSON whitespace.
func skipBlanks(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// stringEnd returns the offset just past the string starting at data[i]
// (its opening quote).
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// keyText is the text of the quoted key raw, its escapes decoded as the
// decoder decodes them.
func keyText(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return string(raw)
	}
	return s
}

// valueEnd returns the offset just past the value starting at data[i]:
// a string, an object or list (to its matching bracket, strings
// skipped), or a literal or number (to the next ',', '}' or blank).
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ' ' && data[j] != '\t' && data[j] != '\r' && data[j] != '\n' {
		j++
	}
	return j
}
