package loadgen

import (
	"encoding/json"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// parseOutcome reads an OrderApproved or OrderRejected entry of
// orders.events: the saga, its result and its completion time (the
// envelope's time), and the order's customer. ok is false for any other
// entry, including one that does not parse.
func parseOutcome(m redis.XMessage) (r resolution, customer string, ok bool) {
	raw, _ := m.Values[stream.FieldEnvelope].(string)
	env, err := saga.DecodeEnvelope([]byte(raw))
	if err != nil {
		return r, "", false
	}
	switch env.Type {
	case ordersaga.OrderApproved:
		r.result = Approved
	case ordersaga.OrderRejected:
		r.result = Rejected
	default:
		return r, "", false
	}
	var data ordersaga.OutcomeData
	if err := json.Unmarshal(env.Data, &data); err != nil {
		return r, "", false
	}
	r.sagaID, r.completedAt = env.SagaID, env.Time
	if r.sagaID == "" {
		r.sagaID = data.SagaID
	}
	return r, data.CustomerID, r.sagaID != ""
}
