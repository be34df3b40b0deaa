package stream

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Fields a dead-letter entry adds to the original entry's fields.
const (
	FieldDLQReason     = "dlq_reason"     // why the entry was dead-lettered
	FieldDLQStream     = "dlq_stream"     // logical source stream
	FieldDLQID         = "dlq_id"         // entry id in the source stream
	FieldDLQGroup      = "dlq_group"      // logical group that gave up
	FieldDLQDeliveries = "dlq_deliveries" // deliveries to the group's handlers
	FieldDLQAt         = "dlq_at"         // RFC 3339 time, nanoseconds
)

// dlqFieldPrefix marks the fields added by dead-lettering.
const dlqFieldPrefix = "dlq_"

// deadEntry is an entry to dead-letter, with its deliveries and reason.
type deadEntry struct {
	msg        Message
	deliveries int64
	reason     string
}

// deadLetter copies entries to the dead-letter stream and acknowledges them,
// all in one MULTI. When that fails they stay pending and the claim loop
// tries again later.
func (c *reader) deadLetter(ctx context.Context, entries []deadEntry) {
	if len(entries) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	_, err := c.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		ids := make([]string, len(entries))
		for i, e := range entries {
			pipe.XAdd(ctx, &redis.XAddArgs{
				Stream: c.dlqKey, MaxLen: c.cfg.DLQMaxLen, Approx: true,
				Values: c.dlqValues(e.msg, e.deliveries, e.reason),
			})
			ids[i] = e.msg.ID
		}
		pipe.XAck(ctx, c.streamKey, c.group, ids...)
		return nil
	})
	for _, e := range entries {
		c.logDeadLetter(e, err)
	}
}

func (c *reader) logDeadLetter(e deadEntry, err error) {
	log := c.entryLog(e.msg).WithField("reason", e.reason)
	if err != nil {
		log.WithError(err).Error("dead-lettering entry failed; it stays pending")
		return
	}
	c.lastErrs.remove(e.msg.ID)
	log.Warn("entry moved to the dead-letter stream")
}

func (c *reader) dlqValues(msg Message, deliveries int64, reason string) []any {
	values := originalValues(msg.Fields)
	return append(values,
		FieldDLQReason, reason,
		FieldDLQStream, c.cfg.Stream,
		FieldDLQID, msg.ID,
		FieldDLQGroup, c.cfg.Group,
		FieldDLQDeliveries, strconv.FormatInt(deliveries, 10),
		FieldDLQAt, time.Now().UTC().Format(time.RFC3339Nano),
	)
}

// originalValues lists fields as XADD arguments in name order, leaving out
// any dlq_* field.
func originalValues(fields map[string]string) []any {
	names := make([]string, 0, len(fields))
	for k := range fields {
		if !strings.HasPrefix(k, dlqFieldPrefix) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	values := make([]any, 0, 2*len(names)+12)
	for _, k := range names {
		values = append(values, k, fields[k])
	}
	return values
}
