package ui_test

import (
	"io"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// orderEvents puts the order saga, the engine's first user, on r: its
// OrderCreated handler and its finish hook, as the engine wires them.
func orderEvents(st driver.Store, orderStore orderstore.Store, r *runner.Runner) *orders.Events {
	log := logrus.New()
	log.SetOutput(io.Discard)
	ev := orders.NewEventsOn(st, orderStore, r.StartMany, logrus.NewEntry(log))
	r.OnFinish(ordersaga.SagaType, ev.Finish)
	return ev
}
