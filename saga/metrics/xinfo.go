package metrics

import (
	"fmt"
	"strconv"
	"strings"
)

// groupInfo is one consumer group's line of XINFO GROUPS.
type groupInfo struct {
	// pending counts entries delivered and not acknowledged.
	pending int64
	// lastDelivered is the id of the last entry delivered to the group.
	lastDelivered string
	// lagReported is whether the server has the lag field at all (Redis 7
	// and later); lag is nil when it has the field but cannot tell.
	lagReported bool
	lag         *int64
}

// findGroup reads group's line from an XINFO GROUPS reply, which is a list
// of maps in RESP3 and a list of flat key-value lists in RESP2.
func findGroup(reply any, group string) (groupInfo, bool, error) {
	lines, ok := reply.([]any)
	if !ok {
		return groupInfo{}, false, fmt.Errorf("XINFO GROUPS answered %T, not a list", reply)
	}
	for _, line := range lines {
		f := fields(line)
		if name, _ := f["name"].(string); name != group {
			continue
		}
		info := groupInfo{lastDelivered: fmt.Sprint(f["last-delivered-id"])}
		info.pending, _ = f["pending"].(int64)
		lag, has := f["lag"]
		info.lagReported = has
		if n, ok := lag.(int64); ok {
			info.lag = &n
		}
		return info, true, nil
	}
	return groupInfo{}, false, nil
}

// fields turns a map or a flat key-value list into a map by key.
func fields(v any) map[string]any {
	out := map[string]any{}
	switch t := v.(type) {
	case map[any]any:
		for k, val := range t {
			out[fmt.Sprint(k)] = val
		}
	case []any:
		for i := 0; i+1 < len(t); i += 2 {
			out[fmt.Sprint(t[i])] = t[i+1]
		}
	}
	return out
}

// lagOf is the group's lag, or false when it is unknown. A group that was
// delivered the stream's last entry has no lag whatever the server says
// (the embedded Redis of the dev mode reports the stream's length); otherwise
// the server's figure is taken, and there is none when the server does not
// report lag (before Redis 7) or cannot tell.
func lagOf(info groupInfo, lastEntry string) (int64, bool) {
	if !info.lagReported {
		return 0, false
	}
	if lastEntry == "" || !idAfter(lastEntry, info.lastDelivered) {
		return 0, true
	}
	if info.lag == nil {
		return 0, false
	}
	return *info.lag, true
}

// idAfter reports whether stream entry id a comes after b. Ids are
// "<ms>-<seq>"; one that does not parse compares as 0-0.
func idAfter(a, b string) bool {
	am, as := parseID(a)
	bm, bs := parseID(b)
	return am > bm || (am == bm && as > bs)
}

func parseID(id string) (ms, seq uint64) {
	m, s, _ := strings.Cut(id, "-")
	ms, _ = strconv.ParseUint(m, 10, 64)
	seq, _ = strconv.ParseUint(s, 10, 64)
	return ms, seq
}
