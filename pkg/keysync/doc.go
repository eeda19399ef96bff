// Package keysync decides, offline, how each RSA rekey key reaches the key
// servers — the three cases of Cisco Security Manager's key
// synchronisation, applied to captured device state instead of live logins:
//
//   - generate: no key server holds the label; a new key is made (by
//     getvpnc, or on the primary in phase 1) and imported everywhere;
//   - reuse: some key servers hold it and all holders agree; the others
//     import that very key, the holders are left alone;
//   - conflict: holders disagree; nothing is done unless --overwrite, and
//     then (case overwrite) the primary's key wins and every KS holding a
//     different key has the label zeroized and the primary's key imported.
//
// It consumes the plan's keys, what each KS was observed to hold (nil
// without --inventory) and the public half of any --key file, and returns
// one Decision per key: the case, the key that will be used, and one
// action per key server. It is pure: no I/O, no randomness.
package keysync
