package loadgen

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func msList(vals ...int) []time.Duration {
	out := make([]time.Duration, len(vals))
	for i, v := range vals {
		out[i] = time.Duration(v) * time.Millisecond
	}
	return out
}

func TestPercentileIsNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	require.Equal(t, 50*time.Millisecond, percentile(hundred, 50))
	require.Equal(t, 90*time.Millisecond, percentile(hundred, 90))
	require.Equal(t, 99*time.Millisecond, percentile(hundred, 99))
	require.Equal(t, 100*time.Millisecond, percentile(hundred, 100))
	require.Equal(t, 1*time.Millisecond, percentile(hundred, 0))

	ten := msList(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	require.Equal(t, 5*time.Millisecond, percentile(ten, 50))
	require.Equal(t, 10*time.Millisecond, percentile(ten, 99), "p99 of 10 values is the largest")
	require.Equal(t, 7*time.Millisecond, percentile(msList(7), 50))
	require.Zero(t, percentile(nil, 50))
}

func TestSamplerSummary(t *testing.T) {
	s := newSampler(DefaultSamples)
	for i := 1000; i >= 1; i-- { // out of order: summary sorts
		s.add(time.Duration(i) * time.Millisecond)
	}
	require.Equal(t, Latency{Count: 1000, P50: 500, P90: 900, P99: 990, Max: 1000, Mean: 500.5}, s.summary())
	require.Equal(t, Latency{}, newSampler(10).summary(), "nothing added")
}

func TestSamplerStaysBoundedAndKeepsCountAndMaxExact(t *testing.T) {
	s := newSampler(100)
	for i := 1; i <= 10_000; i++ {
		s.add(time.Duration(i) * time.Millisecond)
	}
	require.Len(t, s.samples, 100)
	l := s.summary()
	require.Equal(t, int64(10_000), l.Count)
	require.Equal(t, 10_000.0, l.Max)
	require.InDelta(t, 5000.5, l.Mean, 0.001)
	require.InDelta(t, 5000, l.P50, 2000, "a uniform sample keeps the median roughly")
}

func TestMillisecondsKeepMicroseconds(t *testing.T) {
	require.Equal(t, 1.235, ms(1234567*time.Nanosecond))
	require.Equal(t, 0.0, ms(0))
}
