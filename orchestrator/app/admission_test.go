package app_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// While the inventory's group reads its stream more slowly than commands
// arrive, POST /orders is 503 with Retry-After; once it catches up,
// orders are taken again.
func TestPlacingOrdersIsRefusedWhileTheInventoryFallsBehind(t *testing.T) {
	base, rdb, prefix := startAppWith(t, func(c *config.Config) { c.AdmissionMaxWait = 300 * time.Millisecond })
	tr := redisstream.New(rdb, redisstream.Config{Prefix: prefix, Count: 1})
	var slow atomic.Bool
	slow.Store(true)
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: ordersaga.InventoryCommands, Group: "inventory"},
		func(ctx context.Context, msgs []transport.Message) []error {
			if slow.Load() {
				time.Sleep(100 * time.Millisecond)
			}
			return make([]error, len(msgs))
		})
	require.NoError(t, err)
	require.NoError(t, sub.Start(t.Context()))
	t.Cleanup(func() { _ = sub.Stop(context.Background()) })
	var backlog []transport.Outgoing
	for i := range 40 {
		id := fmt.Sprintf("filler-%d", i)
		backlog = append(backlog, transport.Outgoing{Stream: ordersaga.InventoryCommands, PartitionKey: id, MessageID: id,
			Type: "Filler", Payload: []byte(`{}`)})
	}
	require.NoError(t, tr.Publish(t.Context(), backlog))

	order := `{"customer_id":"c1","items":[{"sku":"A","quantity":1,"unit_price_cents":100}]}`
	var refused *http.Response
	require.Eventually(t, func() bool {
		resp, body := request(t, http.MethodPost, base+"/orders", order)
		refused = resp
		return resp.StatusCode == http.StatusServiceUnavailable && strings.Contains(body, "too busy to start a saga")
	}, 20*time.Second, 20*time.Millisecond, "POST /orders was never refused while the inventory fell behind")
	require.Equal(t, "1", refused.Header.Get("Retry-After"))

	slow.Store(false)
	require.Eventually(t, func() bool {
		status, _ := call(t, http.MethodPost, base+"/orders", order)
		return status == http.StatusAccepted
	}, 30*time.Second, 50*time.Millisecond, "POST /orders still refused after the inventory caught up")
}
