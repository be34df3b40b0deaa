package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// violations collects broken invariants by rule, so a run reports every
// rule that failed with a few examples each instead of stopping at the first.
type violations struct {
	byRule map[string][]string
}

const examplesPerRule = 10

func newViolations() *violations { return &violations{byRule: map[string][]string{}} }

func (v *violations) add(rule, format string, args ...any) {
	v.byRule[rule] = append(v.byRule[rule], fmt.Sprintf(format, args...))
}

// report fails t once per rule that was broken.
func (v *violations) report(t *testing.T) {
	t.Helper()
	rules := make([]string, 0, len(v.byRule))
	for r := range v.byRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		xs := v.byRule[r]
		shown := xs[:min(len(xs), examplesPerRule)]
		t.Errorf("INVARIANT BROKEN: %s (%d cases)\n  %s", r, len(xs), strings.Join(shown, "\n  "))
	}
}
