// Package engine runs sagas: give it a database (a driver), Redis and the
// saga definitions, and it starts sagas, sends their commands through the
// outbox, advances them on the participants' replies, fires step timeouts
// and retries, compensates, and serves the saga HTTP API, the saga
// explorer (/ui/), /healthz and /metrics.
//
// An application builds one Engine per process:
//
//	e, err := engine.New(engine.Config{Driver: pgdriver.NewDriver(pool), Redis: rdb,
//		Definitions: []*saga.Definition{transfer.Definition()}, HTTPAddr: ":8080"})
//	...
//	err = e.Run(ctx) // until ctx ends, then a graceful stop
//
// Sagas start from POST /sagas (types with HTTPStart), from the
// application's own transaction (StartTx, with the application's rows in
// the same commit), or from the application's events: declared by a
// definition's saga.Trigger (one saga per event, the engine reads the
// stream), or handled in code (Subscribe, then StartTx in the handler's
// transaction). A finish hook (OnFinish) runs in
// the transaction that ends a saga, so the application's own rows change
// exactly when the saga's outcome is stored.
//
// Finished sagas do not stay forever: every minute the engine purges the
// COMPLETED and COMPENSATED sagas that finished more than
// Config.SagaRetention ago (30 days by default) with their history, in
// short transactions of 500 sagas (PurgeSagas runs a pass at once). FAILED
// sagas wait for an operator and parked ones for their definition, so
// neither is ever purged.
//
// When sagas arrive faster than they finish, their messages wait longer
// and longer in the streams. The engine measures that wait (see
// saga/admission) and, past Config.AdmissionMaxWait (1s by default),
// POST /sagas answers 503 with Retry-After; an application route that
// starts sagas asks the same gate: if !httpx.Admit(w, e.Admission()) {
// return }.
package engine
