package cli_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestDLQStreamsPrintsTheKnownStreams(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	f := newFixture(t, options{redis: rdb, prefix: prefix})
	out := f.cli(t, "dlq", "streams").ok(t).stdout
	require.Equal(t, "inventory.commands\norchestrator.replies\norders.events\noutbox\npayment.commands\n", out)
	out = f.cli(t, "--json", "dlq", "streams").ok(t).stdout
	require.JSONEq(t, `{"streams":["inventory.commands","orchestrator.replies","orders.events","outbox","payment.commands"]}`, out)

	r := f.cli(t, "dlq", "list", "--help")
	require.Contains(t, r.stdout+r.stderr, "only this logical stream (see dlq streams)")
}
