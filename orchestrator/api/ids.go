package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// pathID is the {id} of the request's path. An id that no text column
// holds, or a UUID written in another form than its 36 characters
// (urn:uuid:..., braces, no hyphens), is a 400; any other id that is not a
// UUID names nothing and is left to the store's 404.
func pathID(r *http.Request) (string, error) {
	id := mux.Vars(r)["id"]
	if err := httpx.CheckText("id", id); err != nil {
		return "", err
	}
	if _, err := uuid.Parse(id); err == nil && len(id) != len(uuid.Nil.String()) {
		return "", httpx.Errorf(http.StatusBadRequest, "id must be a UUID written as 8-4-4-4-12 hexadecimal digits")
	}
	return id, nil
}

// operator is who the X-Operator header names, "api" when it names no one
// or is longer than 100 bytes; a value no text column holds is a 400.
func operator(r *http.Request) (string, error) {
	who := r.Header.Get("X-Operator")
	if err := httpx.CheckText("X-Operator", who); err != nil {
		return "", err
	}
	if who == "" || len(who) > 100 {
		return "api", nil
	}
	return who, nil
}
