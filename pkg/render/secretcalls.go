package render

import (
	"fmt"
	"slices"
	"text/template"
	tparse "text/template/parse"
)

// checkSecretCalls makes sure every call of a secret function is an
// action of its own, {{psk .Secret}}: no pipeline, variable, condition or
// argument takes its result. A secret function prints nothing while the
// template executes and the assembler puts the secret at its place
// (pieces), which is right only for a result printed as it is; a template
// that did more with it would render wrong bytes, so it is refused when
// the templates are parsed.
func checkSecretCalls(root *template.Template) error {
	for _, t := range root.Templates() {
		if t.Tree == nil {
			continue
		}
		if err := checkSecretNode(t.Tree.Root); err != nil {
			return fmt.Errorf("%s: %w", t.Name(), err)
		}
	}
	return nil
}

func checkSecretNode(n tparse.Node) error {
	switch n := n.(type) {
	case *tparse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := checkSecretNode(c); err != nil {
				return err
			}
		}
	case *tparse.ActionNode:
		p := n.Pipe
		if len(p.Decl) == 0 && len(p.Cmds) == 1 && isSecretFunc(p.Cmds[0].Args[0]) {
			return noSecretIn(p.Cmds[0].Args[1:], n)
		}
		return noSecretIn([]tparse.Node{p}, n)
	case *tparse.IfNode:
		return checkSecretBranch(&n.BranchNode)
	case *tparse.RangeNode:
		return checkSecretBranch(&n.BranchNode)
	case *tparse.WithNode:
		return checkSecretBranch(&n.BranchNode)
	case *tparse.TemplateNode:
		if n.Pipe != nil {
			return noSecretIn([]tparse.Node{n.Pipe}, n)
		}
	}
	return nil
}

func checkSecretBranch(b *tparse.BranchNode) error {
	if err := noSecretIn([]tparse.Node{b.Pipe}, b); err != nil {
		return err
	}
	if err := checkSecretNode(b.List); err != nil {
		return err
	}
	return checkSecretNode(b.ElseList)
}

// noSecretIn returns an error when a secret function appears anywhere in
// nodes (the parts of an action that are not a bare secret call).
func noSecretIn(nodes []tparse.Node, at tparse.Node) error {
	for _, n := range nodes {
		var inner []tparse.Node
		switch n := n.(type) {
		case *tparse.IdentifierNode:
			if isSecretFunc(n) {
				return fmt.Errorf("%s is called in %s: a secret function must be an action of its own, {{%s ...}}", n.Ident, at, n.Ident)
			}
		case *tparse.PipeNode:
			if n == nil {
				continue
			}
			for _, c := range n.Cmds {
				inner = append(inner, c)
			}
		case *tparse.CommandNode:
			inner = n.Args
		case *tparse.ChainNode:
			inner = []tparse.Node{n.Node}
		}
		if err := noSecretIn(inner, at); err != nil {
			return err
		}
	}
	return nil
}

func isSecretFunc(n tparse.Node) bool {
	id, ok := n.(*tparse.IdentifierNode)
	return ok && slices.Contains(secretFuncNames, secretFunc(id.Ident))
}
