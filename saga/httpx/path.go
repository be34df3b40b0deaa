package httpx

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/gorilla/mux"
)

// PathID is the {id} of the request's path. An id that no text column
// holds, or a UUID written in another form than its 36 characters
// (urn:uuid:..., braces, no hyphens), is a 400; any other id that is not a
// UUID names nothing and is left to the store's 404.
func PathID(r *http.Request) (string, error) {
	id := mux.Vars(r)["id"]
	if err := CheckText("id", id); err != nil {
		return "", err
	}
	if _, err := uuid.Parse(id); err == nil && len(id) != len(uuid.Nil.String()) {
		return "", Errorf(http.StatusBadRequest, "id must be a UUID written as 8-4-4-4-12 hexadecimal digits")
	}
	return id, nil
}
