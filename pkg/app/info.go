package app

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/schema"
)

const schemaUsage = `Usage: getvpnc schema

Prints the JSON Schema (draft 2020-12) of the spec, for editors and CI.`

func (e *env) schema(args []string) int {
	fs := e.newFlagSet("schema")
	if done, code := e.parse(fs, schemaUsage, args); done {
		return code
	}
	if fs.NArg() != 0 {
		return e.report(fail(exitcode.Usage, "schema takes no arguments"))
	}
	e.stdout.Write(schema.SpecJSON) // a failure is the run's: see outWriter
	return exitcode.OK
}

const versionUsage = `Usage: getvpnc version

Prints the getvpnc version.`

func (e *env) version(args []string) int {
	fs := e.newFlagSet("version")
	if done, code := e.parse(fs, versionUsage, args); done {
		return code
	}
	if fs.NArg() != 0 {
		return e.report(fail(exitcode.Usage, "version takes no arguments"))
	}
	fmt.Fprintf(e.stdout, "getvpnc %s\n", Version)
	return exitcode.OK
}
