package inventory

import (
	"bytes"
	"crypto/rsa"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// showCommand is the command whose output a capture holds, as messages name it.
const showCommand = "`show crypto key mypubkey rsa`"

// recapture is the remedy for a damaged capture.
const recapture = "capture the full output of " + showCommand + " on the key server again and paste it unchanged"

// Parse reads one capture: data is the contents of file, and file is the
// File of every diagnostic. It returns a nil Capture whenever the list
// holds errors, because a decision about the group's key must never rest on
// a capture that was only partly understood. The list is sorted.
func Parse(file string, data []byte) (*Capture, diag.List) {
	return parse(file, "", data)
}

// parse is Parse for the capture of key server ks ("" when unknown), which
// only makes the message for an empty file more precise.
func parse(file, ks string, data []byte) (*Capture, diag.List) {
	p := &parser{file: file, capture: &Capture{File: file}, seen: map[string]int{}}
	if len(bytes.TrimSpace(data)) == 0 {
		from := "the key server this file is for"
		if ks != "" {
			from = "key server " + ks
		}
		p.add(diag.Error, 0, "inventory/empty", "empty capture: paste the output of "+showCommand+" from "+from, "")
		return nil, p.diags
	}
	lines := splitLines(data)
	for i, raw := range lines {
		n := i + 1
		text, skip := cleanLine(raw)
		if skip {
			continue
		}
		t := strings.TrimSpace(text)
		if p.cur != nil && p.cur.inData {
			if p.dataLine(n, t) {
				continue
			}
			p.cur.inData = false
		}
		p.line(n, t)
	}
	p.finishRecord()
	for _, cut := range pagerCuts(lines) {
		// `terminal length 0` turns the pager off for the session (Cisco
		// IOS Configuration Fundamentals, "Configuring Operating
		// Characteristics for Terminals": a screen length of 0 means no
		// pausing).
		summary := "the capture ends at the pager prompt (--More--): the listing is incomplete, and a key after this point would be read as absent"
		if !cut.atEnd {
			summary = "the output was aborted at the pager prompt (--More--): IOS shows it only when more output follows, and the prompt after it means the rest was never printed (q or Ctrl-C at the pager), so a key after this point would be read as absent"
		}
		p.add(diag.Error, cut.line, "inventory/pager", summary,
			"on the key server run `terminal length 0`, then "+showCommand+", and paste the whole output, up to the prompt after it")
	}
	if p.ecEcho != 0 && len(p.capture.Commands) == 0 {
		p.add(diag.Error, p.ecEcho, "inventory/ec-only",
			"this is the output of `show crypto key mypubkey ec`, which lists no RSA keys",
			"capture "+showCommand+" or `show crypto key mypubkey all` on the key server")
	}
	if p.records == 0 && len(p.capture.Commands) == 0 && p.ecEcho == 0 {
		p.add(diag.Error, 1, "inventory/not-a-capture",
			"this file does not look like the output of "+showCommand, notCaptureHint(data))
	}
	p.diags.Sort()
	if p.diags.HasErrors() {
		return nil, p.diags
	}
	return p.capture, p.diags
}

// notCaptureHint says what to paste instead, naming the likely mistake of
// pasting `crypto key export rsa` output (it shows the same key, but as PEM).
func notCaptureHint(data []byte) string {
	if bytes.Contains(data, []byte("-----BEGIN ")) || bytes.Contains(data, []byte("% Key name:")) {
		return "it looks like `crypto key export rsa` output; run " + showCommand + " on the key server and paste its output, including the prompt line"
	}
	return "run " + showCommand + " on the key server and paste its output, including the prompt line"
}

// record is a key record being read.
type record struct {
	Key
	named      bool // a "Key name:" line was seen (it may give an empty label)
	real       bool // started by a "generated at" or "Key name:" line
	typeLine   int  // line of "Key type:", 0 if none
	keyType    string
	hasExport  bool
	dataLine   int // line of "Key Data:", 0 if none yet
	inData     bool
	data       []token
	dataBroken bool // a Key Data line was damaged; already reported
}

// token is one hex group of Key Data and the line it is on.
type token struct {
	text string
	line int
}

// parser holds the state of one Parse.
type parser struct {
	file    string
	diags   diag.List
	capture *Capture
	cur     *record
	records int            // records found, valid or not
	seen    map[string]int // label and usage -> index in capture.Keys
	orphan  bool           // inside a run of Key Data lines outside any record
	ecEcho  int            // line of the first `show crypto key mypubkey ec` echo
	open    int            // 1 + index in capture.Commands of the command whose output is being read, 0 if none
}

// add appends a diagnostic at line n of the file (0: the file as a whole).
func (p *parser) add(sev diag.Severity, n int, code, summary, detail string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: sev, Pos: diag.Pos{File: p.file, Line: n}, Code: code, Summary: summary, Detail: detail}
	p.diags.Add(d)
	return d
}

