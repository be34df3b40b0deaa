package metrics

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

type fakeCourier outbox.CourierStats

func (f fakeCourier) Stats() outbox.CourierStats { return outbox.CourierStats(f) }

func TestCourierCollectsItsFigures(t *testing.T) {
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(NewCourier(fakeCourier{Queued: 3, Published: 120, LeftToRelay: 7})))
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_outbox_courier_left_to_relay_total Messages the service's courier left to the relay: Redis refused them for their whole lease, or its queue was full.
# TYPE streamsaga_outbox_courier_left_to_relay_total counter
streamsaga_outbox_courier_left_to_relay_total 7
# HELP streamsaga_outbox_courier_published_total Messages the service's courier published right after their commit.
# TYPE streamsaga_outbox_courier_published_total counter
streamsaga_outbox_courier_published_total 120
# HELP streamsaga_outbox_courier_queued_messages Committed messages waiting for the service's courier to publish them.
# TYPE streamsaga_outbox_courier_queued_messages gauge
streamsaga_outbox_courier_queued_messages 3
`))
	require.NoError(t, err)
}
