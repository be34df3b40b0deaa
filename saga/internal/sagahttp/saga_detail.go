package sagahttp

import (
	"net/http"

	"github.com/streamsaga/streamsaga/saga"
)

// sagaDetail is the answer to GET /sagas/{id}: the saga, one page of its
// history and how many replies it ignored.
func (a *API) sagaDetail(r *http.Request, in *saga.Instance) (SagaView, error) {
	v := sagaView(in)
	v.Data = in.Data
	if err := a.historyPage(r, &v); err != nil {
		return v, err
	}
	ignored, err := a.store.IgnoredReplies(r.Context(), in.ID)
	if err != nil {
		return v, err
	}
	v.IgnoredReplies = &ignored
	return v, nil
}
