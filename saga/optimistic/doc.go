// Package optimistic judges a fast path that is tried on a guess and
// checked afterwards, such as applying a reply to a saga held in memory
// or taking a command for its first delivery: when too many tries of a
// window failed their check, the fast path is paused for a while, so
// that a workload on which the guess is often wrong (several processes
// sharing messages, redeliveries after a crash) does not pay a failed
// try on top of the slow path each time.
package optimistic
