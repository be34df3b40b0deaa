package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga"
)

// SagaBuckets are the bounds of the saga and step duration histograms:
// milliseconds when all goes well, minutes when retries and timeouts
// stretch a step.
var SagaBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300}

// Sagas counts and times sagas and their steps. It is the orchestrator
// runner's Metrics: the runner reports to it once the transaction that
// started, advanced or finished a saga committed.
type Sagas struct {
	started, completed, compensated, failed *prometheus.CounterVec
	duration, stepDuration                  *prometheus.HistogramVec
	retries, timeouts                       *prometheus.CounterVec
	parked                                  *prometheus.CounterVec
}

// NewSagas registers the saga metrics in reg.
func NewSagas(reg prometheus.Registerer) (*Sagas, error) {
	s := &Sagas{
		started:     sagaCounter("started", "Sagas started."),
		completed:   sagaCounter("completed", "Sagas that ended COMPLETED: every step succeeded."),
		compensated: sagaCounter("compensated", "Sagas that ended COMPENSATED: a step failed and the steps done before it were undone."),
		failed:      sagaCounter("failed", "Sagas that ended FAILED: a compensation could not be completed and an operator must look."),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "streamsaga_saga_duration_seconds",
			Help:    "Time from a saga's start to its end, by saga type and final state.",
			Buckets: SagaBuckets,
		}, []string{"saga_type", "state"}),
		stepDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "streamsaga_saga_step_duration_seconds",
			Help: "Time from a step's first command to its outcome, retries and resends included, by saga type, step and " +
				"outcome (succeeded, failed: a business refusal, gave_up: attempts or timeouts spent, " +
				"abandoned: another step of its parallel group failed while it waited).",
			Buckets: SagaBuckets,
		}, []string{"saga_type", "step", "outcome"}),
		retries: stepCounter("streamsaga_saga_step_retries_total",
			"Retries scheduled after a participant answered with a retryable error, by saga type and step (compensations included)."),
		parked: sagaCounter("parked", "Sagas set aside because the running code does not know their definition version "+
			"or their steps do not match it; no timer claims them until they are taken up again."),
		timeouts: stepCounter("streamsaga_saga_step_timeouts_total",
			"Step deadlines that passed with no reply (the command is sent again or the step given up), by saga type and step."),
	}
	err := Register(reg, s.started, s.completed, s.compensated, s.failed, s.duration, s.stepDuration, s.retries, s.timeouts, s.parked)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func sagaCounter(what, help string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "streamsaga_sagas_" + what + "_total", Help: help + " By saga type.",
	}, []string{"saga_type"})
}

func stepCounter(name, help string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{"saga_type", "step"})
}

// Declare makes the counters of each definition's saga type and steps
// exist at zero, so that rates and alerts see them before the first event.
func (s *Sagas) Declare(defs ...*saga.Definition) {
	for _, def := range defs {
		for _, c := range []*prometheus.CounterVec{s.started, s.completed, s.compensated, s.failed, s.parked} {
			c.WithLabelValues(def.Type)
		}
		for _, step := range def.Steps {
			s.retries.WithLabelValues(def.Type, step.Name)
			s.timeouts.WithLabelValues(def.Type, step.Name)
		}
	}
}

// SagaStarted counts a saga started.
func (s *Sagas) SagaStarted(sagaType string) { s.started.WithLabelValues(sagaType).Inc() }

// SagaFinished counts a saga that reached a terminal state and records how
// long it took from its start.
func (s *Sagas) SagaFinished(sagaType string, state saga.State, took time.Duration) {
	switch state {
	case saga.StateCompleted:
		s.completed.WithLabelValues(sagaType).Inc()
	case saga.StateCompensated:
		s.compensated.WithLabelValues(sagaType).Inc()
	case saga.StateFailed:
		s.failed.WithLabelValues(sagaType).Inc()
	}
	s.duration.WithLabelValues(sagaType, string(state)).Observe(took.Seconds())
}

// StepFinished records how long a step took from its first command to its
// outcome.
func (s *Sagas) StepFinished(sagaType, step, outcome string, took time.Duration) {
	s.stepDuration.WithLabelValues(sagaType, step, outcome).Observe(took.Seconds())
}

// StepRetried counts a retry scheduled for a step.
func (s *Sagas) StepRetried(sagaType, step string) { s.retries.WithLabelValues(sagaType, step).Inc() }

// StepTimedOut counts a step deadline that passed with no reply.
func (s *Sagas) StepTimedOut(sagaType, step string) { s.timeouts.WithLabelValues(sagaType, step).Inc() }

// SagaParked counts a saga set aside.
func (s *Sagas) SagaParked(sagaType string) { s.parked.WithLabelValues(sagaType).Inc() }
