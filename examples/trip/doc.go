// Package trip is the trip booking example: a saga written as a
// definition file alone (trip.yaml, embedded here so a binary finds it
// wherever it runs) and three small participants on the participant SDK,
// each with a table of its own (participants/flights, hotels and cars),
// next to the payment service that charges for the trip.
//
// The saga books the flight, then the hotel and the car at once, then
// charges the customer; a refusal or a declined payment cancels what was
// booked. The orchestrator's dev mode registers the definition and runs
// the three participants in its process; cmd/flights, cmd/hotels and
// cmd/cars run them as processes on PostgreSQL and Redis, with the file
// given to the orchestrator in SAGA_DEFINITIONS.
package trip
