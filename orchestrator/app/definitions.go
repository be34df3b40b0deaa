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
// the definitions given in Go (given), and those of the files
// cfg.SagaDefinitions names.
func definitions(cfg config.Config, log *logrus.Entry, given []*saga.Definition) ([]*saga.Definition, error) {
	all := append([]*saga.Definition{ordersaga.Definition()}, given...)
	if cfg.SagaDefinitions == "" {
		return all, nil
	}
	files, err := definitionFiles(cfg.SagaDefinitions, all)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		all = append(all, f.Definition)
		log.WithField("file", f.Path).WithField("saga_type", f.Definition.Type).
			WithField("version", f.Definition.EffectiveVersion()).WithField("steps", len(f.Definition.Steps)).
			Info("saga definition loaded")
	}
	return all, nil
}

// DefinitionFiles reads the definition file or folder at path as the
// orchestrator does at start (see defs.LoadFiles): the error lists every
// problem of every file, and a file that defines the type and version of
// the built-in order saga is one of them.
func DefinitionFiles(path string) ([]defs.File, error) {
	return definitionFiles(path, []*saga.Definition{ordersaga.Definition()})
}

// definitionFiles reads the files at path; one that defines a type and
// version of builtin is an error naming the file.
func definitionFiles(path string, builtin []*saga.Definition) ([]defs.File, error) {
	files, err := defs.LoadFiles(path)
	if err != nil {
		return nil, err
	}
	var errs defs.Errors
	for _, f := range files {
		if d := sameVersion(builtin, f.Definition); d != nil {
			errs = append(errs, &defs.Error{File: f.Path, Field: "version", Msg: fmt.Sprintf(
				"saga type %q version %d is built into the orchestrator; give the file another type or version",
				d.Type, d.EffectiveVersion())})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return files, nil
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
