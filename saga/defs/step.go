package defs

import (
	"fmt"
	"regexp"

	"github.com/streamsaga/streamsaga/saga"
)

// Fields of a step, of its action and of its compensation.
var (
	stepFields         = []string{"name", "participant", "timeout", "retry", "action", "compensation"}
	actionFields       = []string{"command", "success", "failure", "payload"}
	compensationFields = []string{"command", "done", "payload"}
)

// stepName is what a step may be called: a path names it between dots.
var stepName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// stepReader reads the steps of one file in order.
type stepReader struct {
	r *report
	// seen is the position of each step name read so far.
	seen map[string]string
	// earlier are the steps whose results the next step may read.
	earlier map[string]bool
	// lastName is the name of the step read last ("" when it had none).
	lastName string
	out      []saga.Step
}

// step reads one step at a; group is its parallel group, if any. ok is
// false when it is not an object.
func (p *stepReader) step(v any, a at, group string) (saga.Step, bool) {
	p.lastName = ""
	if m, isObj := v.(map[string]any); isObj {
		if name, isText := m["name"].(string); isText && stepName.MatchString(name) {
			a.step = name
		}
	}
	f, ok := object(p.r, a, v, stepFields...)
	if !ok {
		return saga.Step{}, false
	}
	s := saga.Step{Name: p.name(f), Participant: f.text("participant", true), Timeout: f.duration("timeout"),
		Retry: retryPolicy(f), Group: group}
	p.lastName = s.Name
	p.action(f, &s)
	p.compensation(f, &s)
	return s, true
}

// name reads and checks the step's name.
func (p *stepReader) name(f *fields) string {
	name := f.text("name", true)
	switch prev, dup := p.seen[name]; {
	case name == "":
	case !stepName.MatchString(name):
		p.r.add(f.at.in("name"), "%q: use letters, digits, '_' and '-'", name)
		return ""
	case dup:
		p.r.add(f.at.in("name"), "used by step %s too", prev)
	default:
		p.seen[name] = f.at.index
	}
	return name
}

func (p *stepReader) action(f *fields, s *saga.Step) {
	if !f.has("action") {
		p.r.add(f.at.in("action"), "missing")
		return
	}
	af, ok := object(p.r, f.at.in("action"), f.obj["action"], actionFields...)
	if !ok {
		return
	}
	s.Action, s.SuccessReply, s.FailureReply = af.text("command", true), af.text("success", true), af.text("failure", true)
	sc := scope{readable: p.earlier, notReadable: "no earlier step"}
	s.ActionPayload, s.ActionTemplate = p.payload(af, sc)
}

func (p *stepReader) compensation(f *fields, s *saga.Step) {
	if !f.has("compensation") {
		return
	}
	cf, ok := object(p.r, f.at.in("compensation"), f.obj["compensation"], compensationFields...)
	if !ok {
		return
	}
	s.Compensation, s.CompensatedReply = cf.text("command", true), cf.text("done", true)
	readable := map[string]bool{s.Name: s.Name != ""}
	for name := range p.earlier {
		readable[name] = true
	}
	sc := scope{readable: readable, notReadable: "neither this step nor an earlier one"}
	s.CompensationPayload, s.CompensationTemplate = p.payload(cf, sc)
}

// payload compiles the payload field, if set, into its builder and its
// canonical template.
func (p *stepReader) payload(f *fields, sc scope) (saga.PayloadFunc, []byte) {
	v, ok := f.obj["payload"]
	if !ok {
		return nil, nil
	}
	a := f.at.in("payload")
	n := compile(p.r, a, v, sc)
	return func(in saga.PayloadInput) (any, error) { return n.build(in) }, canonicalJSON(p.r, a, v)
}

// isGroup tells a parallel group ({"parallel": [...]}) from a step.
func isGroup(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m["parallel"]
	return ok
}

// group reads the parallel group at position index: its steps get the
// group name parallel-<index> and may read only the steps before it.
func (p *stepReader) group(v any, index string) {
	f, ok := object(p.r, at{index: index}, v, "parallel")
	if !ok {
		return
	}
	list, isList := f.obj["parallel"].([]any)
	if !isList || len(list) < 2 {
		p.r.add(at{index: index, field: "parallel"}, "must be a list of at least two steps")
		return
	}
	var names []string
	for i, entry := range list {
		a := at{index: fmt.Sprintf("%s.%d", index, i+1)}
		if isGroup(entry) {
			p.r.add(a, "a parallel group cannot hold another")
			continue
		}
		if s, ok := p.step(entry, a, "parallel-"+index); ok {
			p.out = append(p.out, s)
		}
		names = append(names, p.lastName)
	}
	for _, name := range names {
		p.earlier[name] = true
	}
	p.lastName = ""
}

// retryPolicy reads the retry field; unset fields keep saga's defaults.
func retryPolicy(f *fields) saga.RetryPolicy {
	v, ok := f.obj["retry"]
	if !ok {
		return saga.RetryPolicy{}
	}
	rf, ok := object(f.r, f.at.in("retry"), v, "max_attempts", "backoff", "max_backoff", "multiplier", "jitter")
	if !ok {
		return saga.RetryPolicy{}
	}
	p := saga.RetryPolicy{MaxAttempts: rf.whole("max_attempts", 1, 0), InitialBackoff: rf.duration("backoff"),
		MaxBackoff: rf.duration("max_backoff"),
		Multiplier: rf.real("multiplier", "a number of at least 1", func(x float64) bool { return x >= 1 }),
		Jitter:     rf.real("jitter", "a number above 0 and at most 1", func(x float64) bool { return x > 0 && x <= 1 })}
	if p.MaxBackoff > 0 && p.MaxBackoff < p.InitialBackoff {
		f.r.add(rf.at.in("max_backoff"), "%s is below backoff %s", p.MaxBackoff, p.InitialBackoff)
	}
	return p
}
