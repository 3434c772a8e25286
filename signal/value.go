package signal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Value is a typed signal value: a number, a bool or a string.
// The zero Value is invalid and marshals as null.
type Value struct {
	typ Type
	num float64
	b   bool
	str string
}

// Number returns a number value.
func Number(f float64) Value { return Value{typ: TypeNumber, num: f} }

// Bool returns a boolean value.
func Bool(b bool) Value { return Value{typ: TypeBool, b: b} }

// String returns a string value.
func String(s string) Value { return Value{typ: TypeString, str: s} }

// Type is the value's type, or "" for the zero Value.
func (v Value) Type() Type { return v.typ }

// Valid reports whether v holds a value.
func (v Value) Valid() bool { return v.typ != "" }

// Float returns the number held by v.
func (v Value) Float() (float64, bool) { return v.num, v.typ == TypeNumber }

// BoolValue returns the boolean held by v.
func (v Value) BoolValue() (bool, bool) { return v.b, v.typ == TypeBool }

// Str returns the string held by v.
func (v Value) Str() (string, bool) { return v.str, v.typ == TypeString }

// Interface returns v as float64, bool, string or nil.
func (v Value) Interface() any {
	switch v.typ {
	case TypeNumber:
		return v.num
	case TypeBool:
		return v.b
	case TypeString:
		return v.str
	}
	return nil
}

// Equal reports whether two values have the same type and value.
func (v Value) Equal(w Value) bool { return v == w }

// String formats v for people: 4.6, true, "text".
func (v Value) String() string {
	switch v.typ {
	case TypeNumber:
		return FormatNumber(v.num)
	case TypeBool:
		return strconv.FormatBool(v.b)
	case TypeString:
		return v.str
	}
	return "—"
}

// FormatNumber formats f with at most two decimals and no trailing zeros.
func FormatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// MarshalJSON implements json.Marshaler.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.typ == TypeNumber && (math.IsNaN(v.num) || math.IsInf(v.num, 0)) {
		return nil, fmt.Errorf("signal value %v is not a finite number", v.num)
	}
	return json.Marshal(v.Interface())
}

// UnmarshalJSON implements json.Unmarshaler.
func (v *Value) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*v = Value{}
		return nil
	}
	var x any
	if err := json.Unmarshal(data, &x); err != nil {
		return err
	}
	switch t := x.(type) {
	case float64:
		*v = Number(t)
	case bool:
		*v = Bool(t)
	case string:
		*v = String(t)
	default:
		return fmt.Errorf("signal value must be a number, bool or string, got %s", data)
	}
	return nil
}
