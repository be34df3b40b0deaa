package loadgen

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestProgressLine(t *testing.T) {
	st := newStats(at(5*time.Second), 10)
	tr := newTracker(st.finished)
	for i, id := range []string{"a", "b", "c"} {
		st.posted(at(time.Duration(i)*time.Second), time.Millisecond, 202, nil, false)
		tr.add(newOrder(id, at(time.Duration(i)*time.Second), false))
	}
	st.posted(at(time.Second), time.Millisecond, 500, errors.New("boom"), false)
	tr.resolve(resolution{sagaID: "a", result: Approved, completedAt: at(time.Second)})
	p := &progress{stats: st, tracker: tr, start: t0}
	require.Equal(t, "     3s  sent 4  completed 1  in flight 2  errors 1  rate 12.5/s  (warm-up)", p.line(at(3*time.Second), 12.5))
	require.Equal(t, "    12s  sent 4  completed 1  in flight 2  errors 1  rate 0.0/s", p.line(at(12*time.Second), 0))
}
