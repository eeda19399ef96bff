package render

// pieces is a rendered template with its secrets left out: the text, and
// the places in it where a secret function was called. A configuration is
// rendered once and assembled twice, into the deploy script (the secrets
// printed) and the review copy (placeholders), so that the two files are
// the same bytes but for the secrets by construction, and half the
// template work. pieces is the io.Writer the template executes into:
// text/template writes its output as it goes, so when a secret function
// is called, everything before the call has been written and the hole is
// at the end of the text (parseAll checks that each secret call is an
// action of its own, printed as it is).
type pieces struct {
	text  []byte
	holes []hole
}

// hole is one call of a secret function: the secret goes at offset at of
// the text.
type hole struct {
	at     int
	secret secretFunc
	arg    string
}

func (p *pieces) Write(b []byte) (int, error) {
	p.text = append(p.text, b...)
	return len(b), nil
}

// WriteString lets fmt.Fprint, which prints every value a template
// prints, hand its bytes over without a conversion.
func (p *pieces) WriteString(s string) (int, error) {
	p.text = append(p.text, s...)
	return len(s), nil
}

func (p *pieces) reset() {
	p.text, p.holes = p.text[:0], p.holes[:0]
}

// record marks a call of secret f with argument arg at the current end of
// the text.
func (p *pieces) record(f secretFunc, arg string) {
	p.holes = append(p.holes, hole{at: len(p.text), secret: f, arg: arg})
}

// clone returns a copy of p that owns its memory, for a rendering kept
// while p's buffers are reused.
func (p *pieces) clone() *pieces {
	return &pieces{text: append([]byte(nil), p.text...), holes: append([]hole(nil), p.holes...)}
}

// assembler makes files from pieces: it resolves each hole in a mode.
// Its buffer of resolved secrets is reused from file to file; one
// assembler per worker.
type assembler struct {
	secrets *secretSource
	texts   []string
}

// assemble concatenates parts in mode m, each hole replaced by what its
// secret function prints in m; revealed says the result holds a secret
// in the clear. The result is allocated at its exact size.
func (a *assembler) assemble(m mode, parts ...*pieces) (data []byte, revealed bool, err error) {
	a.texts = a.texts[:0]
	size := 0
	for _, p := range parts {
		size += len(p.text)
		for _, h := range p.holes {
			text, rev, err := a.secrets.resolve(h, m)
			if err != nil {
				return nil, false, err
			}
			revealed = revealed || rev
			a.texts = append(a.texts, text)
			size += len(text)
		}
	}
	data = make([]byte, 0, size)
	texts := a.texts
	for _, p := range parts {
		at := 0
		for _, h := range p.holes {
			data = append(data, p.text[at:h.at]...)
			data = append(data, texts[0]...)
			texts, at = texts[1:], h.at
		}
		data = append(data, p.text[at:]...)
	}
	return data, revealed, nil
}
