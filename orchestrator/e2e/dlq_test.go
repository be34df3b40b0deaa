package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

type deadLetters struct {
	DeadLetters []struct {
		Stream   string `json:"stream"`
		ID       string `json:"id"`
		SourceID string `json:"source_id"`
		Group    string `json:"group"`
		Reason   string `json:"reason"`
		Envelope string `json:"envelope"`
	} `json:"dead_letters"`
}

// waitDeadLetter polls GET /dlq of a stream until its newest dead letter is
// not skip, and returns the list.
func (s *system) waitDeadLetter(t *testing.T, stream, skip string) deadLetters {
	t.Helper()
	var dl deadLetters
	require.Eventually(t, func() bool {
		dl = deadLetters{}
		status := call(t, http.MethodGet, s.orch.url("/dlq?stream="+stream), nil, &dl)
		return status == http.StatusOK && len(dl.DeadLetters) > 0 && dl.DeadLetters[0].ID != skip
	}, 10*time.Second, 20*time.Millisecond, "no dead letter in %s", stream)
	return dl
}

// TestDeadLetterReplayThroughTheAPI puts an unparseable reply on the
// orchestrator's stream, finds it with GET /dlq and replays it: the
// orchestrator reads it again and, as it is still unparseable, dead-letters
// it again.
func TestDeadLetterReplayThroughTheAPI(t *testing.T) {
	s := startSystem(t)
	const name = "orchestrator.replies"
	srcID, err := s.rdb.XAdd(context.Background(), &redis.XAddArgs{
		Stream: s.prefix + name, Values: []any{"envelope", "{not json"}}).Result()
	require.NoError(t, err)

	first := s.waitDeadLetter(t, name, "").DeadLetters[0]
	require.Equal(t, srcID, first.SourceID)
	require.Equal(t, "orchestrator", first.Group)
	require.Equal(t, "{not json", first.Envelope)
	require.NotEmpty(t, first.Reason)

	var replayed struct {
		ReplayedAs string `json:"replayed_as"`
	}
	status := call(t, http.MethodPost, s.orch.url("/dlq/"+name+"/"+first.ID+"/replay"), nil, &replayed)
	require.Equal(t, http.StatusAccepted, status)
	again := s.waitDeadLetter(t, name, first.ID).DeadLetters
	require.Len(t, again, 1, "the replayed dead letter left the dead-letter stream")
	require.Equal(t, replayed.ReplayedAs, again[0].SourceID)
}
