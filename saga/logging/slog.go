package logging

import (
	"context"
	"io"
	"log/slog"

	"github.com/sirupsen/logrus"
)

// Slog is a log/slog logger that writes through entry: the services keep
// their logrus JSON lines while the engine's API takes a *slog.Logger.
func Slog(entry *logrus.Entry) *slog.Logger { return slog.New(&logrusHandler{entry: entry}) }

// FromSlog is the logrus entry the engine's parts log to: the entry under
// l when l was made by Slog, else an entry whose lines go to l's handler.
// A nil l is slog.Default().
func FromSlog(l *slog.Logger) *logrus.Entry {
	if l == nil {
		l = slog.Default()
	}
	if h, ok := l.Handler().(*logrusHandler); ok {
		return h.entry
	}
	lr := logrus.New()
	lr.SetOutput(io.Discard)
	lr.SetLevel(logrus.TraceLevel)
	lr.AddHook(slogHook{h: l.Handler()})
	return logrus.NewEntry(lr)
}

// slogHook hands every logrus entry to a slog handler.
type slogHook struct{ h slog.Handler }

func (slogHook) Levels() []logrus.Level { return logrus.AllLevels }

func (k slogHook) Fire(e *logrus.Entry) error {
	ctx := e.Context
	if ctx == nil {
		ctx = context.Background()
	}
	lvl := slogLevel(e.Level)
	if !k.h.Enabled(ctx, lvl) {
		return nil
	}
	r := slog.NewRecord(e.Time, lvl, e.Message, 0)
	for k, v := range e.Data {
		if err, ok := v.(error); ok {
			v = err.Error()
		}
		r.AddAttrs(slog.Any(k, v))
	}
	return k.h.Handle(ctx, r)
}

func slogLevel(l logrus.Level) slog.Level {
	switch {
	case l <= logrus.ErrorLevel:
		return slog.LevelError
	case l == logrus.WarnLevel:
		return slog.LevelWarn
	case l == logrus.InfoLevel:
		return slog.LevelInfo
	default:
		return slog.LevelDebug
	}
}

// logrusHandler is a slog.Handler writing to a logrus entry.
type logrusHandler struct {
	entry *logrus.Entry
	group string
}

func (h *logrusHandler) Enabled(_ context.Context, l slog.Level) bool {
	return h.entry.Logger.IsLevelEnabled(logrusLevel(l))
}

func (h *logrusHandler) Handle(ctx context.Context, r slog.Record) error {
	fields := logrus.Fields{}
	r.Attrs(func(a slog.Attr) bool {
		fields[h.key(a.Key)] = a.Value.Any()
		return true
	})
	h.entry.WithContext(ctx).WithTime(r.Time).WithFields(fields).Log(logrusLevel(r.Level), r.Message)
	return nil
}

func (h *logrusHandler) WithAttrs(as []slog.Attr) slog.Handler {
	fields := logrus.Fields{}
	for _, a := range as {
		fields[h.key(a.Key)] = a.Value.Any()
	}
	return &logrusHandler{entry: h.entry.WithFields(fields), group: h.group}
}

func (h *logrusHandler) WithGroup(name string) slog.Handler {
	return &logrusHandler{entry: h.entry, group: h.key(name)}
}

func (h *logrusHandler) key(k string) string {
	if h.group == "" {
		return k
	}
	return h.group + "." + k
}

func logrusLevel(l slog.Level) logrus.Level {
	switch {
	case l >= slog.LevelError:
		return logrus.ErrorLevel
	case l >= slog.LevelWarn:
		return logrus.WarnLevel
	case l >= slog.LevelInfo:
		return logrus.InfoLevel
	default:
		return logrus.DebugLevel
	}
}
