// Command getvpnc compiles a GET VPN spec into IOS key-server scripts, the
// encrypted RSA rekey key bundle and a manifest. All the work is in
// pkg/app; main only wires the process to it.
package main

import (
	"os"

	"github.com/getvpnc/getvpnc/pkg/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
