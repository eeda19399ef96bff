package inventory

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// AbsenceProblem returns the error that keeps capture c of key server ks
// (hostname host) from proving that ks does not hold label, or nil when
// it does prove it: the echo, at the privileged prompt, of a command that
// lists every RSA key or this label, without a filter, whose output ran to
// the prompt IOS prints after it (Command.Complete), holding nothing the
// parser does not read (Command.Unreadable). A listing cut after
// the echo, or after some of its records, looks just like one that ended;
// only the closing prompt tells them apart. A failed command is refused
// by Parse (inventory/ios-error). Of several covering commands
// the most nearly complete one is reported.
func (c *Capture) AbsenceProblem(ks, host, label string) *diag.Diagnostic {
	what := fmt.Sprintf("capture `show crypto key mypubkey rsa` (all keys) or `show crypto key mypubkey rsa %s` on %s", label, host)
	var covering, prompted, privileged, filtered, unreadable []Command
	for _, cmd := range c.Commands {
		switch {
		case cmd.Label != "" && cmd.Label != label:
		case cmd.Filtered:
			filtered = append(filtered, cmd)
		default:
			covering = append(covering, cmd)
			if cmd.Host == "" {
				break
			}
			prompted = append(prompted, cmd)
			if cmd.Privileged {
				switch {
				case cmd.Complete && cmd.Unreadable == 0:
					return nil
				case cmd.Complete:
					unreadable = append(unreadable, cmd)
				default:
					privileged = append(privileged, cmd)
				}
			}
		}
	}
	at := func(cmd Command) diag.Pos { return diag.Pos{File: c.File, Line: cmd.Line} }
	switch {
	case len(unreadable) > 0:
		return &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: c.File, Line: unreadable[0].Unreadable}, Code: "inventory/unreadable",
			Summary: fmt.Sprintf("this line of the listing is neither a key record line nor Key Data, so it may hide keys getvpnc cannot read, and the listing does not show that %s lacks %s", ks, label),
			Detail:  what + fmt.Sprintf(" and paste its output unchanged, without time stamps or other text the terminal program adds to lines, from the prompt line up to the prompt after the listing (%s#)", host)}
	case len(privileged) > 0:
		return &diag.Diagnostic{Severity: diag.Error, Pos: at(privileged[0]), Code: "inventory/incomplete",
			Summary: fmt.Sprintf("no prompt follows the output of this command before the capture ends or the next command starts, so the listing may be cut off and does not show that %s lacks %s", ks, label),
			Detail:  what + fmt.Sprintf(" and paste its whole output, up to and including the prompt line after the listing (%s#)", host)}
	case len(prompted) > 0:
		return &diag.Diagnostic{Severity: diag.Error, Pos: at(prompted[0]), Code: "inventory/not-privileged",
			Summary: fmt.Sprintf("this command was run at the user EXEC prompt (%s>), where its output is not the full key listing, so it does not show that %s lacks %s", host, ks, label),
			Detail:  fmt.Sprintf("run `enable` on %s, then ", host) + strings.TrimPrefix(what, "capture ") + fmt.Sprintf(" at the %s# prompt, and paste its whole output up to the prompt after it", host)}
	case len(filtered) > 0 && len(covering) == 0:
		return &diag.Diagnostic{Severity: diag.Error, Pos: at(filtered[0]), Code: "inventory/filtered",
			Summary: fmt.Sprintf("this capture's command has an output filter (after \"|\"), which may have left out %s, so it does not show whether %s holds it", label, ks),
			Detail:  what + ", without \"| begin\", \"| include\" or any other filter"}
	case len(c.Commands) > 0 && len(covering) == 0:
		return &diag.Diagnostic{Severity: diag.Error, Pos: at(c.Commands[0]), Code: "inventory/label-not-captured",
			Summary: fmt.Sprintf("this capture is limited to other labels, so it does not show whether %s holds %s", ks, label),
			Detail:  what}
	}
	d := &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: c.File}, Code: "inventory/no-command",
		Summary: fmt.Sprintf("this capture has no `show crypto key mypubkey rsa` command line with its prompt, so nothing shows that it lists every key of %s, and getvpnc would read its silence about %s as \"%s does not hold it\"", ks, label, ks),
		Detail:  what + fmt.Sprintf(" and paste it from the prompt line on (%s#show crypto key mypubkey rsa) unchanged, up to the prompt after the listing", host)}
	if len(covering) > 0 {
		d.Pos.Line = covering[0].Line
	}
	return d
}
