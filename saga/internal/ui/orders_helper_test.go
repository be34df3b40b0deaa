package ui_test

import (
	"io"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// orderEvents puts the order saga, the engine's first user, on r: its
// OrderCreated handler and its finish hook, as the engine wires them.
func orderEvents(st driver.Store, r *runner.Runner) *orders.Events {
	r.OnFinish(ordersaga.SagaType, orders.Finish)
	log := logrus.New()
	log.SetOutput(io.Discard)
	return orders.NewEventsOn(st, r.StartMany, logrus.NewEntry(log))
}
