package pg

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/iocount"
)

// countingTracer tells iocount about every statement and round trip of
// the pool's connections: a statement on its own, a batch (a pipelined
// transaction's round trip) or a COPY. The statements a connection
// prepares the first time it meets them are not counted.
type countingTracer struct{}

var (
	_ pgx.QueryTracer    = countingTracer{}
	_ pgx.BatchTracer    = countingTracer{}
	_ pgx.CopyFromTracer = countingTracer{}
)

func (countingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	iocount.DBRoundTrip()
	iocount.DBStatement(d.SQL)
	return ctx
}

func (countingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (countingTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	iocount.DBRoundTrip()
	if d.Batch != nil {
		for _, q := range d.Batch.QueuedQueries {
			iocount.DBStatement(q.SQL)
		}
	}
	return ctx
}

func (countingTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (countingTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (countingTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	iocount.DBRoundTrip()
	iocount.DBStatement("COPY")
	return ctx
}

func (countingTracer) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}
