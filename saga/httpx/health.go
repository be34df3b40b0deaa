package httpx

import (
	"context"
	"net/http"
	"time"

	"github.com/sirupsen/logrus"
)

// Check is one dependency probe of /healthz.
type Check struct {
	Name  string
	Check func(ctx context.Context) error
}

// HealthView is the body of a /healthz answer: "ok" or "down", and "up" or
// "down" per check. It says nothing more: /healthz needs no token, so the
// reason a check failed goes to the log only.
type HealthView struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// Health answers 200 with status "ok" when every check passes within 2s,
// and 503 with status "down" otherwise, logging why each failed check did.
func Health(log *logrus.Entry, checks ...Check) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		v := HealthView{Status: "ok", Checks: make(map[string]string, len(checks))}
		for _, c := range checks {
			v.Checks[c.Name] = "up"
			if err := c.Check(ctx); err != nil {
				v.Status, v.Checks[c.Name] = "down", "down"
				log.WithError(err).WithField("check", c.Name).Warn("health check failed")
			}
		}
		status := http.StatusOK
		if v.Status != "ok" {
			status = http.StatusServiceUnavailable
		}
		WriteJSON(w, status, v)
	}
}
