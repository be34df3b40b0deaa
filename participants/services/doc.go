// Package services describes the inventory and payment participants as
// host services, each over the store of whichever database driver host
// gives it: their commands run their processes, and the orchestrator's dev
// mode runs them in its own.
package services
