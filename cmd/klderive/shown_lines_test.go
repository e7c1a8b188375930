package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shownSteps pins the number of shown steps of every golden derivation,
// one entry per goal in file order, as Rubi's test suite pins its step
// counts: a derivation that grows a line is a visible change to review
// here, not a silent one in a golden diff.
var shownSteps = map[string][]int{
	"absolute-deviation.txtar": {7, 7, 7, 7, 7, 8, 7},
	"beta.txtar":               {7, 7},
	"entropies.txtar":          {5, 7, 7, 5, 4, 5, 7},
	"exponential-gamma.txtar":  {7, 7},
	"gamma.txtar":              {7, 7},
	"gamma-lognormal.txtar":    {7, 7},
	"laplace.txtar":            {7, 7, 7},
	"normal-exponential.txtar": {2, 7, 2}, // was 8: E[(x - m)^2] under the Exponential is 1/l^2 + (1/l - m)^2 at once, no expansion in powers
	"uniform.txtar":            {5, 2, 7, 2, 2},
	"piecewise.txtar":          {6, 5, 8, 8, 5},
	"uniform-beta-ends.txtar":  {7, 7},
	"bernoulli.txtar":          {6},
	"binomial.txtar":           {6, 2, 7},
	"categorical.txtar":        {4, 3, 3},
	"dirichlet.txtar":          {6, 5, 5, 6, 6},
	"constants.txtar":          {7, 7, 7},
	"diag-normal.txtar":        {7},
	"discrete-entropy.txtar":   {5, 6, 5, 5, 6}, // was 5 for H(p, q): the textbook line joins its logarithms
	"self-information.txtar":   {3, 3, 5, 6},
	"entropy.txtar":            {7, 7},
	"mvn-diag.txtar":           {11},
	"mvn-std.txtar":            {10},
	"mvn.txtar":                {10},
	"normal-std.txtar":         {7},
	"normal.txtar":             {7},
	"poisson.txtar":            {6, 6},
	"vae-logvar.txtar":         {11},
}

func TestGoldenShownSteps(t *testing.T) {
	docs := goldenSections(t, "json")
	require.Len(t, docs, len(shownSteps), "every golden derivation has its step count pinned here")
	for name, doc := range docs {
		var many []struct{ Steps []json.RawMessage }
		if err := json.Unmarshal([]byte(doc), &many); err != nil {
			var one struct{ Steps []json.RawMessage }
			require.NoError(t, json.Unmarshal([]byte(doc), &one), name)
			many = append(many, one)
		}
		got := make([]int, len(many))
		for i, d := range many {
			got[i] = len(d.Steps)
		}
		assert.Equal(t, shownSteps[name], got, "%s: shown steps per goal", name)
	}
}
