// Package resource serves the HTTP API of a participant's records that each
// hold one integer under a key taken from the URL, such as the inventory's
// stock of a SKU or the payment service's balance of an account:
//
//	PUT {path} {"<field>": n}   -> 200 with the record
//	GET {path}                  -> 200 with the record, or 404
//	GET /healthz                -> 200 when the store and every check answer
//
// A service describes its record with a Resource (route, key, field, texts
// and store functions); NewHandler does the rest the same way for every
// service: the key's length and text are checked (400 for an empty or long
// key, invalid UTF-8 or a NUL), the body decoded strictly (415, 400, 413),
// the field required and not negative (422), a store error wrapping
// ErrInvalid answered 422 and saga.ErrNotFound 404, any other (the
// database cannot be reached) logged and answered 503. Errors are
// {"error": "..."}.
//
// The resourcetest package holds the suite every such API passes.
package resource
