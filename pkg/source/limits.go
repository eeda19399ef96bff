package source

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// MaxNodes is how many YAML nodes (mappings, lists, keys, values) a spec may
// have. A group is about 85 nodes when it shares its key servers and about
// 113 with four key servers and a rekey key of its own (10000 generated
// groups, internal/scalespec, are 850081 and 1130048 nodes; 8000 members
// behind four key servers are 72302), so this is room for about 13000
// groups in either shape, or members by the hundred thousand. The byte
// limit alone (16 MiB) lets through 1.4 million one-line keys, which took
// the YAML parser, the index and the schema check 30 s and 2.8 GB before
// they were refused. At this limit the worst case, every node an unknown
// key (750000 of them, 10.6 MB), is refused in 11 s of CPU and 1.2 GB
// (measured on a shared 2-core machine, after the did-you-mean was made
// cheap); a list of 1.5 million numbers in 3 MB takes 2.2 s and 310 MB,
// and a 16 MiB flow list is refused by the indicator count in 0.1 s.
const MaxNodes = 1_500_000

// indicators are the characters that start a YAML node after the first:
// a block mapping value or flow pair (':'), a list item ('-'), a flow item
// (','), a flow collection ('[', '{') and an explicit key ('?'). No node is
// made without one of them, and each makes at most three, so counting them
// bounds the node tree before the parser builds it; text inside quotes and
// comments only adds to the count.
var indicators = [256]bool{':': true, '-': true, ',': true, '[': true, '{': true, '?': true}

// tooManyIndicators returns an error at the indicator that takes the count
// over MaxNodes, or nil. A real spec has about one indicator per two nodes,
// so this never refuses one that the exact count would let through by
// much; it exists because yaml.v3 alone spends seconds and a gigabyte on
// the node tree of a 16 MiB flow list.
func tooManyIndicators(file string, data []byte) *diag.Diagnostic {
	n, line, col := 0, 1, 0
	for _, c := range data {
		col++
		if c == '\n' {
			line, col = line+1, 0
			continue
		}
		if indicators[c] {
			if n++; n > MaxNodes {
				return tooManyNodes(diag.Pos{File: file, Line: line, Column: col},
					fmt.Sprintf("the spec is too large for getvpnc: it has more than %d of the characters that start YAML keys and items (: - , [ { ?)", MaxNodes))
			}
		}
	}
	return nil
}

// tooManyNodesIn returns an error at the first node beyond MaxNodes in the
// tree under root, or nil and the number of nodes (which sizes the index).
func tooManyNodesIn(file string, root *yaml.Node) (int, *diag.Diagnostic) {
	n := 0
	var over *yaml.Node
	var walk func(*yaml.Node)
	walk = func(x *yaml.Node) {
		if over != nil {
			return
		}
		if n++; n > MaxNodes {
			over = x
			return
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(root)
	if over == nil {
		return n, nil
	}
	return n, tooManyNodes(diag.Pos{File: file, Line: over.Line, Column: over.Column},
		fmt.Sprintf("the spec is too large for getvpnc: it has more than %d YAML nodes (keys, values and list items)", MaxNodes))
}

func tooManyNodes(pos diag.Pos, summary string) *diag.Diagnostic {
	return &diag.Diagnostic{
		Severity: diag.Error,
		Pos:      pos,
		Code:     "yaml/too-many-nodes",
		Summary:  summary,
		Detail:   fmt.Sprintf("a spec may have at most %d nodes, and a group has about 85 (on shared key servers) to 115 (with four of its own); check that this is the right file, or split it into several specs", MaxNodes),
	}
}
