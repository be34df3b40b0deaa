package sagahttp

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// SagaTypesView is the answer to GET /saga-types.
type SagaTypesView struct {
	SagaTypes []saga.DefinitionSpec `json:"saga_types"`
}

// sagaTypes is GET /saga-types: the newest version of each registered
// type, by type.
func (a *API) sagaTypes(w http.ResponseWriter, _ *http.Request) {
	v := SagaTypesView{SagaTypes: []saga.DefinitionSpec{}}
	for _, def := range a.registry.Newest() {
		v.SagaTypes = append(v.SagaTypes, def.Spec())
	}
	httpx.WriteJSON(w, http.StatusOK, v)
}

// sagaRoutes adds GET /saga-types and POST /sagas when the API has a
// registry and a starter (WithSagas).
func (a *API) sagaRoutes(r *mux.Router) {
	if a.registry == nil || a.starter == nil {
		return
	}
	r.HandleFunc("/saga-types", a.sagaTypes).Methods(http.MethodGet)
	r.HandleFunc("/sagas", a.startSaga).Methods(http.MethodPost)
}
