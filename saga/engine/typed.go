package engine

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Each is a FinishFunc that calls fn for every finished saga, with its
// data decoded as a saga.Typed[D] defined it. A saga whose data does not
// decode fails the hook permanently (saga.DataError).
func Each[D any](fn func(ctx context.Context, tx driver.Tx, s *saga.Instance, data D) error) FinishFunc {
	return func(ctx context.Context, tx driver.Tx, sagas []*saga.Instance) error {
		for _, s := range sagas {
			data, err := saga.DecodeData[D](s)
			if err != nil {
				return saga.Permanent(err)
			}
			if err := fn(ctx, tx, s, data); err != nil {
				return err
			}
		}
		return nil
	}
}
