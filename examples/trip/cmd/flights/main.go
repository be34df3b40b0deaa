// Command flights runs the trip example's flights participant on PostgreSQL and
// Redis (DATABASE_URL, REDIS_URL, HTTP_ADDR as every service); it creates
// its schema and table at start.
package main

import (
	"os"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/participants/host"
)

func main() {
	os.Exit(host.Main(flights.Participant().Service(bookings.Postgres)))
}
