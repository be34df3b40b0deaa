package iocount

import (
	"strings"
	"sync"
	"sync/atomic"
)

var (
	dbTransactions, dbStatements, dbRoundTrips atomic.Uint64
	redisRoundTrips                            atomic.Uint64
	// redisCommands maps a command's name to its *atomic.Uint64.
	redisCommands sync.Map
)

// Counts are a process's totals since it started.
type Counts struct {
	// DBTransactions counts the transactions begun.
	DBTransactions uint64
	// DBStatements counts the statements sent, BEGIN, COMMIT and ROLLBACK
	// left out.
	DBStatements uint64
	// DBRoundTrips counts the exchanges with the server: a statement on
	// its own, or a batch of them sent together.
	DBRoundTrips uint64
	// RedisRoundTrips counts the exchanges with Redis: a command on its
	// own, or a pipeline.
	RedisRoundTrips uint64
	// RedisCommands counts the commands sent, by lower-case name.
	RedisCommands map[string]uint64
}

// Read returns the totals so far.
func Read() Counts {
	c := Counts{DBTransactions: dbTransactions.Load(), DBStatements: dbStatements.Load(),
		DBRoundTrips: dbRoundTrips.Load(), RedisRoundTrips: redisRoundTrips.Load(), RedisCommands: map[string]uint64{}}
	redisCommands.Range(func(k, v any) bool {
		c.RedisCommands[k.(string)] = v.(*atomic.Uint64).Load()
		return true
	})
	return c
}

// DBRoundTrip counts one exchange with the database.
func DBRoundTrip() { dbRoundTrips.Add(1) }

// DBStatement counts the statement sql: a transaction when it is a BEGIN,
// nothing when it ends one, a statement otherwise.
func DBStatement(sql string) {
	switch control(sql) {
	case "begin", "start":
		dbTransactions.Add(1)
	case "commit", "rollback", "end":
	default:
		dbStatements.Add(1)
	}
}

// control is the lower-case first word of sql when it is short enough to
// be a transaction control word, else "".
func control(sql string) string {
	sql = strings.TrimLeft(sql, " \t\r\n")
	end := strings.IndexAny(sql, " \t\r\n;")
	if end < 0 {
		end = len(sql)
	}
	if end > len("rollback") {
		return ""
	}
	return strings.ToLower(sql[:end])
}

// RedisRoundTrip counts one exchange with Redis.
func RedisRoundTrip() { redisRoundTrips.Add(1) }

// RedisCommand counts one command named name (lower case).
func RedisCommand(name string) {
	v, ok := redisCommands.Load(name)
	if !ok {
		v, _ = redisCommands.LoadOrStore(name, new(atomic.Uint64))
	}
	v.(*atomic.Uint64).Add(1)
}
