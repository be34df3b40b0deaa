package inventorypg_test

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	inventorytest.RunStore(t, func(t *testing.T) inventory.Store {
		return inventorypg.New(sdktest.Pool(t, inventorypg.Schema))
	})
}
