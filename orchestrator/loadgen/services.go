package loadgen

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// services are the HTTP APIs a run uses.
type services struct {
	client
	orchestrator, inventory, payment string
}

func newServices(c Config) *services {
	return &services{
		client:       client{http: newHTTPClient(c), token: c.APIToken},
		orchestrator: strings.TrimRight(c.OrchestratorURL, "/"),
		inventory:    strings.TrimRight(c.InventoryURL, "/"),
		payment:      strings.TrimRight(c.PaymentURL, "/"),
	}
}

// placed is the answer to POST /orders.
type placed struct {
	OrderID string `json:"order_id"`
	SagaID  string `json:"saga_id"`
}

// placeOrder sends POST /orders and returns the answer and its status (0
// when none came).
func (s *services) placeOrder(ctx context.Context, req placeRequest) (placed, int, error) {
	var p placed
	status, err := s.do(ctx, http.MethodPost, s.orchestrator+"/orders", req, &p)
	if err == nil && p.SagaID == "" {
		err = fmt.Errorf("POST /orders answered %d without a saga_id", status)
	}
	return p, status, err
}

// sagaView is the part of GET /sagas/{id} a run needs.
type sagaView struct {
	State       string     `json:"state"`
	CompletedAt *time.Time `json:"completed_at"`
}

func (s *services) saga(ctx context.Context, id string) (sagaView, error) {
	var v sagaView
	_, err := s.do(ctx, http.MethodGet, s.orchestrator+"/sagas/"+url.PathEscape(id), nil, &v)
	return v, err
}

func (s *services) setStock(ctx context.Context, sku string, available int64) error {
	_, err := s.do(ctx, http.MethodPut, s.inventory+"/stock/"+url.PathEscape(sku), map[string]int64{"available": available}, nil)
	return err
}

func (s *services) setBalance(ctx context.Context, customer string, cents int64) error {
	_, err := s.do(ctx, http.MethodPut, s.payment+"/accounts/"+url.PathEscape(customer), map[string]int64{"balance_cents": cents}, nil)
	return err
}

// closeIdle drops the pooled connections.
func (s *services) closeIdle() { s.http.CloseIdleConnections() }
