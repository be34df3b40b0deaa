package trip

import (
	"bytes"
	_ "embed" // trip.yaml
	"fmt"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/cars"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/examples/trip/participants/hotels"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

// FileName names the definition file in errors.
const FileName = "examples/trip/trip.yaml"

//go:embed trip.yaml
var file []byte

// File returns the definition file's content.
func File() []byte { return bytes.Clone(file) }

// Definition reads the trip saga's definition from the embedded file.
func Definition() (*saga.Definition, error) {
	def, err := defs.Parse(FileName, file)
	if err != nil {
		return nil, fmt.Errorf("reading the trip example: %w", err)
	}
	return def, nil
}

// Participants are the saga's flights, hotels and cars participants. The
// fourth, the payment service, is the order saga's.
func Participants() []bookings.Participant {
	return []bookings.Participant{flights.Participant(), hotels.Participant(), cars.Participant()}
}
