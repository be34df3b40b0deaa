package loadgen

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// DefaultSamples is how many latencies a sampler keeps exactly.
const DefaultSamples = 1 << 20

// sampler collects latencies for percentiles with bounded memory: it keeps
// every latency up to its capacity, then a uniform random sample of all of
// them (reservoir sampling). Count, mean and max stay exact. It is not safe
// for concurrent use.
type sampler struct {
	capacity int
	count    int64
	sum, max time.Duration
	samples  []time.Duration
	rnd      *rand.Rand
}

func newSampler(capacity int) *sampler {
	return &sampler{capacity: max(capacity, 1), rnd: rand.New(rand.NewPCG(1, 2))}
}

func (s *sampler) add(d time.Duration) {
	s.count++
	s.sum += d
	s.max = max(s.max, d)
	if len(s.samples) < s.capacity {
		s.samples = append(s.samples, d)
		return
	}
	if i := s.rnd.Int64N(s.count); i < int64(s.capacity) {
		s.samples[i] = d
	}
}

// summary returns the percentiles of what was added.
func (s *sampler) summary() Latency {
	sorted := slices.Clone(s.samples)
	slices.Sort(sorted)
	l := Latency{Count: s.count, P50: ms(percentile(sorted, 50)), P90: ms(percentile(sorted, 90)),
		P99: ms(percentile(sorted, 99)), Max: ms(s.max)}
	if s.count > 0 {
		l.Mean = ms(s.sum / time.Duration(s.count))
	}
	return l
}

// percentile returns the nearest-rank p-th percentile of sorted: the
// smallest value that at least p percent of the values are at or below.
// It is zero for no values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// ms renders a duration as milliseconds with microsecond precision.
func ms(d time.Duration) float64 { return math.Round(float64(d)/float64(time.Microsecond)) / 1000 }
