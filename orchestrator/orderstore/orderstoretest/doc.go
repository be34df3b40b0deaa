// Package orderstoretest is the conformance suite of the order store:
// every implementation runs Run against a fresh engine store and order
// store over one database, so that the cases can check that the order
// statements run in the engine's transactions.
package orderstoretest
