package runner

// queued is a hint in the queue, stale once its saga's hint changed.
type queued struct {
	id string
	hint
}

// hintQueue orders hints by deadline, earliest first (container/heap).
type hintQueue []queued

func (q hintQueue) Len() int           { return len(q) }
func (q hintQueue) Less(i, j int) bool { return q[i].at.Before(q[j].at) }
func (q hintQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *hintQueue) Push(x any)        { *q = append(*q, x.(queued)) }

func (q *hintQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
