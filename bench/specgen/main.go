// Command specgen writes the generated specs the benchmarks and
// bench/compare.sh run on: specgen pool|own GROUPS, or specgen members N (behind four key servers).
// The specs come from internal/scalespec, the same generator the Go
// benchmarks use.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

func main() {
	if len(os.Args) != 3 {
		fail()
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 1 || n > 62500 {
		fail()
	}
	if os.Args[1] == "members" {
		fmt.Print(scalespec.MembersOn(n, 4))
		return
	}
	shape, ok := scalespec.ParseShape(os.Args[1])
	if !ok {
		fail()
	}
	fmt.Print(scalespec.Groups(n, shape))
}

func fail() {
	fmt.Fprintln(os.Stderr, "usage: specgen pool|own GROUPS (1 to 62500) | specgen members N")
	os.Exit(2)
}
