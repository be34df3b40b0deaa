package dev

import (
	"fmt"
	"strings"
)

// banner tells what runs where and what to curl.
func banner(o Options, dbAt, redisAt string) {
	var b strings.Builder
	fmt.Fprintf(&b, "\nstreamsaga dev is running (Ctrl-C stops it)\n")
	fmt.Fprintf(&b, "  orchestrator  http://%s\n  inventory     http://%s\n  payment       http://%s\n",
		o.OrchestratorAddr, o.InventoryAddr, o.PaymentAddr)
	fmt.Fprintf(&b, "  data          %s\n  redis         %s\n", dbAt, redisAt)
	fmt.Fprintf(&b, "  demo stock    widget 100, gadget 10; accounts alice 500.00, bob 15.00\n\n")
	fmt.Fprintf(&b, "Place an order:\n  curl -s -X POST http://%s/orders -H 'Content-Type: application/json' \\\n", o.OrchestratorAddr)
	fmt.Fprintf(&b, "    -d '{\"customer_id\":\"alice\",\"items\":[{\"sku\":\"widget\",\"quantity\":2,\"unit_price_cents\":1250}]}'\n")
	fmt.Fprintf(&b, "Read its saga (saga_id from the answer):\n  curl -s http://%s/sagas/<saga_id>\n\n", o.OrchestratorAddr)
	fmt.Fprint(o.Out, b.String())
}
