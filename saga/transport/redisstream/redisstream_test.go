package redisstream_test

import (
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
	"github.com/streamsaga/streamsaga/saga/transport/transporttest"
)

func TestConformance(t *testing.T) {
	transporttest.Run(t, newTransport)
}

// newTransport is a transport under a key prefix of the test's own, quick
// to redeliver and to stop.
func newTransport(t *testing.T) transporttest.Transport {
	rdb, prefix := testenv.Redis(t)
	return redisstream.New(rdb, redisstream.Config{
		Prefix: prefix, Block: 100 * time.Millisecond, MinIdle: 500 * time.Millisecond,
		ClaimInterval: 50 * time.Millisecond, Logger: testLogger(t),
	})
}

func testLogger(t *testing.T) *logrus.Entry {
	l := logrus.New()
	l.SetOutput(t.Output())
	l.SetFormatter(&logrus.JSONFormatter{})
	return logrus.NewEntry(l)
}

// The transport's wire field names are the ones the stream package writes
// and reads.
func TestFieldNamesMatchTheWireFormat(t *testing.T) {
	require.Equal(t, stream.FieldMessageID, transport.FieldMessageID)
	require.Equal(t, stream.FieldType, transport.FieldType)
	require.Equal(t, stream.FieldSagaID, transport.FieldSagaID)
	require.Equal(t, stream.FieldEnvelope, transport.FieldEnvelope)
}
