package host

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/service"
)

// prepare returns the step that builds the service's schema before the
// check for its tables, or nil when the service asks for none.
func (s Service) prepare() service.Prepare {
	if !s.Migrate && s.Tables == "" {
		return nil
	}
	return func(ctx context.Context, pool *pgxpool.Pool) error {
		if s.Migrate {
			if _, err := migrate.Migrate(ctx, pool, s.Schema, migrate.Participant); err != nil {
				return err
			}
		}
		if s.Tables == "" {
			return nil
		}
		if err := migrate.Apply(ctx, pool, s.Schema, s.Tables); err != nil {
			return fmt.Errorf("creating the tables of %s: %w", s.Name, err)
		}
		return nil
	}
}
