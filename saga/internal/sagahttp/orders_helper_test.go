package sagahttp_test

import (
	"io"
	"net/http"

	"github.com/sirupsen/logrus"

	orderapi "github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/internal/ui"
)

// withOrders serves a's routes next to the order application's, the
// engine's first user, whose orders start the sagas these tests read.
func withOrders(st driver.Store, orderStore orderstore.Store, a *sagahttp.API) http.Handler {
	log := logrus.New()
	log.SetOutput(io.Discard)
	svc := orders.NewService(st, orderStore, nil)
	oa := orderapi.New(svc, logrus.NewEntry(log), nil)
	a.WithApp(ui.App{Noun: "order", Find: svc.SagaOfOrder, NotStarted: oa.SagaNotStarted})
	r := httpx.NewRouter()
	a.Routes(r)
	oa.Routes(r)
	return r
}
