// Package inbox defines the inbox: the record of messages a consumer has
// already handled, written in the same transaction as their effect, so a
// duplicate delivery is recognised and changes nothing.
package inbox
