package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Numbers too close for the numeric check are told apart exactly.
func TestExactNumbers(t *testing.T) {
	for doc, want := range map[string]string{
		`\frac{1}{1000000000} = 0`:      "wrong: right − left = -1/1000000000 exactly, too little for the numeric check to see",
		`1000000000 = 1000000001`:       "wrong: right − left = 1 exactly, too little for the numeric check to see",
		`10^{400} = 10^{400} + 1`:       "wrong: right − left = 1 exactly, too little for the numeric check to see",
		`2 > 2`:                         "wrong: ",
		`10^{-9} \geq 0`:                "ok: ",
		`\frac{2}{4} = 0.5`:             "ok: ",
		`10^9 < 10^9 + 1`:               "unchecked: ", // true, but no numeric check confirms it
		`2^{100000000} = 2^{100000000}`: "unchecked: ", // too large to compute
	} {
		l := verdict(t, doc)
		assert.Equal(t, want, string(l.Status)+": "+l.Diagnosis, doc)
	}
}
