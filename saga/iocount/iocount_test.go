package iocount

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStatementsAndTransactionsAreTold(t *testing.T) {
	before := Read()
	DBStatement("BEGIN")
	DBStatement("  begin isolation level serializable")
	DBStatement("SELECT 1")
	DBStatement("INSERT INTO t VALUES (1)")
	DBStatement("commit")
	DBStatement("ROLLBACK")
	DBStatement("beginning_of_a_long_name()")
	DBRoundTrip()
	after := Read()
	require.Equal(t, uint64(2), after.DBTransactions-before.DBTransactions)
	require.Equal(t, uint64(3), after.DBStatements-before.DBStatements)
	require.Equal(t, uint64(1), after.DBRoundTrips-before.DBRoundTrips)
}

func TestRedisCommandsAreCountedByName(t *testing.T) {
	before := Read()
	RedisRoundTrip()
	RedisCommand("xadd")
	RedisCommand("xadd")
	RedisCommand("xack")
	after := Read()
	require.Equal(t, uint64(1), after.RedisRoundTrips-before.RedisRoundTrips)
	require.Equal(t, uint64(2), after.RedisCommands["xadd"]-before.RedisCommands["xadd"])
	require.Equal(t, uint64(1), after.RedisCommands["xack"]-before.RedisCommands["xack"])
}
