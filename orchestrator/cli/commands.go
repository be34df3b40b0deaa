package cli

import (
	"context"
	"flag"
	"io"
	"strings"
)

// runFunc runs a command with its positional arguments.
type runFunc func(ctx context.Context, s *session, pos []string) error

// command is one subcommand: "sagas list" and so on.
type command struct {
	group, name string
	// args is the synopsis after the command's name.
	args string
	// about says what it does, in one line.
	about string
	// setup registers the command's own flags on fs and returns its run.
	setup func(fs *flag.FlagSet) runFunc
	// offline commands call no API: --url and --timeout do not apply.
	offline bool
}

// path is the command as typed: "sagas list".
func (c command) path() string { return c.group + " " + c.name }

// synopsis is the path and, when the command takes any, its arguments.
func (c command) synopsis() string { return strings.TrimSpace(c.path() + " " + c.args) }

// commands lists every subcommand, in the order of the usage text.
var commands = []command{
	{group: "sagas", name: "list", args: "[--state S] [--limit N] [--all]",
		about: "list sagas, newest first", setup: sagasList},
	{group: "sagas", name: "show", args: "<saga-id | order-id>",
		about: "show a saga, its steps and timeline (up to 10,000 lines; or the saga of an order id)", setup: sagasShow},
	{group: "sagas", name: "retry", args: "[--operator NAME] <saga-id>",
		about: "resume a FAILED or stuck saga", setup: sagasRetry},
	{group: "dlq", name: "list", args: "[--stream S] [--shard N] [--limit N]",
		about: "list dead letters, newest first", setup: dlqList},
	{group: "dlq", name: "streams", args: "",
		about: "list the streams whose dead letters the orchestrator serves", setup: dlqStreams},
	{group: "dlq", name: "replay", args: "<stream> <entry-id>",
		about: "put a dead letter back on its stream", setup: dlqReplay},
	{group: "definitions", name: "validate", args: "<file-or-folder>",
		about: "check saga definition files offline, as SAGA_DEFINITIONS loads them", setup: definitionsValidate, offline: true},
}

// Groups are the first words of the subcommands, "sagas", "dlq" and
// "definitions": the binary hands the command lines that start with one of
// them to Main.
var Groups = []string{"sagas", "dlq", "definitions"}

// find returns the command group name, if any.
func find(group, name string) (command, bool) {
	for _, c := range commands {
		if c.group == group && c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// names lists the commands of group.
func names(group string) []string {
	var out []string
	for _, c := range commands {
		if c.group == group {
			out = append(out, c.name)
		}
	}
	return out
}

// inGroup reports whether group is a known group.
func inGroup(group string) bool {
	for _, g := range Groups {
		if g == group {
			return true
		}
	}
	return false
}

// session is one invocation: the parsed global flags, the environment,
// the API client and the output.
type session struct {
	globals
	getenv         func(string) string
	api            *client
	stdout, stderr io.Writer
}
