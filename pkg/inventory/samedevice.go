package inventory

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Device is a key server as the spec names it: Name picks its capture file,
// Hostname is what its prompt shows.
type Device struct {
	Name, Hostname string
}

// LoadDistinct is LoadDir for `getvpnc verify`, which must prove that each
// key server holds the key (a capture that did not come from that key
// server proves nothing), and for the key decision of plan and compile,
// which must not read one device's keys as another's. Besides LoadDir's
// errors it reports, as errors:
//
//   - verify/hostname: a command echo whose prompt names another host than
//     the key server's hostname (compared ignoring case). Such a capture
//     proves nothing about this key server: not that it holds a key, and
//     not that it lacks one (which is what lets phase 1 generate a key);
//   - verify/same-device: two key servers' captures that come from one
//     device: the files are byte-identical; or their prompts name the same
//     host; or both hold the same temporary key (a `.server` key, which a
//     device makes for itself and which cannot be imported); or both hold
//     exactly the same key records — label, usage, key, generation time —
//     and at least one of them is under a label outside shared (the spec's
//     rekey labels, which every key server holds by design), such as the
//     device's SSH or self-signed key.
//
// Each pair of captures is reported once, at the later file (in the order
// of devices), for its strongest reason. The list is sorted.
func LoadDistinct(dir string, devices []Device, shared []string) (map[string]*Capture, diag.List) {
	names := make([]string, len(devices))
	for i, d := range devices {
		names[i] = d.Name
	}
	caps, raw, diags := loadDir(dir, names)
	if diags.HasErrors() {
		return nil, diags
	}
	seen := map[string]bool{}
	var order []Device
	for _, d := range devices {
		if !seen[d.Name] {
			seen[d.Name] = true
			order = append(order, d)
		}
	}
	for _, d := range order {
		c := caps[d.Name]
		for _, cmd := range c.Commands {
			if cmd.Host != "" && !strings.EqualFold(cmd.Host, d.Hostname) {
				diags.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: c.File, Line: cmd.Line}, Code: "verify/hostname",
					Summary: fmt.Sprintf("captured on %s (the prompt), but key server %s is %s in the spec", diag.Quote(cmd.Host), d.Name, d.Hostname),
					Detail:  fmt.Sprintf("capture %s on %s and save it as %s", showCommand, d.Hostname, c.File)})
				break
			}
		}
	}
	for j, b := range order {
		for _, a := range order[:j] {
			if d := sameDevice(a, b, caps[a.Name], caps[b.Name], raw[a.Name], raw[b.Name], shared); d != nil {
				diags.Add(d)
				break
			}
		}
	}
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return caps, diags
}

// sameDevice returns the verify/same-device error for capture cb of key
// server b when it comes from the device of capture ca (key server a), or
// nil.
func sameDevice(a, b Device, ca, cb *Capture, ra, rb []byte, shared []string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: cb.File}, Code: "verify/same-device",
		Detail: fmt.Sprintf("capture %s on %s itself and save it as %s", showCommand, b.Hostname, cb.File)}
	switch {
	case bytes.Equal(ra, rb):
		d.Summary = fmt.Sprintf("this file is byte for byte the capture of key server %s (%s): the same capture was saved for two key servers", a.Name, ca.File)
		d.Related = alsoIn(ca.File, 0, a)
		if len(cb.Commands) == 0 {
			d.Detail += ", with the prompt line, which names the device"
		}
		return d
	}
	for _, cmd := range cb.Commands {
		if cmd.Host == "" {
			continue
		}
		if i := slices.IndexFunc(ca.Commands, func(o Command) bool { return strings.EqualFold(o.Host, cmd.Host) }); i >= 0 {
			d.Pos.Line = cmd.Line
			d.Related = alsoIn(ca.File, ca.Commands[i].Line, a)
			d.Summary = fmt.Sprintf("the prompt names %s, as in the capture of key server %s (%s): both come from one device", diag.Quote(cmd.Host), a.Name, ca.File)
			return d
		}
	}
	for _, k := range cb.Keys {
		if !k.Temporary {
			continue
		}
		if i := slices.IndexFunc(ca.Keys, func(o Key) bool { return o.Temporary && bytes.Equal(o.SPKI, k.SPKI) }); i >= 0 {
			d.Pos.Line = k.Line
			d.Related = alsoIn(ca.File, ca.Keys[i].Line, a)
			d.Summary = fmt.Sprintf("temporary key %s is also held by key server %s (%s); a device makes its temporary keys itself, so both captures come from one device", diag.Quote(k.Label), a.Name, ca.File)
			return d
		}
	}
	if own := ownKey(cb, shared); own != nil && sameRecords(ca, cb) {
		d.Pos.Line = own.Line
		d.Summary = fmt.Sprintf("this capture holds exactly the keys of key server %s (%s), including %s, which is not a rekey key of the spec: both captures come from one device", a.Name, ca.File, diag.Quote(own.Label))
		d.Related = alsoIn(ca.File, 0, a)
		return d
	}
	for _, k := range cb.Keys {
		// Two devices get a key at different moments (it is generated on
		// one and imported on the others): the same record down to the
		// second is the same file saved twice.
		if k.GeneratedAt == "" {
			continue
		}
		if i := slices.IndexFunc(ca.Keys, func(o Key) bool {
			return o.Label == k.Label && o.Usage == k.Usage && o.GeneratedAt == k.GeneratedAt && bytes.Equal(o.SPKI, k.SPKI)
		}); i >= 0 {
			d.Pos.Line = k.Line
			d.Related = alsoIn(ca.File, ca.Keys[i].Line, a)
			d.Summary = fmt.Sprintf("key %s was generated or imported at exactly the same second (%s) as on key server %s (%s): two devices never get a key at the same moment, so both captures are one file", diag.Quote(k.Label), diag.Quote(k.GeneratedAt), a.Name, ca.File)
			return d
		}
	}
	return nil
}

// ownKey returns the first record of c under a label outside shared.
func ownKey(c *Capture, shared []string) *Key {
	for i := range c.Keys {
		if !slices.Contains(shared, c.Keys[i].Label) {
			return &c.Keys[i]
		}
	}
	return nil
}

// sameRecords reports whether two captures hold the same key records
// (label, usage, key, generation time), in any order.
func sameRecords(a, b *Capture) bool {
	key := func(k Key) string {
		return k.Label + "\x00" + k.Usage + "\x00" + k.GeneratedAt + "\x00" + k.Fingerprint()
	}
	ka, kb := make([]string, len(a.Keys)), make([]string, len(b.Keys))
	for i, k := range a.Keys {
		ka[i] = key(k)
	}
	for i, k := range b.Keys {
		kb[i] = key(k)
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// alsoIn is the related position of a same-device diagnostic: where the
// capture of key server a shows what this one repeats (line 0: the file).
func alsoIn(file string, line int, a Device) []diag.Related {
	return []diag.Related{{Pos: diag.Pos{File: file, Line: line}, Msg: "the capture of key server " + a.Name}}
}
