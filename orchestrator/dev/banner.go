package dev

import (
	"fmt"
	"strings"
)

// tripData is the data of the banner's trip: carol flies to Oslo and
// rents a car there.
const tripData = `{"customer_id":"carol","amount_cents":64000,` +
	`"flight":{"from":"LIS","to":"OSL","date":"2026-07-01"},"hotel":{"city":"Oslo","nights":3},"car":{"class":"compact","days":3}}`

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
	for _, p := range exampleParticipants(o) {
		fmt.Fprintf(&b, "  %-13s http://%s (trip example)\n", p.Name, o.exampleAddr(p))
	}
	fmt.Fprintf(&b, "  data          %s\n  redis         %s\n", dbAt, redisAt)
	accounts := "alice 500.00, bob 15.00"
	if o.Examples {
		accounts += ", carol 5000.00"
	}
	fmt.Fprintf(&b, "  demo stock    widget 100, gadget 10; accounts %s\n\n", accounts)
	fmt.Fprintf(&b, "Place an order:\n  curl -s -X POST http://%s/orders -H 'Content-Type: application/json'%s \\\n", o.OrchestratorAddr, auth)
	fmt.Fprintf(&b, "    -d '{\"customer_id\":\"alice\",\"items\":[{\"sku\":\"widget\",\"quantity\":2,\"unit_price_cents\":1250}]}'\n")
	if o.Examples {
		fmt.Fprintf(&b, "Book a trip (examples/trip: flight, then hotel and car at once, then payment):\n")
		fmt.Fprintf(&b, "  curl -s -X POST http://%s/sagas -H 'Content-Type: application/json'%s \\\n", o.OrchestratorAddr, auth)
		fmt.Fprintf(&b, "    -d '{\"type\":\"trip\",\"data\":%s}'\n", tripData)
	}
	fmt.Fprintf(&b, "Read its saga (saga_id from the answer):\n  curl -s%s http://%s/sagas/<saga_id>\n", auth, o.OrchestratorAddr)
	if !token {
		fmt.Fprintf(&b, "  or open http://%s/ui/sagas/<saga_id>\n", o.OrchestratorAddr)
	}
	fmt.Fprint(o.Out, b.String()+"\n")
}
