package render

// device is one script to render: its kind (templates and directory), its
// name, and its template data.
type device struct {
	kind Kind
	name string
	// views builds the data of the device's configuration, the same in
	// both modes, and of its head in a mode. Devices whose configuration
	// data are an equal sharedConfig share one rendering of it
	// (configCache): members, thousands of which have the configuration
	// of their profile. A key server's configuration is its own (its
	// address, priorities and peers).
	views func() (config any, head func(mode) any, err error)
}

// devices lists every device of the plan in deploy order: the key
// servers as Plan.KeyServersInDeployOrder has them, then the members by
// name (the kinds table's order). In phase 1 (a key
// is being generated on its primary) the key servers that wait for that
// key are left out and returned as pending. Members never wait: their
// scripts hold no rekey key and are the same in both phases.
func devices(in Input, idx *keyIndex) (out []device, pending []string) {
	servers := in.Plan.KeyServersInDeployOrder()
	out = make([]device, 0, len(servers)+len(in.Plan.Members))
	for _, ks := range servers {
		if idx.waitsForPhase2(ks) {
			pending = append(pending, ks.Name)
			continue
		}
		out = append(out, device{kind: KindKeyServer, name: ks.Name, views: func() (any, func(mode) any, error) {
			c, err := keyServerConfig(in, idx, ks)
			if err != nil {
				return nil, nil, err
			}
			return c, func(m mode) any { return keyServerView(in, c, m) }, nil
		}})
	}
	for i := range in.Plan.Members {
		gm := &in.Plan.Members[i]
		out = append(out, device{kind: KindMember, name: gm.Name, views: func() (any, func(mode) any, error) {
			ike := newIKEView(in.Plan, gm.ISAKMP, gm.PeerKeys, nil)
			c := memberConfig(in, *gm)
			return &c, func(m mode) any { return memberView(in, *gm, ike, m) }, nil
		}})
	}
	return out, pending
}
