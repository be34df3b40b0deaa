// Package loadgen is a load generator for the order saga. It places orders
// through the orchestrator's POST /orders, either open loop (a fixed rate of
// orders per second, whatever the system does) or closed loop (a number of
// clients, each placing its next order once the last one has finished), and
// measures how long each saga takes from the moment its POST was sent until
// the saga completed.
//
// Before it starts, a run sets up its own stock and accounts in the
// inventory and payment services, under names unique to the run, so that
// every order succeeds unless a share of them is asked to be rejected (those
// go to a customer without an account).
//
// Completion is seen by tailing the installation's orders.events stream with
// plain XREAD from the stream's last entry before the run: no consumer group
// is involved, so the generator takes nothing from the orchestrator. An
// OrderApproved or OrderRejected event is matched to its order by saga_id;
// the envelope's time is the saga's completion time. Orders whose event was
// not seen within a timeout are looked up with GET /sagas/{id} instead, and
// the report says how many needed that.
//
// Latencies compare the orchestrator's clock with the generator's, so run
// both on one machine (or on machines with synchronised clocks).
//
// Orders placed during the warm-up are left out of every figure of the
// report except the warm-up count.
//
// With Config.Interval (--interval) the run also reports each interval as
// it ends, intervals following one another without a gap from the start,
// warm-up included: the POSTs answered and the sagas ended in it, their
// rate and end-to-end latency (IntervalReport). The last interval ends once
// the orders still in flight have ended. So one long run shows whether its
// rate and latency hold over time.
package loadgen
