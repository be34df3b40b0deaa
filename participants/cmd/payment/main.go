// Command payment runs the payment participant: it charges and refunds
// customers for the order saga and serves /accounts and /healthz.
package main

import (
	"os"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/services"
)

func main() { os.Exit(host.Main(services.Payment())) }
