package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOrderSagaOutcomes drives the four paths of the order saga through the
// HTTP APIs and checks stock and money after each.
func TestOrderSagaOutcomes(t *testing.T) { orderSagaOutcomes(t, startSystem(t)) }

// TestDevModeOrderSagaOutcomes does the same in dev mode: one process,
// embedded Redis and SQLite.
func TestDevModeOrderSagaOutcomes(t *testing.T) { orderSagaOutcomes(t, startDevSystem(t)) }

func orderSagaOutcomes(t *testing.T, s *system) {
	s.setStock(t, "A", 10)
	s.setStock(t, "B", 1)
	s.setBalance(t, "rich", 100_000)
	s.setBalance(t, "poor", 100)

	t.Run("success", func(t *testing.T) {
		p := s.place(t, "rich", item{"A", 2, 1250}, item{"B", 1, 500})
		o, sv := s.settle(t, p.OrderID, 20*time.Second)
		require.Equal(t, "APPROVED", o.Status)
		require.Equal(t, int64(3000), o.TotalCents)
		require.Equal(t, "COMPLETED", sv.State)
		require.NotNil(t, sv.CompletedAt)
		require.Equal(t, []string{"SUCCEEDED", "SUCCEEDED"}, stepStates(sv))
		require.Equal(t, []string{"OrderCreated", "ReserveInventory", "InventoryReserved", "ProcessPayment",
			"PaymentProcessed", "OrderApproved"}, historyTypes(sv))
		require.Equal(t, stock{"A", 8, 2}, s.stock(t, "A"))
		require.Equal(t, stock{"B", 0, 1}, s.stock(t, "B"))
		require.Equal(t, int64(97_000), s.balance(t, "rich"))
	})

	t.Run("no stock", func(t *testing.T) {
		p := s.place(t, "rich", item{"A", 1, 100}, item{"B", 1, 500})
		o, sv := s.settle(t, p.OrderID, 20*time.Second)
		require.Equal(t, "REJECTED", o.Status)
		require.NotEmpty(t, o.Reason)
		require.Equal(t, "COMPENSATED", sv.State)
		require.Equal(t, []string{"FAILED", "PENDING"}, stepStates(sv))
		require.Equal(t, stock{"A", 8, 2}, s.stock(t, "A"), "all-or-nothing: A untouched")
		require.Equal(t, int64(97_000), s.balance(t, "rich"))
	})

	t.Run("payment declined", func(t *testing.T) {
		p := s.place(t, "poor", item{"A", 3, 1000})
		o, sv := s.settle(t, p.OrderID, 20*time.Second)
		require.Equal(t, "REJECTED", o.Status)
		require.Equal(t, "COMPENSATED", sv.State)
		require.Equal(t, []string{"COMPENSATED", "FAILED"}, stepStates(sv))
		require.Contains(t, historyTypes(sv), "ReleaseInventory")
		require.Contains(t, historyTypes(sv), "InventoryReleased")
		require.Equal(t, stock{"A", 8, 2}, s.stock(t, "A"), "reservation released")
		require.Equal(t, int64(100), s.balance(t, "poor"))
	})

	t.Run("unknown account", func(t *testing.T) {
		p := s.place(t, "nobody", item{"A", 1, 10})
		o, sv := s.settle(t, p.OrderID, 20*time.Second)
		require.Equal(t, "REJECTED", o.Status)
		require.Contains(t, o.Reason, "unknown account")
		require.Equal(t, "COMPENSATED", sv.State)
		require.Equal(t, stock{"A", 8, 2}, s.stock(t, "A"))
	})
}

func stepStates(sv sagaView) []string {
	out := make([]string, len(sv.Steps))
	for i, st := range sv.Steps {
		out[i] = st.State
	}
	return out
}

func historyTypes(sv sagaView) []string {
	var out []string
	for _, h := range sv.History {
		if h.MessageType != "" {
			out = append(out, h.MessageType)
		}
	}
	return out
}
