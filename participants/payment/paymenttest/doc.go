// Package paymenttest is the conformance suite of payment.Store. Every
// driver runs RunStore in its tests; the suite checks the model's rules
// (declines change nothing, one charge per saga, one refund, rollback)
// through the interface alone, plus the SDK's messaging suite.
package paymenttest
