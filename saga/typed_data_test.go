package saga

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeDataReadsASagasTypedData(t *testing.T) {
	cases := []struct {
		name    string
		data    string
		want    booking
		wantErr string
	}{
		{"data", `{"customer":"c1","seats":2,"hotel":{"name":"Ritz","nights":3}}`,
			booking{Customer: "c1", Seats: 2, Hotel: hotel{Name: "Ritz", Nights: 3}}, ""},
		{"fields added since are ignored", `{"customer":"c1","note":"x"}`, booking{Customer: "c1"}, ""},
		{"no data is the zero value", ``, booking{}, ""},
		{"null is the zero value", `null`, booking{}, ""},
		{"wrong type", `{"seats":"2"}`, booking{},
			"saga s-1 (type booking): decoding its data into saga.booking: field \"seats\" must be an integer, got a string"},
		{"not JSON", `{`, booking{},
			"saga s-1 (type booking): decoding its data into saga.booking: not valid JSON at offset 1: unexpected end of JSON input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DecodeData[booking](&Instance{ID: "s-1", Type: "booking", Data: json.RawMessage(c.data)})
			if c.wantErr != "" {
				require.EqualError(t, err, c.wantErr)
				var de *DataError
				require.True(t, errors.As(err, &de))
				require.False(t, IsPermanent(err), "a reader decides what a bad saga means to it")
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
}

func TestDataErrorKeepsTheDecodersError(t *testing.T) {
	_, err := DecodeData[booking](&Instance{ID: "s-1", Type: "booking", Data: json.RawMessage(`{"seats":"2"}`)})
	var typeErr *json.UnmarshalTypeError
	require.ErrorAs(t, err, &typeErr)
	require.Equal(t, "seats", typeErr.Field)
}

func TestDecodeDataNamesPointerAndInterfaceTypes(t *testing.T) {
	inst := &Instance{ID: "s-1", Type: "booking", Data: json.RawMessage(`[]`)}
	_, err := DecodeData[*booking](inst)
	require.ErrorContains(t, err, "into *saga.booking")
	_, err = DecodeData[json.Marshaler](inst)
	require.ErrorContains(t, err, "into json.Marshaler")
	_, err = DecodeData[booking](nil)
	require.EqualError(t, err, "decoding saga data: no saga")
}