// dataLine reads line n, with trimmed text t, as part of the open Key Data
// block, and reports whether it belonged to it. The block ends at the
// first line that is not hex: a blank line, a prompt, the next record. A
// line that holds full hex groups and something else is damaged Key Data,
// reported here, and the block goes on.
func (p *parser) dataLine(n int, t string) bool {
	if t == "" {
		return false
	}
	if tokens, ok := hexTokens(t); ok {
		for _, tok := range tokens {
			p.cur.data = append(p.cur.data, token{tok, n})
		}
		return true
	}
	if k, _ := classify(t); k != other {
		return false
	}
	if first := strings.Fields(t)[0]; strings.ContainsAny(first, "#>") || !hasFullGroup(t) {
		return false // a prompt, or text that is not Key Data at all
	}
	for _, tok := range strings.Fields(t) {
		if !isHex(tok) {
			p.add(diag.Error, n, "inventory/key-data",
				fmt.Sprintf("Key Data of %s has non-hex text %s", p.cur.name(), diag.Quote(tok)), recapture)
			break
		}
	}
	p.cur.dataBroken = true
	return true
}

// line reads line n, with trimmed text t, outside Key Data.
func (p *parser) line(n int, t string) {
	if cmd, ecOnly, ok := parseEcho(t, n); ok {
		p.finishRecord()
		// Another echo ends the output of the one before without being
		// its closing prompt: the two may be pastes joined after a cut.
		p.open = 0
		switch {
		case !ecOnly:
			p.capture.Commands = append(p.capture.Commands, cmd)
			p.open = len(p.capture.Commands)
		case p.ecEcho == 0:
			p.ecEcho = n
		}
		p.orphan = false
		return
	}
	k, value := classify(t)
	if k == other {
		p.otherLine(n, t)
		return
	}
	p.orphan = false
	switch k {
	case generatedAt:
		p.finishRecord()
		p.start(n, true)
		p.cur.GeneratedAt = value
		return
	case keyName:
		// A name ends the record before it unless it is that record's
		// first name. Header lines without a "generated at" or name line
		// before them are not a record to name: a stray "Usage:" line of
		// some banner, or a record whose start was cut off.
		if p.cur == nil || p.cur.named || p.cur.dataLine != 0 || !p.cur.real {
			p.finishRecord()
			p.start(n, true)
		}
		p.cur.named = true
		p.cur.Label = value
		if bad, ok := labelFlaw(value); !ok {
			p.add(diag.Error, n, "inventory/label",
				"the key name on this line holds "+bad+", which no IOS key label holds: the capture was altered or garbled in the copy, and read as another label it could hide the key the device holds",
				recapture)
		}
		return
	}
	// A header line after the current record's Key Data starts a record
	// whose first lines are missing.
	if p.cur == nil || p.cur.dataLine != 0 {
		p.finishRecord()
		p.start(n, false)
	}
	r := p.cur
	switch k {
	case keyType:
		r.typeLine, r.keyType = n, value
	case storage:
		r.Storage = value
	case temporary:
		r.Storage, r.Temporary = "temporary", true
	case cryptoDevice:
		r.Storage = value
	case usage:
		r.Usage = value
	case exportability:
		r.hasExport = true
		r.Exportable = strings.HasPrefix(value, "Key is exportable.")
		r.Redundancy = strings.Contains(value, "Redundancy enabled")
	case keyData:
		r.dataLine, r.inData = n, true
		if value != "" { // Key Data joined to its header line by the paste
			p.dataLine(n, value)
		}
	}
}

// otherLine handles a line that is no part of a record header. Key Data
// outside any record means the capture lost the top of a record; anything
// else is noise (banners, prompts, other commands) and is ignored, except
// that the first such text inside a listing is recorded as
// Command.Unreadable.
func (p *parser) otherLine(n int, t string) {
	if replayEcho().MatchString(t) {
		p.add(diag.Error, n, "inventory/replay",
			"this command shows saved output (a file, the log, an archive): key records in it are not what the device holds now",
			"capture "+showCommand+" itself, live on the key server, and paste its output up to the prompt after it")
	}
	if p.open != 0 {
		switch cmd := &p.capture.Commands[p.open-1]; {
		case isPromptOf(t, *cmd):
			cmd.Complete = true
			p.open = 0
		case t != "" && cmd.Unreadable == 0:
			// Text the parser does not read may be records it did not
			// see; only the absence check needs to know (Unreadable).
			cmd.Unreadable = n
		}
	}
	if isIOSError(t) {
		// Hosts and labels are device text: the line is quoted, capped.
		p.add(diag.Error, n, "inventory/ios-error",
			"IOS refused the command here ("+diag.Quote(t)+"): the lines around it are not the listing of "+showCommand,
			"at the privileged EXEC prompt (HOSTNAME#, after `enable`) run "+showCommand+", check that it prints the keys, and paste its output from the command line up to the prompt after the listing")
		p.orphan = false
		return
	}
	_, isData := hexTokens(t)
	if !isData || !hasFullGroup(t) {
		p.orphan = false
		return
	}
	if p.cur != nil && p.cur.dataLine == 0 {
		return // inside a header without "Key Data:"; finishRecord reports it
	}
	if !p.orphan {
		p.add(diag.Error, n, "inventory/key-data",
			"Key Data without a key record before it: the capture looks cut off above this line", recapture)
		p.orphan = true
	}
}

