package render

import (
	"encoding/json"
	"math"
)

// number is a float64 that JSON can always encode: a finite value is a
// JSON number as usual, and +Inf, −Inf and NaN, which JSON has no numbers
// for, are the strings "inf", "-inf" and "nan".
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	v := float64(n)
	switch {
	case math.IsNaN(v):
		return []byte(`"nan"`), nil
	case math.IsInf(v, 1):
		return []byte(`"inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-inf"`), nil
	}
	return json.Marshal(v)
}
