package dev_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/dev"
)

// tripOptions run the dev mode with the trip example, on free ports.
func tripOptions(t *testing.T, dir string) dev.Options {
	o := options(t, dir)
	o.Examples = true
	o.FlightsAddr, o.HotelsAddr, o.CarsAddr = freeAddr(t), freeAddr(t), freeAddr(t)
	return o
}

// tripData is a trip for customer: a flight to Oslo, three nights whose
// cancellation fails cancelFailures times, and a car of class.
func tripData(customer, class string, cancelFailures int) string {
	return fmt.Sprintf(`{"customer_id": %q, "amount_cents": 64000,
	  "flight": {"from": "LIS", "to": "OSL", "date": "2026-07-01"},
	  "hotel": {"city": "Oslo", "nights": 3, "cancel_failures": %d},
	  "car": {"class": %q, "days": 3}}`, customer, cancelFailures, class)
}

type stepView struct {
	Name                 string          `json:"name"`
	State                string          `json:"state"`
	CompensationAttempts int             `json:"compensation_attempts"`
	LastError            string          `json:"last_error"`
	Result               json.RawMessage `json:"result"`
}

type sagaView struct {
	State   string     `json:"state"`
	Steps   []stepView `json:"steps"`
	History []struct {
		Kind string `json:"kind"`
		Step string `json:"step"`
	} `json:"history"`
}

func (s sagaView) states() map[string]string {
	out := map[string]string{}
	for _, st := range s.Steps {
		out[st.Name] = st.State
	}
	return out
}

func (s sagaView) step(name string) stepView {
	for _, st := range s.Steps {
		if st.Name == name {
			return st
		}
	}
	return stepView{}
}

// startTrip starts a trip saga over the API and returns its id.
func startTrip(t *testing.T, o dev.Options, data string) string {
	t.Helper()
	resp, err := http.Post("http://"+o.OrchestratorAddr+"/sagas", "application/json",
		strings.NewReader(`{"type": "trip", "data": `+data+`}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	var started struct {
		SagaID string `json:"saga_id"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&started))
	return started.SagaID
}

// waitSaga waits until saga id is in state and returns it.
func waitSaga(t *testing.T, o dev.Options, id, state string) sagaView {
	t.Helper()
	var s sagaView
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		getJSON(t, "http://"+o.OrchestratorAddr+"/sagas/"+id, &s)
		if s.State == state {
			return s
		}
	}
	t.Fatalf("saga %s is %s, not %s, after 20s: %+v", id, s.State, state, s.Steps)
	return s
}

// booking is the state of a participant's booking, "" when it has none.
func booking(t *testing.T, addr, ref string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/bookings/" + ref)
	require.NoError(t, err)
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return ""
	}
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var v struct {
		State string `json:"state"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	return v.State
}

type counts struct {
	Booked    int `json:"booked"`
	Cancelled int `json:"cancelled"`
}

func balance(t *testing.T, o dev.Options, customer string) int64 {
	var a struct {
		Balance int64 `json:"balance_cents"`
	}
	getJSON(t, "http://"+o.PaymentAddr+"/accounts/"+customer, &a)
	return a.Balance
}

func sentFor(s sagaView, step string) bool {
	for _, h := range s.History {
		if h.Step == step && h.Kind == "command_sent" {
			return true
		}
	}
	return false
}
