package saga

import (
	"math"
	"math/rand/v2"
	"time"
)

// RetryPolicy says how often and how fast a step's command is sent again
// when it times out or a participant reports a retryable error.
type RetryPolicy struct {
	// MaxAttempts is the number of times the command is sent in all.
	// Optional: default 5.
	MaxAttempts int
	// InitialBackoff is the wait before the second attempt.
	// Optional: default 200ms.
	InitialBackoff time.Duration
	// MaxBackoff caps the wait between attempts. Optional: default 30s.
	MaxBackoff time.Duration
	// Multiplier grows the wait after each attempt. Optional: default 2.
	Multiplier float64
	// Jitter is the fraction of the wait that is randomised, 0 to 1.
	// Optional: default 0.2.
	Jitter float64
}

// WithDefaults returns the policy with every unset field at its default.
func (p RetryPolicy) WithDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 5
	}
	if p.InitialBackoff <= 0 {
		p.InitialBackoff = 200 * time.Millisecond
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = 30 * time.Second
	}
	if p.Multiplier < 1 {
		p.Multiplier = 2
	}
	if p.Jitter <= 0 || p.Jitter > 1 {
		p.Jitter = 0.2
	}
	return p
}

// Backoff returns the wait before attempt number next (2 for the first
// retry). Jitter spreads retries of many sagas apart.
func (p RetryPolicy) Backoff(next int) time.Duration {
	p = p.WithDefaults()
	if next < 2 {
		return 0
	}
	d := float64(p.InitialBackoff) * math.Pow(p.Multiplier, float64(next-2))
	if d > float64(p.MaxBackoff) {
		d = float64(p.MaxBackoff)
	}
	spread := d * p.Jitter
	d = d - spread + rand.Float64()*2*spread
	return time.Duration(d)
}
