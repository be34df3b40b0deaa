// Package flights is the trip example's flights participant: BookFlight
// books a seat in its own table, CancelFlight cancels it.
//
//	BookFlight {"reference", "traveller", "from", "to", "date"}
//	  -> FlightBooked {"booking", "route", "arrives"} | FlightRefused
//	CancelFlight {"reference"} -> FlightCancelled
//
// A flight whose from and to are the same airport is refused.
package flights
