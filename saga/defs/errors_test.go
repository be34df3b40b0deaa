package defs_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/defs"
)

// step is a valid step named name, with extra fields spliced in; a
// default action unless extra has one.
func step(name, extra string) string {
	s := `{"name": "` + name + `", "participant": "p.commands"`
	if !strings.Contains(extra, `"action"`) {
		s += `, "action": {"command": "Do", "success": "Done", "failure": "Failed"}`
	}
	if extra != "" {
		s += ", " + extra
	}
	return s + "}"
}

// file is a valid file around steps.
func file(steps ...string) string {
	return `{"type": "trip", "version": 1, "steps": [` + strings.Join(steps, ", ") + `]}`
}

func TestEveryLoadErrorNamesTheFileTheStepAndTheField(t *testing.T) {
	hotel := func(payload string) string {
		return step("hotel", `"action": {"command": "Book", "success": "Booked", "failure": "Full", "payload": `+payload+`}`)
	}
	cases := []struct {
		name, content string
		want          []string
	}{
		{"a path naming a later step", file(hotel(`{"guest": "${steps.hotl.result.id}"}`), step("hotl", "")),
			[]string{`defs/trip.json: step "hotel": action.payload.guest: path ${steps.hotl.result.id} names no earlier step`}},
		{"a path naming the step itself in its action", file(hotel(`{"guest": "${steps.hotel.result.id}"}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.guest: path ${steps.hotel.result.id} names no earlier step`}},
		{"a path with another root", file(hotel(`{"guest": "x ${data.guest}"}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.guest: path ${data.guest} must start with input, steps or saga`}},
		{"saga offers only its id", file(hotel(`{"saga": "${saga.type}"}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.saga: path ${saga.type}: saga offers only saga.id`}},
		{"a step path without result", file(step("a", ""), hotel(`["${steps.a.id}"]`)),
			[]string{`defs/trip.json: step "hotel": action.payload[0]: path ${steps.a.id} must read steps.<name>.result or a field below it`}},
		{"an empty field name", file(hotel(`{"x": {"y": "${input.guest.}"}}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.x.y: path ${input.guest.} has an empty field name`}},
		{"an empty path", file(hotel(`{"guest": "${}"}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.guest: ${} names no path`}},
		{"an unclosed path", file(hotel(`{"guest": "${input.guest"}`)),
			[]string{`defs/trip.json: step "hotel": action.payload.guest: ${ without its closing }`}},
		{"a compensation reading a later step",
			file(step("hotel", `"compensation": {"command": "Undo", "done": "Undone", "payload": {"b": "${steps.car.result.b}"}}`), step("car", "")),
			[]string{`defs/trip.json: step "hotel": compensation.payload.b: path ${steps.car.result.b} names neither this step nor an earlier one`}},
		{"a sibling in a parallel group is not earlier",
			file(`{"parallel": [` + step("hotel", "") + `, ` + step("car", `"action": {"command": "Rent", "success": "Rented", "failure": "None", "payload": {"h": "${steps.hotel.result.id}"}}`) + `]}`),
			[]string{`defs/trip.json: step "car": action.payload.h: path ${steps.hotel.result.id} names no earlier step`}},
		{"an unknown field of a step", file(step("hotel", `"retries": 3`)),
			[]string{`defs/trip.json: step "hotel": retries: unknown field (known: name, participant, timeout, retry, action, compensation)`}},
		{"an unknown field of the file", `{"type": "trip", "steps": [` + step("a", "") + `], "owner": "me"}`,
			[]string{`defs/trip.json: owner: unknown field (known: $schema, type, version, http_start, input_schema, trigger, steps)`}},
		{"an unknown field of an action", file(step("a", `"action": {"command": "Do", "success": "Done", "failure": "Failed", "reply": "x"}`)),
			[]string{`defs/trip.json: step "a": action.reply: unknown field (known: command, success, failure, payload)`}},
		{"an unknown field of a retry", file(step("a", `"retry": {"attempts": 3}`)),
			[]string{`defs/trip.json: step "a": retry.attempts: unknown field (known: max_attempts, backoff, max_backoff, multiplier, jitter)`}},
		{"missing fields of a step without a name", file(`{"participant": "p", "action": {"command": "Do"}}`),
			[]string{`defs/trip.json: step 1: name: missing`, `defs/trip.json: step 1: action.success: missing`,
				`defs/trip.json: step 1: action.failure: missing`}},
		{"a step without an action", file(`{"name": "a", "participant": "p"}`),
			[]string{`defs/trip.json: step "a": action: missing`}},
		{"a compensation without its reply", file(step("a", `"compensation": {"command": "Undo"}`)),
			[]string{`defs/trip.json: step "a": compensation.done: missing`}},
		{"a blank participant", file(`{"name": "a", "participant": " ", "action": {"command": "Do", "success": "Done", "failure": "F"}}`),
			[]string{`defs/trip.json: step "a": participant: must not be blank`}},
		{"a step name a path cannot name", file(step("a.b", "")),
			[]string{`defs/trip.json: step 1: name: "a.b": use letters, digits, '_' and '-'`}},
		{"a step name used twice", file(step("a", ""), step("a", "")),
			[]string{`defs/trip.json: step "a": name: used by step 1 too`}},
		{"bad durations", file(step("a", `"timeout": "10", "retry": {"backoff": "-1s", "max_backoff": 5}`)),
			[]string{`defs/trip.json: step "a": timeout: must be a positive duration such as 10s or 200ms, not "10"`,
				`defs/trip.json: step "a": retry.backoff: must be a positive duration such as 10s or 200ms, not "-1s"`,
				`defs/trip.json: step "a": retry.max_backoff: must be text, not a number`}},
		{"bad retry numbers", file(step("a", `"retry": {"max_attempts": 0, "multiplier": 0.5, "jitter": 2}`)),
			[]string{`defs/trip.json: step "a": retry.max_attempts: must be a whole number of at least 1, not 0`,
				`defs/trip.json: step "a": retry.multiplier: must be a number of at least 1, not 0.5`,
				`defs/trip.json: step "a": retry.jitter: must be a number above 0 and at most 1, not 2`}},
		{"a max_backoff below the backoff", file(step("a", `"retry": {"backoff": "2s", "max_backoff": "1s"}`)),
			[]string{`defs/trip.json: step "a": retry.max_backoff: 1s is below backoff 2s`}},
		{"a parallel group of one", file(`{"parallel": [` + step("a", "") + `]}`),
			[]string{`defs/trip.json: step 1: parallel: must be a list of at least two steps`}},
		{"a parallel group in a parallel group", file(`{"parallel": [` + step("a", "") + `, {"parallel": []}]}`),
			[]string{`defs/trip.json: step 1.2: a parallel group cannot hold another`}},
		{"a parallel entry with other fields", file(`{"parallel": [` + step("a", "") + `, ` + step("b", "") + `], "name": "x"}`),
			[]string{`defs/trip.json: step 1: name: unknown field (known: parallel)`}},
		{"no type, a bad version", `{"version": 0, "steps": [` + step("a", "") + `]}`,
			[]string{`defs/trip.json: type: missing`, `defs/trip.json: version: must be a whole number of at least 1, not 0`}},
		{"a type name with spaces", `{"type": "my trip", "steps": [` + step("a", "") + `]}`,
			[]string{`defs/trip.json: type: "my trip": use letters, digits, '.', '_' and '-'`}},
		{"no steps", `{"type": "trip", "steps": []}`, []string{`defs/trip.json: steps: must hold at least one step`}},
		{"steps that are not a list", `{"type": "trip", "steps": {}}`, []string{`defs/trip.json: steps: must be a list of steps, not an object`}},
		{"http_start that is not a boolean", `{"type": "trip", "http_start": "yes", "steps": [` + step("a", "") + `]}`,
			[]string{`defs/trip.json: http_start: must be true or false, not text`}},
		{"an input schema that does not compile", `{"type": "trip", "input_schema": {"type": "thing"}, "steps": [` + step("a", "") + `]}`,
			[]string{`defs/trip.json: input_schema: not a usable JSON Schema: `}},
		{"an input schema that refers elsewhere", `{"type": "trip", "input_schema": {"$ref": "https://example.com/s.json"}, "steps": [` + step("a", "") + `]}`,
			[]string{`defs/trip.json: input_schema: not a usable JSON Schema: `}},
		{"not JSON", `{"type": "trip",` + "\n" + `"steps": [}`, []string{`defs/trip.json: line 2: not valid JSON: invalid character '}' looking for beginning of value`}},
		{"a key twice", `{"type": "trip", "type": "trip"}`, []string{`defs/trip.json: line 1: not valid JSON: key "type" appears twice in one object`}},
		{"not an object", `[1]`, []string{`defs/trip.json: must be an object, not a list`}},
		{"two values", `{} {}`, []string{`defs/trip.json: line 1: not valid JSON: more than one JSON value`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := defs.Parse("defs/trip.json", []byte(c.content))
			require.Error(t, err)
			var es defs.Errors
			require.ErrorAs(t, err, &es)
			require.Len(t, es, len(c.want), err.Error())
			for i, want := range c.want {
				require.True(t, strings.HasPrefix(es[i].Error(), want), "got  %s\nwant %s", es[i], want)
				require.NotContains(t, es[i].Error(), "\n")
			}
		})
	}
}

func TestYAMLErrorsNameTheFileTheStepAndTheField(t *testing.T) {
	cases := []struct{ content, want string }{
		{"type: trip\nsteps:\n  - name: hotel\n    participant: hotels.commands\n    action: {command: Book, success: Booked, failure: Full,\n      payload: {guest: '${steps.hotl.result.id}'}}\n",
			`defs/trip.yaml: step "hotel": action.payload.guest: path ${steps.hotl.result.id} names no earlier step`},
		{"type: trip\ntype: trip\n", `defs/trip.yaml: line 2: key "type" appears twice in one mapping`},
		{"type: trip\nsteps: [a\n", `defs/trip.yaml: not valid YAML: line 1: did not find expected ',' or ']'`},
		{"", `defs/trip.yaml: empty file`},
		{"type: trip\n---\ntype: other\n", `defs/trip.yaml: more than one YAML document`},
		{"type: trip\nversion: .inf\n", `defs/trip.yaml: line 2: .inf is not a number JSON can hold`},
		{"base: &b {type: trip}\n<<: *b\n", `defs/trip.yaml: line 2: keys must be plain text (no merge keys)`},
	}
	for _, c := range cases {
		_, err := defs.Parse("defs/trip.yaml", []byte(c.content))
		require.Error(t, err)
		require.True(t, strings.HasPrefix(err.Error(), c.want), "got  %s\nwant %s", err, c.want)
	}
	_, err := defs.Parse("defs/trip.txt", []byte(`{}`))
	require.EqualError(t, err, "defs/trip.txt: not a .json, .yaml or .yml file")
}

func TestErrorsSayHowManyMoreThereAre(t *testing.T) {
	_, err := defs.Parse("t.json", []byte(`{"steps": 1, "version": "2"}`))
	require.EqualError(t, err, "t.json: type: missing (and 2 more errors)")
	require.Equal(t, []string{"t.json: type: missing", "t.json: version: must be a number, not text",
		"t.json: steps: must be a list of steps, not a number"}, lines(err))
	require.Equal(t, "t.json: step \"a\": retry: x", (&defs.Error{File: "t.json", Step: "a", Index: "1", Field: "retry", Msg: "x"}).Error())
}

// lines is each problem of err on its own line.
func lines(err error) []string {
	var out []string
	for _, e := range err.(defs.Errors) {
		out = append(out, e.Error())
	}
	return out
}
