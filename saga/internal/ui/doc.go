// Package ui is the saga explorer: server-rendered HTML pages under /ui/
// that the orchestrator's API router mounts next to the JSON endpoints.
//
//   - GET /ui/ counts the sagas in every state (each a link that filters
//     the list), offers a search box and lists the newest sagas, filtered
//     with ?state= and paged with ?cursor= exactly like GET /sagas.
//   - GET /ui/search?q= finds a saga by its id or by its order's id and
//     redirects to its page.
//   - GET /ui/sagas/{id} shows one saga: its header, its steps and its
//     timeline, every history entry in order.
//   - POST /ui/sagas/{id}/retry resumes a FAILED or stuck saga through the
//     same Resumer as POST /sagas/{id}/retry and redirects back to the
//     saga's page with a flash message.
//
// Templates and the stylesheet are embedded; the pages load nothing else
// and use no JavaScript, so every action is a plain form. html/template
// escapes every value that comes from storage or from the request. Errors
// are pages too: 400 for bad input, 404 for an unknown saga or page, 403
// for a cross-site form post, 409 for a saga that cannot be retried and
// 503 when the store does not answer.
package ui
