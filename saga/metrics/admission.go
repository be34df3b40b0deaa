package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// AdmissionSource is what the admission metrics read (admission.Gate).
type AdmissionSource interface {
	Wait() time.Duration
	Refused() uint64
}

// NewAdmission returns the collectors of the admission of new sagas:
// streamsaga_admission_wait_seconds, the longest a message waited in a
// stream for a group that reads, and streamsaga_sagas_refused_total, the
// requests for a new saga answered 503 meanwhile.
func NewAdmission(src AdmissionSource) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "streamsaga_admission_wait_seconds",
			Help: "Longest wait of a message not yet read, over the consumer groups of the saga streams that read (admission measure)."},
			func() float64 { return src.Wait().Seconds() }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "streamsaga_sagas_refused_total",
			Help: "Requests for a new saga answered 503 because messages waited longer than ADMISSION_MAX_WAIT."},
			func() float64 { return float64(src.Refused()) }),
	}
}
