package host_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func inventoryService() host.Service {
	return host.Service{
		Name: inventory.Name, DefaultAddr: "127.0.0.1:0", Commands: inventory.CommandStream,
		Build: func(d host.Deps) (host.Parts, error) {
			db, err := d.Postgres()
			if err != nil {
				return host.Parts{}, err
			}
			store := inventorypg.FromDB(db)
			p, err := inventory.NewParticipant(store, d.Log)
			if err != nil {
				return host.Parts{}, err
			}
			return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: inventory.NewHandler(store, d.Log, d.Checks...)}, nil
		},
	}
}

func quietLogger() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

func TestRunServesCommandsAndHTTP(t *testing.T) {
	checkServes(t, inventoryService())
}

// The service reads the command stream its definition names, whatever it
// is; replies still go to the engine's reply stream.
func TestRunReadsTheServicesOwnCommandStream(t *testing.T) {
	svc := inventoryService()
	svc.Commands = "stock.holds"
	checkServes(t, svc)
}

// checkServes runs svc, sends it a reservation on its command stream and
// checks the reply and the stock.
func checkServes(t *testing.T, svc host.Service) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // after every other cleanup
	dbURL := testenv.Database(t)
	rdb, prefix := testenv.Redis(t)
	cfg := config.Config{
		DatabaseURL: dbURL, RedisURL: testenv.URLOf(rdb), HTTPAddr: freeAddr(t),
		StreamPrefix: prefix, StartupTimeout: 5 * time.Second,
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- host.Run(ctx, svc, cfg, quietLogger()) }()
	base := "http://" + cfg.HTTPAddr
	require.Eventually(t, func() bool { s, _ := get(base + "/healthz"); return s == http.StatusOK }, 10*time.Second, 20*time.Millisecond)

	put(t, base+"/stock/A", `{"available": 10}`)
	cmd := sendReserveTo(t, rdb, prefix+svc.Commands)
	reply := readReply(t, rdb, prefix)
	require.Equal(t, string(inventory.InventoryReserved), reply.Type)
	require.Equal(t, cmd.MessageID, reply.CausationID)
	status, body := get(base + "/stock/A")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"sku":"A","available":7,"reserved":3}`, body)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// get returns the status and body of a GET, or 0 when nothing answers.
func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func put(t *testing.T, url, body string) {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// sendReserve sends a reservation on the inventory's command stream.
func sendReserve(t *testing.T, rdb *redis.Client, prefix string) saga.Envelope {
	return sendReserveTo(t, rdb, prefix+inventory.CommandStream)
}

// sendReserveTo sends a reservation of 3 units of A to the stream key.
func sendReserveTo(t *testing.T, rdb *redis.Client, key string) saga.Envelope {
	data, _ := json.Marshal(inventory.ReserveCommand{OrderID: "o1", Items: []inventory.Item{{SKU: "A", Quantity: 3}}})
	env := saga.Envelope{
		MessageID: saga.NewID(), Type: string(inventory.ReserveInventory), SagaID: saga.NewID(),
		Step: "inventory", Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now().UTC(), Data: data,
	}
	raw, err := env.Encode()
	require.NoError(t, err)
	err = rdb.XAdd(t.Context(), &redis.XAddArgs{Stream: key, Values: []any{
		stream.FieldMessageID, env.MessageID, stream.FieldType, env.Type,
		stream.FieldSagaID, env.SagaID, stream.FieldEnvelope, raw,
	}}).Err()
	require.NoError(t, err)
	return env
}

func readReply(t *testing.T, rdb *redis.Client, prefix string) saga.Envelope {
	res, err := rdb.XRead(t.Context(), &redis.XReadArgs{
		Streams: []string{prefix + stream.OrchestratorReply, "0"}, Count: 1, Block: 10 * time.Second,
	}).Result()
	require.NoError(t, err)
	require.Len(t, res, 1)
	require.Len(t, res[0].Messages, 1)
	raw, _ := res[0].Messages[0].Values[stream.FieldEnvelope].(string)
	env, err := saga.DecodeEnvelope([]byte(raw))
	require.NoError(t, err)
	return env
}

func TestRunFailsClearlyWithoutPostgres(t *testing.T) {
	cfg := config.Config{
		DatabaseURL: "postgres://postgres@127.0.0.1:1/none?sslmode=disable", RedisURL: testenv.RedisURL(),
		HTTPAddr: "127.0.0.1:0", StartupTimeout: 0,
	}
	err := host.Run(t.Context(), inventoryService(), cfg, quietLogger())
	require.ErrorContains(t, err, "cannot reach PostgreSQL")
}

func TestRunFailsClearlyWithoutSchema(t *testing.T) {
	cfg := config.Config{DatabaseURL: testenv.Database(t), RedisURL: testenv.RedisURL(), HTTPAddr: "127.0.0.1:0"}
	svc := inventoryService()
	svc.Schema = "no_such_schema"
	err := host.Run(t.Context(), svc, cfg, quietLogger())
	require.ErrorContains(t, err, "apply schema.sql")
}

func TestRunRejectsIncompleteService(t *testing.T) {
	err := host.Run(t.Context(), host.Service{Name: "x"}, config.Config{}, quietLogger())
	require.ErrorContains(t, err, "needs DefaultAddr, Commands and Build")
}
