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

// retryLine says what the retry did: the saga's state now and the step
// whose command (or compensation) was sent again.
func retryLine(sg sagaDoc, who string) string {
	line := fmt.Sprintf("retry of saga %s accepted (operator %s): now %s", sg.SagaID, who, sg.State)
	if st, ok := activeStep(sg); ok {
		line += fmt.Sprintf(", step %s %s again", st.Name, verbOf(st.State))
	}
	return line
}

// activeStep is the step in flight: the last one compensating, else the
// one running.
func activeStep(sg sagaDoc) (stepDoc, bool) {
	for i := len(sg.Steps) - 1; i >= 0; i-- {
		if sg.Steps[i].State == "COMPENSATING" {
			return sg.Steps[i], true
		}
	}
	for _, st := range sg.Steps {
		if st.State == "RUNNING" {
			return st, true
		}
	}
	return stepDoc{}, false
}

// verbOf says what a step in state is doing.
func verbOf(state string) string {
	if state == "COMPENSATING" {
		return "compensating"
	}
	return "running"
}
