package app

import (
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/defs"
)

// definitions are the sagas the orchestrator registers: the order saga,
// the definitions given in Go (defs), and those of the files
// cfg.SagaDefinitions names. A file that does not validate, or that
// defines a type and version defined in Go, is an error naming the file.
func definitions(cfg config.Config, log *logrus.Entry, given []*saga.Definition) ([]*saga.Definition, error) {
	all := append([]*saga.Definition{ordersaga.Definition()}, given...)
	if cfg.SagaDefinitions == "" {
		return all, nil
	}
	files, err := defs.LoadFiles(cfg.SagaDefinitions)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if d := sameVersion(all, f.Definition); d != nil {
			return nil, fmt.Errorf("%s: saga type %q version %d is built into the orchestrator; give the file another type or version",
				f.Path, d.Type, d.EffectiveVersion())
		}
		all = append(all, f.Definition)
		log.WithField("file", f.Path).WithField("saga_type", f.Definition.Type).
			WithField("version", f.Definition.EffectiveVersion()).WithField("steps", len(f.Definition.Steps)).
			Info("saga definition loaded")
	}
	return all, nil
}

// sameVersion returns the definition of all with def's type and version.
func sameVersion(all []*saga.Definition, def *saga.Definition) *saga.Definition {
	for _, d := range all {
		if d.Type == def.Type && d.EffectiveVersion() == def.EffectiveVersion() {
			return d
		}
	}
	return nil
}
