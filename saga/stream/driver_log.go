package stream

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
)

// SetDriverLogger sends go-redis's own log lines (connection pool retries
// and the like, printed to stderr by default) to log at debug level, so a
// service's output stays one JSON line per event.
func SetDriverLogger(log *logrus.Entry) {
	redis.SetLogger(driverLog{log: log})
}

type driverLog struct{ log *logrus.Entry }

func (d driverLog) Printf(_ context.Context, format string, v ...any) {
	d.log.WithField("component", "go-redis").Debugf(strings.TrimSpace(format), v...)
}
