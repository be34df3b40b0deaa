package payment

import "fmt"

// Decline reasons every driver gives.
const (
	// ReasonInsufficientFunds declines a charge larger than the balance.
	ReasonInsufficientFunds = "insufficient funds"
	// ReasonRefunded declines a charge for a saga whose charge was refunded.
	ReasonRefunded = "the payment of this saga was refunded"
)

// UnknownAccount is the decline reason for an account that does not exist.
func UnknownAccount(customerID string) string {
	return "unknown account " + customerID
}

// InvalidAmount is the decline reason for a negative amount.
func InvalidAmount(amount int64) string {
	return fmt.Sprintf("invalid amount %d", amount)
}
