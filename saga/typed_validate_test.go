package saga

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func needsCustomerAndSeats(b booking) error {
	if b.Customer == "" || b.Seats <= 0 {
		return errors.New("a booking needs a customer and at least one seat")
	}
	return nil
}

func TestTypedValidateInputDecodesStrictlyThenValidates(t *testing.T) {
	validated := bookingSaga()
	validated.Validate = needsCustomerAndSeats
	strict, plain := validated.Definition().ValidateInput, bookingSaga().Definition().ValidateInput
	cases := []struct {
		name  string
		check func(json.RawMessage) error
		data  string
		want  string // "" when the data is accepted
	}{
		{"valid", strict, `{"customer":"c1","seats":2,"hotel":{"name":"Ritz","nights":1}}`, ""},
		{"missing fields refused by Validate", strict, `{"customer":"c1"}`,
			"a booking needs a customer and at least one seat"},
		{"missing fields kept zero without Validate", plain, `{}`, ""},
		{"unknown field", plain, `{"customer":"c1","colour":"red"}`, `data: unknown field "colour"`},
		{"unknown nested field", plain, `{"hotel":{"stars":5}}`, `data: unknown field "stars"`},
		{"string for an integer", strict, `{"customer":"c1","seats":"2"}`,
			`data: field "seats" must be an integer, got a string`},
		{"fraction for an integer", strict, `{"customer":"c1","seats":1.5}`,
			`data: field "seats" must be an integer (int), got 1.5`},
		{"negative for an unsigned field", plain, `{"hotel":{"nights":-1}}`,
			`data: field "hotel.nights" must be a non-negative integer (uint), got -1`},
		{"array for an object", plain, `{"hotel":[]}`, `data: field "hotel" must be an object, got an array`},
		{"not an object at all", plain, `[1]`, `data: must be an object, got an array`},
		{"not JSON", plain, `{"customer":}`,
			"data: not valid JSON at offset 13: invalid character '}' looking for beginning of value"},
		{"cut short", plain, `{"customer":"c1"`, "data: JSON ends too early"},
		{"empty", plain, ``, "data: empty"},
		{"two values", plain, `{} {}`, "data: more than one JSON value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.check(json.RawMessage(c.data))
			if c.want == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, c.want)
		})
	}
}
