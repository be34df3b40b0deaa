package runner

import (
	"slices"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/optimistic"
)

// maxHeld bounds the sagas a runner holds between their replies; past it,
// sagas are loaded as without the store's driver.FreshMarker.
const maxHeld = 1 << 12

// heldFor is how long a held saga is kept while no reply comes for it,
// once room is needed: its replies may go to another process, or never
// come (a step that times out is saved by the timer pass).
const heldFor = time.Minute

// held keeps the running sagas this runner last committed, as it committed
// them, so that a reply to one of them is applied without loading it: the
// reply's inbox row and the saga's version-checked save travel in one
// round trip with the commit (driver.FreshMarker). It holds no saga it did
// not commit itself. A saga another process, or the timer pass, changed
// since is at a newer version in the store: its save fails with
// saga.ErrConflict, which rolls the transaction back, and the reply is
// applied again on a fresh load, as is a reply the inbox had seen before.
// A saga taken for a reply is held again only once that reply's
// transaction commits, so every failure falls back to a load.
//
// Where several processes share the replies (the reply stream's consumer
// group), a saga's next reply often finds it held behind by a process that
// did not save it last, and costs a failed round trip before its load: held
// counts the replies applied to held sagas and those that committed, and
// when more than a quarter of a judgement window failed it holds nothing
// for heldPause.
type held struct {
	mu    sync.Mutex
	sagas map[string]heldSaga
	limit int
	// swept is when room last looked for sagas held too long.
	swept time.Time
	// judge counts the takes and those whose transaction committed.
	judge optimistic.Judge
}

// heldWindow is how many takes held judges at a time, heldPause how long
// it holds nothing after a window in which too many failed.
const (
	heldWindow = optimistic.Window
	heldPause  = optimistic.Pause
)

type heldSaga struct {
	inst *saga.Instance
	at   time.Time
}

func newHeld(limit int) *held { return &held{sagas: map[string]heldSaga{}, limit: limit} }

// take returns the sagas of ids, no longer held, if every one of them is
// held; otherwise it takes none. The caller tells of a take whose
// transaction committed with hit.
func (h *held) take(ids []string, now time.Time) (map[string]*saga.Instance, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.paused(now) {
		return nil, false
	}
	for _, id := range ids {
		if _, ok := h.sagas[id]; !ok {
			return nil, false
		}
	}
	out := make(map[string]*saga.Instance, len(ids))
	for _, id := range ids {
		out[id] = h.sagas[id].inst
		delete(h.sagas, id)
	}
	h.judge.Tried()
	return out, true
}

// hit tells that the transaction of a take committed.
func (h *held) hit() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.judge.Hit()
}

// paused judges the window once it is full and reports whether holding is
// paused at now; pausing lets go of every saga held.
func (h *held) paused(now time.Time) bool {
	paused, began := h.judge.Paused(now)
	if began {
		clear(h.sagas)
	}
	return paused
}

// keep holds a copy of each running saga of insts, as committed at now;
// a finished saga is let go.
func (h *held) keep(insts []*saga.Instance, now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.paused(now) {
		return
	}
	for _, in := range insts {
		if in.State.Terminal() || in.Parked != "" {
			delete(h.sagas, in.ID)
			continue
		}
		if _, ok := h.sagas[in.ID]; !ok && !h.room(now) {
			continue
		}
		c := *in
		c.Steps = slices.Clone(in.Steps)
		h.sagas[in.ID] = heldSaga{inst: &c, at: now}
	}
}

// room reports whether one more saga may be held, letting go of those
// held for longer than heldFor when there is none (looking at most once a
// tenth of heldFor).
func (h *held) room(now time.Time) bool {
	if len(h.sagas) < h.limit {
		return true
	}
	if now.Sub(h.swept) < heldFor/10 {
		return false
	}
	h.swept = now
	for id, s := range h.sagas {
		if now.Sub(s.at) > heldFor {
			delete(h.sagas, id)
		}
	}
	return len(h.sagas) < h.limit
}
