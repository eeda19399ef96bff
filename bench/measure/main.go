// Command measure times two commands run by run, alternating (A B A B ...),
// so both see the same machine state (page cache, CPU frequency, other load),
// and prints the median wall time and the peak resident set size of each.
// bench/compare.sh calls it for every case; a ratio is only meaningful
// between sides measured in the same call.
//
//	measure [-runs N] [-check SHELL] SIDE ::: SIDE [::: SIDE ...]
//	SIDE = [name=NAME] [prep=SHELL] [expect=TEXT] ARGV...
//
// prep runs under /bin/sh -c before each run of its side and is not timed
// (compare.sh removes or restores the output directory there). The timed
// command is executed directly (no shell), so its wall time holds no shell
// start-up and its rusage is its own and its children's: Linux's wait4
// reports the largest Maxrss of the process and of the descendants it
// waited for (the baseline's openssl runs count). expect, when given, must
// occur in the command's output on every run (e.g. "is up to date" for a
// rerun), so a run that silently did something else is an error, not a
// number. A command that exits non-zero is an error too. -check runs under
// /bin/sh -c once, after the first round (every side has run once), untimed:
// compare.sh checks there that the two output trees have the same shape
// before the remaining runs, so a slow case (thousands of keys) need not run
// once more just to be checked.
//
// Output: one human line per side and one tab-separated line,
// RESULT name median_s max_rss_mib median_rss_mib runs walls, for the script.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type side struct {
	name, prep, expect string
	argv               []string
	walls              []float64 // seconds
	rss                []float64 // MiB
}

func main() {
	runs := flag.Int("runs", 5, "runs of each side")
	check := flag.String("check", "", "shell command run once after the first round; non-zero stops")
	flag.Parse()
	sides, err := parseSides(flag.Args())
	if err != nil || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: measure [-runs N] [name=N] [prep=SH] [expect=T] ARGV... ::: ...:", err)
		os.Exit(2)
	}
	for i := range *runs {
		for _, s := range sides {
			if err := s.run(); err != nil {
				fmt.Fprintf(os.Stderr, "measure: %s run %d: %v\n", s.name, i+1, err)
				os.Exit(1)
			}
			fmt.Fprintf(os.Stderr, "    run %d/%d %-10s %.3f s\n", i+1, *runs, s.name, s.walls[len(s.walls)-1])
		}
		if i == 0 && *check != "" {
			c := exec.Command("/bin/sh", "-c", *check)
			c.Stdout, c.Stderr = os.Stdout, os.Stderr
			if err := c.Run(); err != nil {
				fmt.Fprintf(os.Stderr, "measure: check %q: %v\n", *check, err)
				os.Exit(1)
			}
		}
	}
	for _, s := range sides {
		walls := make([]string, len(s.walls))
		for i, w := range s.walls {
			walls[i] = fmt.Sprintf("%.4f", w)
		}
		fmt.Printf("    %-10s median %8.4f s  (runs: %s)  peak RSS max %.1f MiB, median %.1f MiB\n",
			s.name, median(s.walls), strings.Join(walls, " "), slices.Max(s.rss), median(s.rss))
		fmt.Printf("RESULT\t%s\t%.6f\t%.2f\t%.2f\t%d\t%s\n",
			s.name, median(s.walls), slices.Max(s.rss), median(s.rss), len(s.walls), strings.Join(walls, ","))
	}
}

func parseSides(args []string) ([]*side, error) {
	var sides []*side
	for part := range strings.SplitSeq(strings.Join(args, "\x00"), "\x00:::\x00") {
		s := &side{name: fmt.Sprintf("side%d", len(sides)+1)}
		words := strings.Split(part, "\x00")
		for len(words) > 0 {
			k, v, ok := strings.Cut(words[0], "=")
			if !ok || (k != "name" && k != "prep" && k != "expect") {
				break
			}
			switch k {
			case "name":
				s.name = v
			case "prep":
				s.prep = v
			case "expect":
				s.expect = v
			}
			words = words[1:]
		}
		if len(words) == 0 || words[0] == "" {
			return nil, fmt.Errorf("side %s has no command", s.name)
		}
		s.argv = words
		sides = append(sides, s)
	}
	return sides, nil
}

func (s *side) run() error {
	if s.prep != "" {
		if out, err := exec.Command("/bin/sh", "-c", s.prep).CombinedOutput(); err != nil {
			return fmt.Errorf("prep %q: %v\n%s", s.prep, err, out)
		}
	}
	var out bytes.Buffer
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		return fmt.Errorf("%v: %v\n%s", s.argv, err, tail(out.String()))
	}
	if s.expect != "" && !strings.Contains(out.String(), s.expect) {
		return fmt.Errorf("%v: output lacks %q:\n%s", s.argv, s.expect, tail(out.String()))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return fmt.Errorf("no rusage on this system")
	}
	s.walls = append(s.walls, wall)
	s.rss = append(s.rss, float64(ru.Maxrss)/1024) // Linux: KiB
	return nil
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}
