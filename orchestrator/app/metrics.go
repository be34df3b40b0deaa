package app

import (
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// appStreams are the order application's streams that no saga definition
// names: the order events the orchestrator reads.
var appStreams = []string{ordersaga.EventsStream}

// knownStreams are the logical streams whose dead letters the orchestrator
// serves and counts: the participant streams of every registered saga
// version, the application's streams, the reply stream and the outbox.
func knownStreams(reg *saga.Registry) []string {
	return stream.Known(append(reg.ParticipantStreams(), appStreams...)...)
}

// newMetrics is the orchestrator's registry, served at GET /metrics (open
// like /healthz when API_TOKEN is set): HTTP requests, the sagas the runner
// starts and finishes, the outbox backlog, the pending entries and lag of
// the streams the orchestrator reads (the order events and the replies),
// and the dead letters of every known stream.
func (a *App) newMetrics(keys stream.Keys, known []string) (*metrics.Registry, *metrics.Sagas, error) {
	m, err := metrics.New()
	if err != nil {
		return nil, nil, err
	}
	sagas, err := metrics.NewSagas(m)
	if err != nil {
		return nil, nil, err
	}
	sagas.Declare(ordersaga.Definition())
	opts := metrics.ScrapeOptions{Log: a.log}
	groups := []metrics.StreamGroup{{Stream: ordersaga.EventsStream, Group: Group}, {Stream: stream.OrchestratorReply, Group: Group}}
	if err := metrics.Register(m, metrics.NewOutbox(a.source, opts), metrics.NewStreams(a.rdb, keys, groups, opts).WithDeadLetters(known...)); err != nil {
		return nil, nil, err
	}
	return m, sagas, nil
}
