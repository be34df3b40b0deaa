// Package retention deletes what a service no longer needs, in bounded
// batches on a schedule, so that its hot tables stop growing with the
// work done: the orchestrator's finished sagas with their history
// (SAGA_RETENTION, driver.Store.PurgeSagas) and a participant's barrier
// records. A Purge is one such deletion; its Pass is the function of a
// periodic component (service.Every) run every Interval.
package retention
