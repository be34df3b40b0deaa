package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

// definitionsValidate is "definitions validate <file-or-folder>": it reads
// the files as the orchestrator does at start, without calling it. Every
// problem goes to stderr on its own line (exit 1); otherwise what the
// files define goes to stdout (exit 0).
func definitionsValidate(*flag.FlagSet) runFunc {
	return func(_ context.Context, s *session, pos []string) error {
		if err := exactArgs(pos, "<file-or-folder>"); err != nil {
			return err
		}
		files, err := app.DefinitionFiles(pos[0])
		var problems defs.Errors
		if errors.As(err, &problems) {
			for _, p := range problems {
				fmt.Fprintln(s.stderr, oneLine(p))
			}
			return errReported
		}
		if err != nil {
			return err
		}
		if s.json {
			return printDefinitionsJSON(s.stdout, files)
		}
		return printDefinitions(s.stdout, pos[0], files)
	}
}

// printDefinitions writes one row per file: its type, version and steps.
func printDefinitions(w io.Writer, path string, files []defs.File) error {
	if len(files) == 0 {
		_, err := fmt.Fprintf(w, "no definition files (*.json, *.yaml, *.yml) in %s\n", path)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tTYPE\tVERSION\tSTEPS")
	for _, f := range files {
		d := f.Definition
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", f.Path, d.Type, d.EffectiveVersion(), stepList(d.Steps))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the definitions: %w", err)
	}
	return nil
}

// stepList names the steps in order, a parallel group's in braces.
func stepList(steps []saga.Step) string {
	var parts []string
	for i := 0; i < len(steps); {
		j := i + 1
		for steps[i].Group != "" && j < len(steps) && steps[j].Group == steps[i].Group {
			j++
		}
		if steps[i].Group == "" {
			parts = append(parts, steps[i].Name)
		} else {
			names := make([]string, 0, j-i)
			for _, st := range steps[i:j] {
				names = append(names, st.Name)
			}
			parts = append(parts, "{"+strings.Join(names, ", ")+"}")
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// definitionView is one file in the --json output.
type definitionView struct {
	File       string              `json:"file"`
	Definition saga.DefinitionSpec `json:"definition"`
}

// printDefinitionsJSON writes each file's path and canonical structure.
func printDefinitionsJSON(w io.Writer, files []defs.File) error {
	out := struct {
		Definitions []definitionView `json:"definitions"`
	}{Definitions: []definitionView{}}
	for _, f := range files {
		out.Definitions = append(out.Definitions, definitionView{File: f.Path, Definition: f.Definition.Spec()})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the definitions: %w", err)
	}
	return printJSON(w, b)
}
