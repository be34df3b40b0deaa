package metrics

import "github.com/prometheus/client_golang/prometheus"

// NewSagasPurged registers streamsaga_sagas_purged_total in reg: the
// finished sagas the orchestrator's retention deleted, with their history.
func NewSagasPurged(reg prometheus.Registerer) (prometheus.Counter, error) {
	return newPurged(reg, "streamsaga_sagas_purged_total",
		"Finished sagas (COMPLETED, COMPENSATED) deleted with their history once older than the saga retention.")
}

// NewBarriersPurged registers streamsaga_barrier_records_purged_total in
// reg: the barrier records a participant's retention deleted.
func NewBarriersPurged(reg prometheus.Registerer) (prometheus.Counter, error) {
	return newPurged(reg, "streamsaga_barrier_records_purged_total",
		"Barrier records (one per saga step) deleted once untouched for longer than the saga retention.")
}

func newPurged(reg prometheus.Registerer, name, help string) (prometheus.Counter, error) {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	if err := Register(reg, c); err != nil {
		return nil, err
	}
	return c, nil
}
