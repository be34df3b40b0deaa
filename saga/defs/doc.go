// Package defs reads saga definitions from JSON and YAML files, so a saga
// type can be added without Go code:
//
//	type: preorder            # required
//	version: 1                # optional, default 1
//	http_start: true          # optional, default true: POST /sagas may start it
//	input_schema: {...}       # optional: a JSON Schema the saga's input must match
//	steps:                    # required, at least one
//	  - name: charge          # required: letters, digits, '_' and '-'
//	    participant: payment.commands
//	    timeout: 10s          # optional, default 30s
//	    retry: {max_attempts: 5, backoff: 200ms, max_backoff: 30s, multiplier: 2, jitter: 0.2}
//	    action: {command: ProcessPayment, success: PaymentProcessed, failure: PaymentFailed,
//	             payload: {order_id: "${input.order_id}"}}
//	    compensation: {command: RefundPayment, done: PaymentRefunded,
//	                   payload: {amount_cents: "${steps.charge.result.amount_cents}"}}
//	  - parallel: [{name: hotel, ...}, {name: car, ...}]
//
// Unknown fields are errors. A payload is a JSON template: a string that
// is exactly ${path} becomes the JSON value at the path, with its type;
// ${path} inside a longer string is replaced by its text; $${ writes a
// literal ${. Paths are input.<field...> (the saga's input),
// steps.<name>.result.<field...> (the data of an earlier step's success
// reply; a compensation may also read its own step's) and saga.id. The
// part after input. or result. is a gjson path (github.com/tidwall/gjson):
// fields separated by dots, items.0 for an array's first element. A path
// that cannot exist is an error when the file is read; a value missing
// when the command is sent is a permanent payload error (saga.Permanent):
// the step fails without retries and the steps before it are compensated.
//
// The steps of a parallel entry at position N of steps get the group
// "parallel-N" (saga.Step.Group) and may read only the results of the
// steps before the group.
//
// Every problem is reported on one line naming the file, the step (by
// name, or by position counted from 1: "3.2" is the second step of the
// group at position 3) and the field:
//
//	defs/trip.yaml: step "hotel": action.payload.guest: path ${steps.hotl.result.id} names no earlier step
//
// FormatSchema is the JSON Schema of the format.
package defs
