package e2e

import (
	"testing"
	"time"
)

// oneOff is a fault injected once, at a fraction of the fault window.
type oneOff struct {
	kind string
	at   float64
}

var oneOffs = []oneOff{{faultRedisWipe, 0.35}, {faultRedisRestart, 0.5}, {faultPGOutage, 0.6}, {faultPGRestart, 0.8}}

// runFaults injects faults until the window has passed and placement is
// done (or, should placement hang, a while after the window): every 1-3 s a
// random process is SIGKILLed and restarted (or, one time in five, paused),
// and each one-off fault that is enabled happens once at its point of the
// window.
func (f *injector) runFaults(t *testing.T, cfg chaosConfig, placementDone <-chan struct{}) {
	start := time.Now()
	pending := enabledOneOffs(cfg)
	for {
		elapsed := time.Since(start)
		if elapsed >= cfg.window && (isDone(placementDone) || elapsed >= cfg.window+cfg.settle/2) {
			break
		}
		next := time.Now().Add(time.Second + time.Duration(f.rng.Int64N(int64(2*time.Second))))
		f.reviveCrashed(t)
		if len(pending) > 0 && elapsed >= time.Duration(pending[0].at*float64(cfg.window)) {
			f.oneOff(t, cfg, pending[0].kind)
			pending = pending[1:]
		} else {
			f.processFault(t, cfg)
		}
		time.Sleep(time.Until(next))
	}
	for _, o := range pending {
		f.oneOff(t, cfg, o.kind)
	}
	f.reviveCrashed(t)
}

func (f *injector) processFault(t *testing.T, cfg chaosConfig) {
	pause := cfg.faults[faultPause] && (!cfg.faults[faultKill] || f.rng.IntN(5) == 0)
	switch {
	case pause:
		f.pauseRandom(t)
	case cfg.faults[faultKill]:
		f.killRandom(t)
	}
}

func (f *injector) oneOff(t *testing.T, cfg chaosConfig, kind string) {
	switch kind {
	case faultRedisWipe:
		f.wipeRedis(t)
	case faultRedisRestart:
		f.restartMaster(t)
	case faultPGOutage:
		f.pgOutage(t, cfg.pgOutage)
	case faultPGRestart:
		f.pgRestart(t, cfg.pgRestartCmd)
	}
}

func enabledOneOffs(cfg chaosConfig) []oneOff {
	var out []oneOff
	for _, o := range oneOffs {
		if cfg.faults[o.kind] {
			out = append(out, o)
		}
	}
	return out
}

func isDone(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
