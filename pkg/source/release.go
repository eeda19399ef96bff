package source

// Release drops the document's tree and value, and its index, to free
// their memory for the stages after the front end (rendering a 1000-group
// fleet holds its whole output tree until the swap, and the tree and value
// of its spec were another quarter of the heap). Positions and values are
// still there when asked for: Pos, KeyPos, Index and Lookup load the same
// bytes again, once, which gives the same nodes at the same positions.
//
// Call it only when nothing reads Root or Value directly any more (decode
// and validate do) and no goroutine of the front end still runs; the
// caller is the one that owns the document. The document keeps the bytes
// it was loaded from (the caller must not change them), a fraction of the
// tree's size.
func (d *Document) Release() {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Root, d.Value, d.index, d.released = nil, nil, nil, true
}

// value is Value, loaded again if it was released.
func (d *Document) value() any {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.restoreLocked()
	return d.Value
}

// restoreLocked loads the document's bytes again after Release. They
// loaded once without an error, and loading is deterministic, so they load
// again; if they somehow did not, the document stays empty (no position,
// no value), which only makes a later message less precise.
func (d *Document) restoreLocked() {
	if !d.released {
		return
	}
	d.released = false
	again, _ := LoadSecret(d.File, d.data, d.secret)
	if again != nil {
		d.Root, d.Value, d.nodes = again.Root, again.Value, again.nodes
	}
}
