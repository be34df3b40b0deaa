package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// While the greeter reads its commands more slowly than sagas start, they
// wait in its stream; past AdmissionMaxWait, POST /sagas is 503 with
// Retry-After and stores nothing; once the greeter catches up, sagas are
// taken again, and every saga admitted completes.
func TestEngineRefusesNewSagasWhileAParticipantFallsBehind(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	e, rdb, prefix := sqliteEngine(ctx, t, engine.Config{Definitions: []*saga.Definition{greeting()},
		HTTPAddr: "127.0.0.1:0", AdmissionMaxWait: 300 * time.Millisecond})
	require.NoError(t, e.Start(ctx))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })
	var slow atomic.Bool
	slow.Store(true)
	t.Cleanup(slowGreeter(ctx, t, rdb, prefix, &slow))
	url := "http://" + e.Addr() + "/sagas"

	var admitted []string
	var refused *http.Response
	var body string
	require.Eventually(t, func() bool {
		resp, text := postSaga(t, url)
		if resp.StatusCode == http.StatusAccepted {
			admitted = append(admitted, sagaID(t, text))
			return false
		}
		refused, body = resp, text
		return true
	}, 20*time.Second, 20*time.Millisecond, "POST /sagas was never refused")
	require.Equal(t, http.StatusServiceUnavailable, refused.StatusCode, body)
	require.Equal(t, "1", refused.Header.Get("Retry-After"))
	require.Contains(t, body, "too busy to start a saga")
	require.NotZero(t, e.Admission().Refused())
	require.Equal(t, int64(len(admitted)), countSagas(ctx, t, e), "a refused request stored a saga")

	slow.Store(false)
	require.Eventually(t, func() bool {
		resp, text := postSaga(t, url)
		if resp.StatusCode == http.StatusAccepted {
			admitted = append(admitted, sagaID(t, text))
			return true
		}
		return false
	}, 30*time.Second, 50*time.Millisecond, "POST /sagas still refused after the greeter caught up")
	for _, id := range admitted {
		require.Eventually(t, func() bool {
			inst, err := e.Store().GetSaga(ctx, id)
			return err == nil && inst.State == saga.StateCompleted
		}, 30*time.Second, 50*time.Millisecond, "saga %s did not complete", id)
	}
}

// slowGreeter is greeter reading one command at a time, each 100 ms late
// while slow is set.
func slowGreeter(ctx context.Context, t *testing.T, rdb redis.UniversalClient, prefix string, slow *atomic.Bool) func() {
	tr := redisstream.New(rdb, redisstream.Config{Prefix: prefix, Count: 1})
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: "greeter.commands", Group: "greeter"},
		transport.Each(func(ctx context.Context, m transport.Message) error {
			if slow.Load() {
				time.Sleep(100 * time.Millisecond)
			}
			cmd, err := saga.DecodeEnvelope(m.Envelope())
			if err != nil {
				return saga.Permanent(err)
			}
			return reply(ctx, tr, cmd)
		}))
	require.NoError(t, err)
	require.NoError(t, sub.Start(ctx))
	return func() { _ = sub.Stop(context.Background()) }
}

func postSaga(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(`{"type":"greeting","data":{"name":"Ada"}}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	text, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(text)
}

func sagaID(t *testing.T, body string) string {
	t.Helper()
	var started struct {
		SagaID string `json:"saga_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &started))
	return started.SagaID
}

func countSagas(ctx context.Context, t *testing.T, e *engine.Engine) int64 {
	t.Helper()
	counts, err := e.Store().CountSagasByState(ctx)
	require.NoError(t, err)
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}
