package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCRC16IsXModem(t *testing.T) {
	require.Equal(t, uint16(0x31C3), crc16("123456789"))
	require.Equal(t, uint16(0), crc16(""))
}

// The slots Redis answers to CLUSTER KEYSLOT for these keys.
func TestSlotFollowsHashTags(t *testing.T) {
	for key, slot := range map[string]int{
		"foo": 12182, "bar": 5061, "hello": 866,
		"{foo}anything": 12182, "x{bar}y": 5061, "{}foo": Slot("{}foo"), "foo{": Slot("foo{"),
	} {
		require.Equal(t, slot, Slot(key), key)
	}
	require.Equal(t, int(crc16("{}foo")%SlotCount), Slot("{}foo"), "an empty tag hashes the whole key")
	require.Equal(t, Slot("a}b{c}"), Slot("{c}"), "the first { counts, with the first } after it")
}
