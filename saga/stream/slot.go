package stream

import "strings"

// SlotCount is the number of hash slots of a Redis Cluster.
const SlotCount = 16384

// Slot is the hash slot of a Redis key, as a Redis Cluster computes it:
// CRC16 (XMODEM) of the key's hash tag, or of the whole key when it has
// none, modulo SlotCount. The hash tag is what lies between the first "{"
// and the first "}" after it, when that is not empty.
func Slot(key string) int {
	return int(crc16(hashTag(key)) % SlotCount)
}

// hashTag is the part of key that decides its slot.
func hashTag(key string) string {
	open := strings.IndexByte(key, '{')
	if open < 0 {
		return key
	}
	n := strings.IndexByte(key[open+1:], '}')
	if n <= 0 {
		return key
	}
	return key[open+1 : open+1+n]
}

// crc16 is CRC-16/XMODEM: polynomial 0x1021, initial value 0, no
// reflection, the checksum Redis Cluster hashes keys with.
func crc16(s string) uint16 {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc = crc<<8 ^ crcTable[byte(crc>>8)^s[i]]
	}
	return crc
}

// crcTable holds the CRC of each byte value shifted to the top.
var crcTable = func() (t [256]uint16) {
	for b := range t {
		crc := uint16(b) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
		t[b] = crc
	}
	return t
}()
