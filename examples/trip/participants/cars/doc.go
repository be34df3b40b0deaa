// Package cars is the trip example's cars participant: RentCar rents a car
// of a class in its fleet, in its own table; ReturnCar cancels the rental.
//
//	RentCar {"reference", "driver", "rental": {"class", "days"}, "pickup"}
//	  -> CarRented {"booking", "class", "pickup"} | CarRefused
//	ReturnCar {"reference"} -> CarReturned
//
// The fleet has economy, compact and van cars; any other class is refused
// (a business failure: the saga cancels what it booked).
package cars
