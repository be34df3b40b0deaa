package sagahttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
)

// escapingOrder is an order of n items whose ids are 200 '<' each: small
// as a request body, six times larger once JSON escapes every '<'.
func escapingOrder(t *testing.T, n int) string {
	id := strings.Repeat("<", orders.MaxIDLength)
	items := make([]ordersaga.Item, n)
	for i := range items {
		items[i] = ordersaga.Item{SKU: id, Quantity: 1, UnitPriceCents: 1}
	}
	b, err := json.Marshal(orders.PlaceRequest{CustomerID: id, Items: items})
	require.NoError(t, err)
	return strings.ReplaceAll(string(b), `\u003c`, "<")
}

func TestAnOrderWhoseEventCannotTravelIsRefused(t *testing.T) {
	f := newFixture(t)
	body := escapingOrder(t, orders.MaxItems)
	require.Less(t, len(body), 300<<10, "the body itself is small")
	status, resp, _ := f.do(t, http.MethodPost, "/orders", body)
	require.Equal(t, http.StatusRequestEntityTooLarge, status)
	require.Contains(t, resp["error"], "OrderCreated")
	require.Contains(t, resp["error"], "1048576")
	require.Equal(t, 0, f.count(t, "orders"))
	require.Equal(t, 0, f.count(t, "outbox"))

	status, _, _ = f.do(t, http.MethodPost, "/orders", escapingOrder(t, 100))
	require.Equal(t, http.StatusAccepted, status, "one that fits is placed")
}
