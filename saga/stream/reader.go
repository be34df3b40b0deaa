package stream

import (
	"sync"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
)

// reader is a Consumer's member of the group on one shard key: its read
// loop, its claim loop and the settling of what its handler answered.
type reader struct {
	rdb       redis.UniversalClient
	cfg       ConsumerConfig
	handler   BatchHandler
	batchSize int // entries per handler call
	shard     int
	streamKey string
	dlqKey    string
	group     string
	log       *logrus.Entry
	lastErrs  *lastErrors

	handleMu sync.Mutex // one handler call at a time on this shard

	// readAck acknowledges what the read loop handled: with its next read
	// (deferAck) in a batch consumer whose client's pipelines wait long
	// enough for a blocking read, else at once.
	readAck ackFunc
	// acks, and carried outbox messages, wait for the read loop's next
	// read; carry is nil when the reader does not carry.
	ackMu   sync.Mutex
	acks    []Message
	carry   *Publisher
	carried []carriedBatch
}

func newReader(rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, bh BatchHandler, batchSize, shard int, deferAcks bool) *reader {
	r := &reader{
		rdb: rdb, cfg: cfg, handler: bh, batchSize: batchSize, shard: shard,
		streamKey: keys.ShardStream(cfg.Stream, shard),
		dlqKey:    keys.ShardDLQ(cfg.Stream, shard),
		group:     keys.Group(cfg.Group),
		lastErrs:  newLastErrors(lastErrorsCap),
	}
	fields := logrus.Fields{"stream": cfg.Stream, "group": cfg.Group, "consumer": cfg.Name}
	if keys.Sharded() {
		fields["shard"] = shard
	}
	r.log = cfg.Logger.WithFields(fields)
	r.readAck = r.ack
	if deferAcks {
		r.readAck = r.deferAck
		if _, single := rdb.(*redis.Client); single {
			r.carry = cfg.Carry
		}
	}
	return r
}
