package runner

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// DefinitionChangedError is returned by RecordDefinitions when a
// definition's (type, version) is stored with other steps.
type DefinitionChangedError struct {
	Type    string
	Version int
}

func (e *DefinitionChangedError) Error() string {
	return fmt.Sprintf("saga type %q version %d is already registered with other steps; give the changed definition a new version",
		e.Type, e.Version)
}

// RecordDefinitions stores every registered definition's canonical form;
// a *DefinitionChangedError, and nothing stored, when one (type, version)
// is stored already with another form.
func (r *Runner) RecordDefinitions(ctx context.Context) error {
	return r.cfg.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		for _, def := range r.cfg.Registry.All() {
			canonical, err := def.Canonical()
			if err != nil {
				return err
			}
			rec := driver.DefinitionRecord{Type: def.Type, Version: def.EffectiveVersion(), Canonical: string(canonical),
				Digest: saga.Digest(canonical), RegisteredAt: r.now()}
			stored, err := tx.RecordDefinition(ctx, rec)
			if err != nil {
				return err
			}
			if stored.Digest != rec.Digest {
				return &DefinitionChangedError{Type: rec.Type, Version: rec.Version}
			}
		}
		return nil
	})
}
