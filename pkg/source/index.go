package source

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// add enters n, found at ptr, and everything below it. It is only ever run
// on a tree the converter accepted whole (a Document exists only then), so
// every node is a plain mapping, list or scalar, every key a plain string,
// and the pointers are the ones the converter gave the values: a key's
// name is its text, a list item's its position.
func (x *Index) add(n *yaml.Node, ptr string) {
	x.Value[ptr] = n
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			child := Child(ptr, k.Value)
			x.Key[child] = k
			x.add(v, child)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			x.add(item, ptr+"/"+strconv.Itoa(i))
		}
	}
}
