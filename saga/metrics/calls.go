package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/iocount"
)

// Calls collects the process's calls to PostgreSQL and Redis, as counted
// by iocount: transactions, statements and round trips to the database,
// round trips and commands by name to Redis.
type Calls struct {
	tx, stmts, dbTrips, redisTrips, redisCmds *prometheus.Desc
}

var _ prometheus.Collector = (*Calls)(nil)

// NewCalls returns the collector of the process's calls.
func NewCalls() *Calls {
	return &Calls{
		tx: prometheus.NewDesc("streamsaga_db_transactions_total",
			"Database transactions the process began.", nil, nil),
		stmts: prometheus.NewDesc("streamsaga_db_statements_total",
			"Statements the process sent to the database, BEGIN, COMMIT and ROLLBACK left out.", nil, nil),
		dbTrips: prometheus.NewDesc("streamsaga_db_round_trips_total",
			"Exchanges with the database: a statement on its own, or statements sent together.", nil, nil),
		redisTrips: prometheus.NewDesc("streamsaga_redis_round_trips_total",
			"Exchanges with Redis: a command on its own, or a pipeline.", nil, nil),
		redisCmds: prometheus.NewDesc("streamsaga_redis_commands_total",
			"Commands the process sent to Redis, by name.", []string{"command"}, nil),
	}
}

// Describe sends the descriptions of the call series.
func (c *Calls) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.tx, c.stmts, c.dbTrips, c.redisTrips, c.redisCmds} {
		ch <- d
	}
}

// Collect reads the process's totals.
func (c *Calls) Collect(ch chan<- prometheus.Metric) {
	n := iocount.Read()
	ch <- prometheus.MustNewConstMetric(c.tx, prometheus.CounterValue, float64(n.DBTransactions))
	ch <- prometheus.MustNewConstMetric(c.stmts, prometheus.CounterValue, float64(n.DBStatements))
	ch <- prometheus.MustNewConstMetric(c.dbTrips, prometheus.CounterValue, float64(n.DBRoundTrips))
	ch <- prometheus.MustNewConstMetric(c.redisTrips, prometheus.CounterValue, float64(n.RedisRoundTrips))
	for name, v := range n.RedisCommands {
		ch <- prometheus.MustNewConstMetric(c.redisCmds, prometheus.CounterValue, float64(v), name)
	}
}
