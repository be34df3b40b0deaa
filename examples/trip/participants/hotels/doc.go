// Package hotels is the trip example's hotels participant: BookRoom books
// a room in its own table, CancelRoom cancels it.
//
//	BookRoom {"reference", "guest", "stay": {"city", "nights", "cancel_failures"},
//	          "arrival", "flight"}
//	  -> RoomBooked {"booking", "city", "nights"} | RoomRefused
//	CancelRoom {"reference"} -> RoomCancelled
//
// stay.cancel_failures (default 0) is how many times the cancellation of
// the room fails before it works: each failure is an error, which the SDK
// answers with a retryable reply, so the saga sends CancelRoom again; once
// its attempts are spent the saga is FAILED until an operator retries it.
package hotels
