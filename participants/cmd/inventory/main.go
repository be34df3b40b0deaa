// Command inventory runs the inventory participant: it reserves and
// releases stock for the order saga and serves /stock and /healthz.
package main

import (
	"os"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/services"
)

func main() { os.Exit(host.Main(services.Inventory())) }
