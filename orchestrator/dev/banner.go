package dev

import (
	"fmt"
	"strings"
)

// banner tells what runs where and what to curl; with a token set, the
// curls send it from $API_TOKEN (the token itself is never printed).
func banner(o Options, dbAt, redisAt string, token bool) {
	auth := ""
	if token {
		auth = ` -H "Authorization: Bearer $API_TOKEN"`
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nstreamsaga dev is running (Ctrl-C stops it)\n")
	fmt.Fprintf(&b, "  orchestrator  http://%s\n  inventory     http://%s\n  payment       http://%s\n",
		o.OrchestratorAddr, o.InventoryAddr, o.PaymentAddr)
	fmt.Fprintf(&b, "  data          %s\n  redis         %s\n", dbAt, redisAt)
	fmt.Fprintf(&b, "  demo stock    widget 100, gadget 10; accounts alice 500.00, bob 15.00\n\n")
	fmt.Fprintf(&b, "Place an order:\n  curl -s -X POST http://%s/orders -H 'Content-Type: application/json'%s \\\n", o.OrchestratorAddr, auth)
	fmt.Fprintf(&b, "    -d '{\"customer_id\":\"alice\",\"items\":[{\"sku\":\"widget\",\"quantity\":2,\"unit_price_cents\":1250}]}'\n")
	fmt.Fprintf(&b, "Read its saga (saga_id from the answer):\n  curl -s%s http://%s/sagas/<saga_id>\n\n", auth, o.OrchestratorAddr)
	fmt.Fprint(o.Out, b.String())
}
