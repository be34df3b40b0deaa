package dev

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/services"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/service"
)

// Run runs the three services in this process until ctx is done, then
// stops them: the orchestrator first, so its last commands still find the
// participants.
func Run(ctx context.Context, o Options, cfg config.Config) error {
	r, err := startRedis(ctx, o, cfg)
	if err != nil {
		return err
	}
	defer r.stop()
	dbs, err := openDatabases(ctx, o, cfg.StreamShards)
	if err != nil {
		return err
	}
	defer dbs.close()

	pctx, stopParticipants := context.WithCancel(context.WithoutCancel(ctx))
	defer stopParticipants()
	parts := participants(o, dbs)
	failed := make(chan error, len(parts))
	done := runParticipants(pctx, cfg, parts, r.shared, failed)

	a, err := startOrchestrator(ctx, cfg, o, dbs.orchestrator, r)
	dbs.orchestrator = nil // the app owns it now
	if err != nil {
		stopParticipants()
		<-done
		return err
	}
	err = ready(ctx, o, parts, failed)
	if err == nil {
		if o.Seed {
			if err := seed(ctx, o, cfg.APIToken); err != nil {
				logging.New("dev", cfg.LogLevel).WithError(err).Warn("could not put the demo stock and accounts in place")
			}
		}
		banner(o, dbs.where, r.where, cfg.APIToken != "")
		select {
		case <-ctx.Done():
		case err = <-failed:
		}
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), service.ShutdownTimeout)
	defer cancel()
	stopErr := a.Stop(stopCtx)
	stopParticipants()
	<-done
	return errors.Join(err, stopErr)
}

// startOrchestrator builds and starts the orchestrator over db and a
// Redis client of its own, which it owns from then on, as it does db.
func startOrchestrator(ctx context.Context, cfg config.Config, o Options, db backend.DB, r *devRedis) (*app.App, error) {
	cfg.HTTPAddr = o.OrchestratorAddr
	defs, err := exampleDefinitions(o)
	var rdb redis.UniversalClient
	if err == nil {
		rdb, err = r.client(ctx, app.RedisPool, cfg)
	}
	var b app.Backends
	if err == nil {
		b, err = orchestratorBackends(db, rdb)
	}
	if err != nil {
		db.Close() // as Build would have
		if rdb != nil {
			_ = rdb.Close()
		}
		return nil, err
	}
	a, err := app.Build(cfg, b, logging.New("orchestrator", cfg.LogLevel), defs...)
	if err != nil {
		return nil, err
	}
	if err := a.Start(ctx); err != nil {
		return nil, fmt.Errorf("starting the orchestrator: %w", err)
	}
	return a, nil
}

// part is a participant the dev mode runs: its service, HTTP address and
// database.
type part struct {
	svc  host.Service
	addr string
	db   backend.DB
}

// participants are inventory, payment and the example participants.
func participants(o Options, dbs databases) []part {
	parts := []part{
		{services.InventoryWith(inventoryStore), o.InventoryAddr, dbs.inventory},
		{services.PaymentWith(paymentStore), o.PaymentAddr, dbs.payment},
	}
	for i, p := range exampleParticipants(o) {
		parts = append(parts, part{p.Service(exampleStore), o.exampleAddr(p), dbs.examples[i]})
	}
	return parts
}

// runParticipants runs parts until ctx is done; a failure (a port in use,
// say) is sent on failed. done closes when all returned.
func runParticipants(ctx context.Context, cfg config.Config, parts []part, rdb redis.UniversalClient, failed chan<- error) <-chan struct{} {
	done := make(chan struct{})
	finished := make(chan struct{}, len(parts))
	for _, p := range parts {
		c := cfg
		c.HTTPAddr = p.addr
		log := logging.New(p.svc.Name, cfg.LogLevel)
		go func() {
			defer func() { finished <- struct{}{} }()
			if err := host.RunOn(ctx, p.svc, c, log, p.db, rdb); err != nil && ctx.Err() == nil {
				failed <- fmt.Errorf("%s: %w", p.svc.Name, err)
			}
		}()
	}
	go func() {
		for range parts {
			<-finished
		}
		close(done)
	}()
	return done
}
