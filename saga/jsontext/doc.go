// Package jsontext renders JSON values for people: on one line, cut at a
// byte bound on a character boundary with the full size shown. The saga
// explorer and the operator CLI show saga data and step results with it.
package jsontext
