package pgdriver

import (
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

type historyCols struct {
	at                                 []time.Time
	kind, step, msgType, msgID, detail []string
}

func historyColumns(hs []saga.HistoryEntry) historyCols {
	var c historyCols
	for _, h := range hs {
		c.at = append(c.at, h.At)
		c.kind = append(c.kind, h.Kind)
		c.step = append(c.step, h.Step)
		c.msgType = append(c.msgType, h.MessageType)
		c.msgID = append(c.msgID, h.MessageID)
		c.detail = append(c.detail, h.Detail)
	}
	return c
}
