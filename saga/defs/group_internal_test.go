package defs

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// A parallel entry's steps share one group, and the engine runs it.
func TestAParallelEntryGivesItsStepsOneGroup(t *testing.T) {
	content, err := os.ReadFile("testdata/trip.yaml")
	require.NoError(t, err)
	def, err := parse("testdata/trip.yaml", content)
	require.NoError(t, err)
	var got [][2]string
	for _, s := range def.Steps {
		got = append(got, [2]string{s.Name, s.Group})
	}
	require.Equal(t, [][2]string{{"flight", ""}, {"hotel", "parallel-2"}, {"car", "parallel-2"}, {"pay", ""}}, got)
	require.Equal(t, 3, def.Steps[1].Retry.MaxAttempts)
	require.Equal(t, "ReturnCar", def.Steps[2].Compensation)
	require.Nil(t, def.Steps[2].CompensationPayload, "a compensation without payload sends the saga's input")

	spec := def.Spec()
	require.Equal(t, "parallel-2", spec.Steps[1].Group)
	require.Equal(t, "parallel-2", spec.Steps[2].Group)

	parsed, err := Parse("testdata/trip.yaml", content)
	require.NoError(t, err, "the definition validates: the engine runs groups")
	require.Equal(t, "parallel-2", parsed.Steps[2].Group)
}

func TestTwoParallelGroupsAreTwoGroups(t *testing.T) {
	step := func(name string) string {
		return `{"name": "` + name + `", "participant": "p", "action": {"command": "A", "success": "B", "failure": "C"}}`
	}
	content := `{"type": "t", "steps": [{"parallel": [` + step("a") + `, ` + step("b") + `]}, ` +
		`{"parallel": [` + step("c") + `, {"name": "d", "participant": "p", "action": {"command": "A", "success": "B",
		"failure": "C", "payload": {"a": "${steps.a.result}", "b": "${steps.b.result.x}"}}}]}]}`
	def, err := parse("t.json", []byte(content))
	require.NoError(t, err)
	var groups []string
	for _, s := range def.Steps {
		groups = append(groups, s.Group)
	}
	require.Equal(t, []string{"parallel-1", "parallel-1", "parallel-2", "parallel-2"}, groups,
		"a later group reads the steps of an earlier one")
}
