package engine_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// Greeting is the data a greeting saga starts with.
type Greeting struct {
	Name string `json:"name"`
}

// greeting says hello, then shouts what the first step answered.
func greeting() *saga.Definition {
	return saga.Typed[Greeting]{
		Type: "greeting", Version: 1, HTTPStart: true,
		Steps: []saga.TypedStep[Greeting]{
			{Name: "hello", Participant: "greeter.commands", Action: "SayHello",
				SuccessReply: "HelloSaid", FailureReply: "HelloRefused", Timeout: 5 * time.Second},
			{Name: "shout", Participant: "greeter.commands", Action: "Shout",
				SuccessReply: "Shouted", FailureReply: "ShoutRefused", Timeout: 5 * time.Second,
				Payload: func(in saga.Input[Greeting]) (any, error) {
					var hello struct {
						Text string `json:"text"`
					}
					err := in.Result("hello", &hello)
					return map[string]string{"text": hello.Text + "!"}, err
				}},
		},
	}.Definition()
}

// An application's engine: a saga type of its own, a finish hook that
// runs in the transaction that ends each saga, and a saga started in one
// of the engine's transactions. The participant is a few lines over the
// transport; real ones use participants/sdk.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	drv, rdb, cleanup := exampleBackends(ctx)
	defer cleanup()

	e, err := engine.New(engine.Config{Driver: drv, Redis: rdb, Definitions: []*saga.Definition{greeting()}})
	if err != nil {
		panic(err)
	}
	finished := make(chan string, 1)
	e.OnFinish("greeting", engine.Each(func(ctx context.Context, tx driver.Tx, s *saga.Instance, g Greeting) error {
		finished <- fmt.Sprintf("%s for %s: %s", s.State, g.Name, s.Steps[1].Result)
		return nil
	}))
	if err := e.Start(ctx); err != nil {
		panic(err)
	}
	defer e.Stop(context.Background())
	stopGreeter := greeter(ctx, rdb, "")
	defer stopGreeter()

	err = e.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return e.StartTx(ctx, tx, "greeting", engine.Start{ID: saga.NewID(), Data: json.RawMessage(`{"name":"Ada"}`)})
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(<-finished)
	// Output: COMPLETED for Ada: {"text":"hello, Ada!"}
}

// StartTx starts a saga inside the application's own transaction: the
// application's row and the saga commit together, or neither does.
func ExampleEngine_StartTx() {
	ctx := context.Background()
	drv, rdb, cleanup := exampleBackends(ctx)
	defer cleanup()
	e, err := engine.New(engine.Config{Driver: drv, Redis: rdb, Definitions: []*saga.Definition{greeting()}})
	if err != nil {
		panic(err)
	}
	defer e.Close()
	db := exampleDB
	if _, err := db.ExecContext(ctx, `CREATE TABLE visitors (name TEXT PRIMARY KEY, saga_id TEXT)`); err != nil {
		panic(err)
	}
	for _, commit := range []bool{true, false} {
		id := saga.NewID()
		tx, err := db.BeginTx(ctx, nil) // the application's own transaction
		if err != nil {
			panic(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO visitors VALUES (?, ?)`, fmt.Sprint("Grace ", commit), id); err != nil {
			panic(err)
		}
		err = e.StartTx(ctx, sqlitedriver.Wrap(tx), "greeting", engine.Start{ID: id, Data: json.RawMessage(`{"name":"Grace"}`)})
		if err != nil {
			panic(err)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			panic(err)
		}
		s, err := e.Store().GetSaga(ctx, id)
		fmt.Printf("committed %v: saga found %v", commit, err == nil)
		if err == nil {
			fmt.Printf(", %s, first command %s", s.State, s.Steps[0].State)
		}
		fmt.Println()
	}
	// Output:
	// committed true: saga found true, RUNNING, first command RUNNING
	// committed false: saga found false
}

// exampleDB is the example's SQLite file, for the application's own tables.
var exampleDB *sql.DB

// exampleBackends opens an SQLite file and an in-process Redis.
func exampleBackends(ctx context.Context) (driver.Driver, redis.UniversalClient, func()) {
	dir, err := os.MkdirTemp("", "engine-example")
	if err != nil {
		panic(err)
	}
	db, err := sqlitedriver.Open(ctx, filepath.Join(dir, "app.db"))
	if err != nil {
		panic(err)
	}
	exampleDB = db.SQL
	mr := miniredis.NewMiniRedis()
	if err := mr.Start(); err != nil {
		panic(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	return sqlitedriver.NewDriver(db), rdb, func() { mr.Close(); _ = os.RemoveAll(dir) }
}

// greeter answers SayHello with a greeting and Shout with what it was
// given, on the reply stream each command names.
func greeter(ctx context.Context, rdb redis.UniversalClient, prefix string) func() {
	t := redisstream.New(rdb, redisstream.Config{Prefix: prefix})
	sub, err := t.Subscribe(transport.SubscriptionConfig{Stream: "greeter.commands", Group: "greeter"},
		transport.Each(func(ctx context.Context, m transport.Message) error {
			cmd, err := saga.DecodeEnvelope(m.Envelope())
			if err != nil {
				return saga.Permanent(err)
			}
			return reply(ctx, t, cmd)
		}))
	if err != nil {
		panic(err)
	}
	if err := sub.Start(ctx); err != nil {
		panic(err)
	}
	return func() { _ = sub.Stop(context.Background()) }
}

func reply(ctx context.Context, pub transport.Publisher, cmd saga.Envelope) error {
	var in map[string]string
	if err := json.Unmarshal(cmd.Data, &in); err != nil {
		return saga.Permanent(err)
	}
	answer := map[string]string{"SayHello": "HelloSaid", "Shout": "Shouted"}[cmd.Type]
	data, _ := json.Marshal(map[string]string{"text": "hello, " + in["name"]})
	if cmd.Type == "Shout" {
		data = cmd.Data
	}
	env := saga.Envelope{MessageID: saga.DerivedID(cmd.MessageID, "reply"), Type: answer, SagaID: cmd.SagaID,
		SagaType: cmd.SagaType, Step: cmd.Step, Attempt: cmd.Attempt, CausationID: cmd.MessageID,
		Time: time.Now().UTC(), Data: data}
	body, err := json.Marshal(env)
	if err != nil {
		return err
	}
	return pub.Publish(ctx, []transport.Outgoing{{Stream: cmd.ReplyTo, PartitionKey: cmd.SagaID,
		MessageID: env.MessageID, Type: env.Type, Payload: body}})
}
