// Package payment is the payment participant: it charges a customer's
// account for an order, declining when the balance is short or the account
// does not exist, and refunds the charge when the saga compensates.
//
// The package holds the service's logic and HTTP API against two small
// interfaces, Store and Tx; drivers implement them (paymentpg for
// PostgreSQL) and must pass the conformance suite in paymenttest.
//
// Commands (on the payment.commands stream) and their replies:
//
//	ProcessPayment {"order_id", "customer_id", "amount_cents"}
//	  -> PaymentProcessed {"order_id", "amount_cents"} | PaymentFailed (error.message = reason)
//	RefundPayment {"order_id", "customer_id", "amount_cents"}  (the payment is keyed by saga id)
//	  -> PaymentRefunded
//
// HTTP: PUT /accounts/{customer_id} {"balance_cents": 5000},
// GET /accounts/{customer_id} -> {"customer_id", "balance_cents"}, GET /healthz;
// served by package resource from the description Resource returns.
package payment
