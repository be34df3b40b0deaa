package host

import (
	"fmt"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/service"
)

// BarrierBatch is how many barrier records one transaction of the
// barrier retention deletes.
const BarrierBatch = 1000

// BarrierRetention is how long a participant keeps a barrier record after
// it was last written: SAGA_RETENTION, but never less than
// INBOX_RETENTION, and forever when SAGA_RETENTION is off. A command may
// arrive late for as long as the inbox remembers ids, and must then still
// meet its step's record: a late action after its compensation is refused
// only while the record says so.
func BarrierRetention(cfg config.Config) time.Duration {
	if cfg.SagaRetention < 0 {
		return retention.Off
	}
	keep, ids := cfg.SagaRetention, cfg.InboxRetention
	if keep == 0 {
		keep = retention.DefaultSagaRetention
	}
	if ids <= 0 {
		ids = inbox.DefaultRetention
	}
	return max(keep, ids)
}

// barrierPurger is the component that deletes the service's old barrier
// records every retention.Interval, counted in
// streamsaga_barrier_records_purged_total; nil when the retention is off.
func barrierPurger(d Deps, cfg config.Config, log *logrus.Entry) (service.Component, error) {
	purge, err := barrierPurge(d, cfg, log)
	if err != nil || purge == nil {
		return nil, err
	}
	return &service.Every{Name: "barrier purger", Interval: retention.Interval, Log: log, Fn: purge.Pass}, nil
}

// barrierPurge is the barrier retention over d's database; nil when the
// retention is off.
func barrierPurge(d Deps, cfg config.Config, log *logrus.Entry) (*retention.Purge, error) {
	deleted, err := metrics.NewBarriersPurged(d.Metrics)
	if err != nil {
		return nil, err
	}
	keep := BarrierRetention(cfg)
	if keep < 0 {
		return nil, nil
	}
	db, ok := d.DB.(backend.BarrierPruner)
	if !ok {
		return nil, fmt.Errorf("the database (%T) cannot prune barrier records; set SAGA_RETENTION=off to keep them", d.DB)
	}
	return &retention.Purge{What: "barrier records", Delete: db.BarrierPruner(), Keep: keep, Batch: BarrierBatch,
		Log: log, Deleted: deleted}, nil
}
