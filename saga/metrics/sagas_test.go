package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func newSagas(t *testing.T) (*Sagas, *prometheus.Registry) {
	reg := prometheus.NewRegistry()
	s, err := NewSagas(reg)
	require.NoError(t, err)
	return s, reg
}

func TestSagasDeclareShowsZeroes(t *testing.T) {
	s, reg := newSagas(t)
	s.Declare(&saga.Definition{Type: "order", Steps: []saga.Step{{Name: "reserve"}, {Name: "pay"}}})
	err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_sagas_started_total Sagas started. By saga type.
# TYPE streamsaga_sagas_started_total counter
streamsaga_sagas_started_total{saga_type="order"} 0
# HELP streamsaga_saga_step_timeouts_total Step deadlines that passed with no reply (the command is sent again or the step given up), by saga type and step.
# TYPE streamsaga_saga_step_timeouts_total counter
streamsaga_saga_step_timeouts_total{saga_type="order",step="pay"} 0
streamsaga_saga_step_timeouts_total{saga_type="order",step="reserve"} 0
`), "streamsaga_sagas_started_total", "streamsaga_saga_step_timeouts_total")
	require.NoError(t, err)
}

func TestSagasCountsByOutcome(t *testing.T) {
	s, reg := newSagas(t)
	s.SagaStarted("order")
	s.SagaStarted("order")
	s.SagaStarted("order")
	s.SagaFinished("order", saga.StateCompleted, 120*time.Millisecond)
	s.SagaFinished("order", saga.StateCompensated, 300*time.Millisecond)
	s.SagaFinished("order", saga.StateFailed, 90*time.Second)
	s.StepRetried("order", "pay")
	s.StepTimedOut("order", "reserve")
	s.StepTimedOut("order", "reserve")

	require.Equal(t, 3.0, testutil.ToFloat64(s.started.WithLabelValues("order")))
	require.Equal(t, 1.0, testutil.ToFloat64(s.completed.WithLabelValues("order")))
	require.Equal(t, 1.0, testutil.ToFloat64(s.compensated.WithLabelValues("order")))
	require.Equal(t, 1.0, testutil.ToFloat64(s.failed.WithLabelValues("order")))
	require.Equal(t, 1.0, testutil.ToFloat64(s.retries.WithLabelValues("order", "pay")))
	require.Equal(t, 2.0, testutil.ToFloat64(s.timeouts.WithLabelValues("order", "reserve")))
	for _, state := range []string{"COMPLETED", "COMPENSATED", "FAILED"} {
		require.EqualValues(t, 1, sampleCount(t, reg, "streamsaga_saga_duration_seconds",
			map[string]string{"saga_type": "order", "state": state}), state)
	}
	m := find(t, reg, "streamsaga_saga_duration_seconds", map[string]string{"saga_type": "order", "state": "FAILED"})
	require.InDelta(t, 90, m.GetHistogram().GetSampleSum(), 1e-9)
}

func TestSagasStepDurationByOutcome(t *testing.T) {
	s, reg := newSagas(t)
	s.StepFinished("order", "reserve", "succeeded", 20*time.Millisecond)
	s.StepFinished("order", "reserve", "succeeded", 40*time.Millisecond)
	s.StepFinished("order", "pay", "failed", 5*time.Millisecond)
	ok := map[string]string{"saga_type": "order", "step": "reserve", "outcome": "succeeded"}
	require.EqualValues(t, 2, sampleCount(t, reg, "streamsaga_saga_step_duration_seconds", ok))
	require.InDelta(t, 0.06, find(t, reg, "streamsaga_saga_step_duration_seconds", ok).GetHistogram().GetSampleSum(), 1e-9)
	require.EqualValues(t, 1, sampleCount(t, reg, "streamsaga_saga_step_duration_seconds",
		map[string]string{"saga_type": "order", "step": "pay", "outcome": "failed"}))
	require.Equal(t, 2, testutil.CollectAndCount(s.stepDuration), "one series per step and outcome")
}

func TestSagasRegisterTwiceInOneRegistryFails(t *testing.T) {
	reg := prometheus.NewRegistry()
	_, err := NewSagas(reg)
	require.NoError(t, err)
	_, err = NewSagas(reg)
	require.ErrorContains(t, err, "registering")
}
