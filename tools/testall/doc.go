// Command testall runs the whole test suite the way the README says:
//
//	go run ./tools/testall
//
// It runs "go test -count=1 ./..." (with -race when cgo and a C compiler are
// there), prints one line per package and the output of failed tests, and
// ends with a summary that lists every test skipped because PostgreSQL or
// Redis was not reachable and says how to run them. With only Go on the
// machine the SQLite and embedded-Redis suites, the dev-mode end-to-end
// tests and all unit tests still run. With CI or STREAMSAGA_REQUIRE_SERVICES
// set, a missing service fails its tests instead. Arguments are passed to
// go test (for example -run or a package list).
package main