// start opens a record at line n; real says it starts with a line that
// only a record starts with.
func (p *parser) start(n int, real bool) {
	p.cur = &record{Key: Key{Line: n}, real: real}
}

// name returns how messages refer to the record.
func (r *record) name() string {
	if r.Label == "" {
		return "the unnamed key"
	}
	return "key " + diag.Quote(r.Label)
}

// bitsOnKeyType finds the size newer IOS-XE prints on the Key type line.
var bitsOnKeyType = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\s+bits\b`) })

// finishRecord checks the open record and, if it is complete and sound,
// adds it to the capture.
func (p *parser) finishRecord() {
	r := p.cur
	p.cur = nil
	if r == nil || (!r.real && r.dataLine == 0) {
		return // stray header lines, not a record
	}
	p.records++
	r.Type = "RSA"
	if r.keyType != "" && !strings.HasPrefix(strings.ToUpper(r.keyType), "RSA") {
		r.Type = strings.Fields(r.keyType)[0]
	}
	// A record without its name or its Key Data was cut short; what else
	// it lacks follows from that, so one error says it.
	if !r.named || r.Label == "" {
		what := "key record has no \"Key name:\" line"
		if r.named {
			what = "key record has an empty \"Key name:\""
		}
		p.add(diag.Error, r.Line, "inventory/no-key-name", what, recapture)
		return
	}
	if r.dataLine == 0 {
		p.add(diag.Error, r.Line, "inventory/no-key-data",
			fmt.Sprintf("%s has no Key Data: the capture looks truncated", r.name()), recapture)
		return
	}
	ok := true
	if !r.hasExport {
		p.add(diag.Error, r.Line, "inventory/no-exportability",
			fmt.Sprintf("%s has no \"Key is exportable.\" or \"Key is not exportable.\" line", r.name()),
			"getvpnc needs it to know where the key can be exported from; "+recapture)
		ok = false
	}
	pub, ok2 := p.keyData(r)
	if !ok || !ok2 {
		return
	}
	if r.Type != "RSA" {
		p.addKey(r.Key) // a label taken by another kind of key
		return
	}
	r.Bits = pub.(*rsa.PublicKey).N.BitLen()
	if r.typeLine != 0 {
		if m := bitsOnKeyType().FindStringSubmatch(r.keyType); m != nil {
			if bits, err := strconv.Atoi(m[1]); err != nil || bits != r.Bits {
				p.add(diag.Error, r.typeLine, "inventory/bits-mismatch",
					fmt.Sprintf("Key type of %s says %s bits, but its Key Data is a %d-bit key", r.name(), m[1], r.Bits), recapture)
				return
			}
		}
	}
	p.addKey(r.Key)
}

// addKey adds a sound record to the capture. People paste the same output
// twice, so a record seen before with the same key is dropped silently; the
// same label with different key data means two devices' outputs were mixed.
// Usage keys are the exception: IOS keeps a Signature and an Encryption key
// pair under one label, so records are told apart by label and usage.
func (p *parser) addKey(k Key) {
	id := k.Type + "\x00" + k.Label + "\x00" + k.Usage
	i, dup := p.seen[id]
	if !dup {
		p.seen[id] = len(p.capture.Keys)
		p.capture.Keys = append(p.capture.Keys, k)
		return
	}
	first := &p.capture.Keys[i]
	if bytes.Equal(first.SPKI, k.SPKI) {
		return
	}
	d := p.add(diag.Error, k.Line, "inventory/duplicate-label",
		fmt.Sprintf("key %s appears twice with different Key Data", diag.Quote(k.Label)),
		"one device holds one key pair per label, so this file mixes the output of two devices; paste only the output of this key server")
	d.Related = []diag.Related{{Pos: diag.Pos{File: p.file, Line: first.Line}, Msg: "first shown here"}}
}
