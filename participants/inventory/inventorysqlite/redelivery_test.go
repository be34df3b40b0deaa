package inventorysqlite_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// TestRedeliveryChangesNothing is the store's half of inventorypg's
// TestCrashBetweenCommitAndAck, without Redis: the participant handles a
// command and commits, then gets the same entry again (as after a crash
// before XACK). The second delivery must change nothing: one reservation,
// and one reply written again under the same id.
func TestRedeliveryChangesNothing(t *testing.T) {
	t.Parallel()
	db := openDB(t, dbPath(t))
	s := inventorysqlite.New(db)
	inventorytest.SetStock(t, s, "A", 5)
	p, err := inventory.NewParticipant(s, resourcetest.QuietLogger())
	require.NoError(t, err)

	msg := reserveCommand(t)
	require.NoError(t, p.Handle(t.Context(), msg))
	msg.Deliveries = 2
	require.NoError(t, p.Handle(t.Context(), msg))

	inventorytest.RequireStock(t, s, "A", 3, 2)
	var rows, ids int
	require.NoError(t, db.SQL.QueryRowContext(t.Context(),
		"SELECT count(*), count(DISTINCT message_id) FROM outbox WHERE message_type = 'InventoryReserved'").Scan(&rows, &ids))
	require.Equal(t, []int{2, 1}, []int{rows, ids})
}

// reserveCommand is the stream entry of a ReserveInventory command for two
// units of A.
func reserveCommand(t *testing.T) transport.Message {
	t.Helper()
	data, err := json.Marshal(map[string]any{"order_id": "o1", "items": []map[string]any{{"sku": "A", "quantity": 2}}})
	require.NoError(t, err)
	env := saga.Envelope{MessageID: saga.NewID(), Type: "ReserveInventory", SagaID: saga.NewID(),
		Step: "reserve_inventory", Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now().UTC(), Data: data}
	raw, err := env.Encode()
	require.NoError(t, err)
	return transport.Message{ID: "1-0", Stream: inventory.CommandStream, Fields: map[string]string{stream.FieldEnvelope: string(raw)}, Deliveries: 1}
}
