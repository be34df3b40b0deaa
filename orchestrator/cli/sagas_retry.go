package cli

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"strings"
)

// sagasRetry is "sagas retry [--operator NAME] <saga-id>".
func sagasRetry(fs *flag.FlagSet) runFunc {
	operator := fs.String("operator", "", "who asks, recorded in the saga's history (default $USER)")
	return func(ctx context.Context, s *session, pos []string) error {
		if err := exactArgs(pos, "<saga-id>"); err != nil {
			return err
		}
		id := strings.TrimSpace(pos[0])
		who := s.operatorName(*operator)
		r := post(pathOf("sagas", id, "retry"))
		r.header = http.Header{"X-Operator": {who}}
		var sg sagaDoc
		raw, err := s.api.doJSON(ctx, r, &sg)
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, raw)
		}
		_, err = fmt.Fprintln(s.stdout, retryLine(sg, who))
		return err
	}
}

// operatorName is the --operator flag, else $USER, else "cli".
func (s *session) operatorName(flagValue string) string {
	for _, v := range []string{flagValue, s.getenv("USER")} {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return "cli"
}

// retryLine says what the retry did: the saga's state now and the steps
// whose command (or compensation) were sent again, several for a parallel
// group.
func retryLine(sg sagaDoc, who string) string {
	line := fmt.Sprintf("retry of saga %s accepted (operator %s): now %s", sg.SagaID, who, sg.State)
	steps := activeSteps(sg)
	switch {
	case len(steps) == 1:
		line += fmt.Sprintf(", step %s %s again", steps[0].Name, verbOf(steps[0].State))
	case len(steps) > 1:
		names := make([]string, len(steps))
		for i, st := range steps {
			names[i] = st.Name
		}
		line += fmt.Sprintf(", steps %s %s again", strings.Join(names, ", "), verbOf(steps[0].State))
	}
	return line
}

// activeSteps are the steps in flight: those compensating, else those
// running (one, or the waiting steps of a parallel group).
func activeSteps(sg sagaDoc) []stepDoc {
	for _, state := range []string{"COMPENSATING", "RUNNING"} {
		var out []stepDoc
		for _, st := range sg.Steps {
			if st.State == state {
				out = append(out, st)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// verbOf says what a step in state is doing.
func verbOf(state string) string {
	if state == "COMPENSATING" {
		return "compensating"
	}
	return "running"
}
