package metrics

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// fakeOutbox answers with fixed figures or errors, or blocks until its
// context ends.
type fakeOutbox struct {
	backlog  int64
	age      time.Duration
	err      error
	ageErr   error
	blocking bool
}

func (f fakeOutbox) Backlog(ctx context.Context) (int64, error) {
	if f.blocking {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	return f.backlog, f.err
}

func (f fakeOutbox) OldestAge(ctx context.Context) (time.Duration, error) {
	if f.blocking {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	return f.age, f.ageErr
}

func gatherOutbox(t *testing.T, f fakeOutbox, timeout time.Duration) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(NewOutbox(f, ScrapeOptions{Timeout: timeout})))
	return reg
}

func TestOutboxCollectsBacklogAndAge(t *testing.T) {
	reg := gatherOutbox(t, fakeOutbox{backlog: 7, age: 42500 * time.Millisecond}, 0)
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_outbox_backlog_capped 1 when the outbox holds more messages than streamsaga_outbox_backlog_rows shows (it stops counting at its limit).
# TYPE streamsaga_outbox_backlog_capped gauge
streamsaga_outbox_backlog_capped 0
# HELP streamsaga_outbox_backlog_rows Messages in the service's outbox not yet published to Redis.
# TYPE streamsaga_outbox_backlog_rows gauge
streamsaga_outbox_backlog_rows 7
# HELP streamsaga_outbox_oldest_age_seconds How long the oldest message in the service's outbox has waited to be published; 0 when the outbox is empty.
# TYPE streamsaga_outbox_oldest_age_seconds gauge
streamsaga_outbox_oldest_age_seconds 42.5
# HELP streamsaga_scrape_collector_success 1 when a scrape-time collector read its source, 0 when it failed (its series are then missing).
# TYPE streamsaga_scrape_collector_success gauge
streamsaga_scrape_collector_success{collector="outbox"} 1
`))
	require.NoError(t, err)
}

func TestOutboxLeavesOutWhatFails(t *testing.T) {
	reg := gatherOutbox(t, fakeOutbox{backlog: 3, ageErr: errors.New("no such column")}, 0)
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_outbox_backlog_capped 1 when the outbox holds more messages than streamsaga_outbox_backlog_rows shows (it stops counting at its limit).
# TYPE streamsaga_outbox_backlog_capped gauge
streamsaga_outbox_backlog_capped 0
# HELP streamsaga_outbox_backlog_rows Messages in the service's outbox not yet published to Redis.
# TYPE streamsaga_outbox_backlog_rows gauge
streamsaga_outbox_backlog_rows 3
# HELP streamsaga_scrape_collector_success 1 when a scrape-time collector read its source, 0 when it failed (its series are then missing).
# TYPE streamsaga_scrape_collector_success gauge
streamsaga_scrape_collector_success{collector="outbox"} 0
`))
	require.NoError(t, err)
}

func TestOutboxScrapeIsBoundedByTheTimeout(t *testing.T) {
	reg := gatherOutbox(t, fakeOutbox{blocking: true}, 50*time.Millisecond)
	start := time.Now()
	n, err := testutil.GatherAndCount(reg)
	require.NoError(t, err)
	require.Less(t, time.Since(start), 5*time.Second)
	require.Equal(t, 1, n, "only the failed success gauge")
	require.NotNil(t, find(t, reg, "streamsaga_scrape_collector_success", map[string]string{"collector": "outbox"}))
	require.Zero(t, find(t, reg, "streamsaga_scrape_collector_success", map[string]string{"collector": "outbox"}).GetGauge().GetValue())
}

// A backlog past outbox.BacklogCountLimit reads as the limit, with the
// capped gauge at 1.
func TestOutboxBacklogPastTheLimitIsCapped(t *testing.T) {
	reg := gatherOutbox(t, fakeOutbox{backlog: outbox.BacklogCountLimit + 1}, 0)
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_outbox_backlog_capped 1 when the outbox holds more messages than streamsaga_outbox_backlog_rows shows (it stops counting at its limit).
# TYPE streamsaga_outbox_backlog_capped gauge
streamsaga_outbox_backlog_capped 1
# HELP streamsaga_outbox_backlog_rows Messages in the service's outbox not yet published to Redis.
# TYPE streamsaga_outbox_backlog_rows gauge
streamsaga_outbox_backlog_rows 100000
`), "streamsaga_outbox_backlog_rows", "streamsaga_outbox_backlog_capped")
	require.NoError(t, err)
}
