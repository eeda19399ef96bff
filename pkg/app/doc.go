// Package app is the getvpnc command line: it parses flags (one pflag
// FlagSet per command), runs the pipeline stages in order — load, validate,
// plan, keys, render, write — stops between stages when one reports an
// error, prints diagnostics, and maps the outcome to a documented exit code.
// It is the only package that prints or reads the environment.
package app
