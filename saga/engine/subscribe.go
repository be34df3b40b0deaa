package engine

import (
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// subscription is a stream the engine reads for the application.
type subscription struct {
	stream  string
	handler transport.BatchHandler
	linger  time.Duration // 0: Config.Linger
}

// Subscribe reads the application's logical stream name in the engine's
// group while the engine runs, handing each read to h (see
// transport.BatchHandler for acknowledgement and dead letters). The
// stream's dead letters are served and counted with the engine's. Call it
// before Start.
func (e *Engine) Subscribe(name string, h transport.BatchHandler, opts ...SubscribeOption) {
	s := subscription{stream: name, handler: h}
	for _, o := range opts {
		o(&s)
	}
	e.subs = append(e.subs, s)
}

// SubscribeOption adjusts one subscription of Subscribe.
type SubscribeOption func(*subscription)

// SubscribeLinger paces the subscription's reads by d instead of
// Config.Linger (see transport.SubscriptionConfig.Linger): for a stream
// that no saga step waits on, such as events the application publishes
// for listeners, so that at a light load its reads take many messages
// at a time. d must be from 0 to stream.MaxLinger; 0 keeps Config.Linger.
func SubscribeLinger(d time.Duration) SubscribeOption {
	return func(s *subscription) { s.linger = d }
}
