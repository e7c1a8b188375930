package check

import (
	"crypto/sha256"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"gonum.org/v1/gonum/mat"
)

// Numbers. A link is compared at Points admissible points; points where a
// side cannot be evaluated (a log of a negative number, say) are skipped
// and others drawn, up to candidates in all. Symbols the context gives
// values are drawn by derive.SamplePoints, the engine's own sampler:
// positive ones from [0.5, 2], others from [-1.5, 1.5]. A symbol free on
// both sides of a link, outside every integral and expectation, that the
// context does not know (the x of log q(x) = ...) is universally
// quantified: it is drawn on both signs, or in the supports of the
// densities whose variable it is (see identity.go); the variable of a
// discrete density, such as the x of I(p) = -x·log(a) - (1 - x)·log(1 - a),
// takes the values of its support.

const (
	// Points is the number of points a link is compared at.
	Points = 16
	// minPoints is the fewest points that make a verdict.
	minPoints = 8
	// candidates bounds the points tried for one link, and
	// piecewiseCandidates for a document with a piecewise side.
	candidates, piecewiseCandidates = 48, 192
	// tolerance is the largest relative difference (absolute below 1)
	// between two sides that still counts as equal, once the evaluator's
	// error estimates are added; a wrong step is off by far more.
	tolerance = 1e-6
	// matrixErr is the error taken for an entry of a vector or matrix
	// side: the evaluator refuses a matrix built from an inaccurate
	// number, so its entries are accurate to rounding.
	matrixErr = 1e-12
	// maxCost bounds the work of evaluating one side at one point, in
	// evaluations of a node, so that nested integrals cannot hang.
	maxCost = 4e6
	// maxIndex bounds the range of a sum or product.
	maxIndex = 100
)

// numeric evaluates sides at shared points. Values are memoised by the
// expression's key, so a part shared by two links, or repeated in a
// document, is evaluated once per point; and each point has an
// evaluator's memo (expr.Memo), so that an expectation that several
// sides hold (E_p[(x - μ₂)²] in a line and in the next, each scaled
// differently) is integrated once per point, and a density once per
// quadrature node.
type numeric struct {
	c     *context
	envs  []*expr.Env
	memos []*expr.Memo // of envs, made on first use; one goroutine uses each
	keys  expr.Keys    // of the sides and of the expectations in them
	mu    sync.Mutex
	memo  map[string]*series
	gaps  map[gapKey]bool // gapAt's answers
	// unnormalised are the densities written as formulas that integrate
	// to 1 at none of the points drawn (see normalisedAt).
	unnormalised []string
	// scratch is the sample judge compares a link in.
	scratch sample
	// pinnedAt says, for a case of a piecewise side that holds at a
	// single point, by its conditions, which point: "a = 0" (see
	// pinnedPoints).
	pinnedAt map[string]string
	// boundary are the points moved beside the ends of a piecewise
	// side's cases (derive.BoundaryPoints): every one is judged, after
	// the cases have their points.
	boundary map[*expr.Env]bool
}

// series is one expression's values at the points: numbers, or vectors
// and matrices. Its values cover the first Points points until a later
// one is asked for: most sides are decided there. A series has a value
// for each point and a document thousands of series, so the matrix or
// error that few points have is kept apart: 17 bytes at each point.
type series struct {
	x      expr.Expr
	matrix bool
	queued bool // for the prefetch
	vals   []expr.Value
	// done tells the points evaluated. The prefetch's workers evaluate
	// points of their own, so each writes bytes of its own.
	done []bool
	// rare holds, once a point has one, the matrix or the error of each
	// point; numeric.mu guards making it, which a worker may do.
	rare []rareEntry
}

// rareEntry is the value of a vector or matrix series, or the error met.
type rareEntry struct {
	mat *mat.Dense
	err error
}

// grow makes room for point i, growing the series to every point when
// i is past its values. Only the prefetch runs in parallel, and it stays
// within the first Points points.
func (s *series) grow(n *numeric, i int) {
	if i < len(s.vals) {
		return
	}
	more := len(n.envs) - len(s.vals)
	s.vals = append(s.vals, make([]expr.Value, more)...)
	s.done = append(s.done, make([]bool, more)...)
	if s.rare != nil {
		s.rare = append(s.rare, make([]rareEntry, more)...)
	}
}

// set records the value, matrix or error found at point i.
func (s *series) set(n *numeric, i int, v expr.Value, m *mat.Dense, err error) {
	s.grow(n, i)
	s.vals[i] = v
	if m != nil || err != nil {
		n.mu.Lock()
		if s.rare == nil {
			s.rare = make([]rareEntry, len(s.vals))
		}
		s.rare[i] = rareEntry{mat: m, err: err}
		n.mu.Unlock()
	}
	s.done[i] = true
}

// rareAt is the matrix or error of point i, which is done.
func (s *series) rareAt(i int) rareEntry {
	if s.rare == nil {
		return rareEntry{}
	}
	return s.rare[i]
}

// boundaryPerCase is how many points of each case of a piecewise side
// are moved to either side of each of its conditions.
const boundaryPerCase = 2

// newNumeric draws the points for all the sides to be checked.
func newNumeric(c *context, sides []expr.Expr, universal map[string]bool, seed uint64) *numeric {
	n := &numeric{c: c, memo: map[string]*series{}}
	count, per := candidates, 0
	for _, x := range sides {
		if _, ok := piecewise(x); ok {
			// A piecewise side needs points in each of its cases, some
			// of which the sampler rarely meets (the first candidates
			// are the same either way), and is judged in each at
			// minPoints.
			count, per = piecewiseCandidates, minPoints
		}
	}
	var envs []*expr.Env
	if per > 0 {
		envs = c.prob.SamplePointsPerCase(count, per, seed, sides...)
		// And beside each end of a case, where a case that ends in the
		// wrong place is wrong.
		n.boundary = map[*expr.Env]bool{}
		for _, env := range c.prob.BoundaryPoints(envs, boundaryPerCase, sides...) {
			n.boundary[env] = true
			envs = append(envs, env)
		}
	} else {
		envs = c.prob.SamplePoints(count, seed, sides...)
	}
	pinned, at := c.pinnedPoints(envs, sides)
	n.pinnedAt = at
	n.envs, n.unnormalised = c.normalisedAt(append(envs, pinned...))
	n.memos = make([]*expr.Memo, len(n.envs))
	dims, vectors := map[string]bool{}, map[string]bool{}
	for _, x := range sides {
		expr.Any(x, func(e expr.Expr) bool {
			switch e := e.(type) {
			case *expr.Big:
				if s, ok := e.Hi.(*expr.Sym); ok && s.Name != "inf" {
					dims[s.Name] = true
				}
			case *expr.Index:
				if s, ok := e.Base.(*expr.Sym); ok {
					vectors[s.Name] = true
				}
			}
			return false
		})
	}
	for _, u := range sortedNames(universal) {
		// The variable of a discrete density takes the values of its
		// support, which real numbers would miss.
		of, isVariable := c.discreteDensityOf(u)
		// Each symbol has its own stream, independent of the others and of
		// which other symbols the document has.
		rng := rand.New(rand.NewChaCha8(sha256.Sum256([]byte(fmt.Sprint(seed, "/", u)))))
		for i, env := range n.envs {
			sh, declared := c.prob.Types.Shapes[u]
			vec, coordinate := c.coordinateIndex(u, sides...)
			switch {
			case coordinate:
				// The k of x_k: a coordinate, 1 to the vector's length.
				k, err := expr.Eval(c.prob.Types.Shapes[vec].R, env)
				if err != nil || k < 1 {
					k = 1
				}
				env.Vals[u] = float64(1 + rng.IntN(int(k)))
			case isVariable && c.prob.DrawVariable(rng, of, env, i):
			case declared && !sh.IsScalar() && expr.IsInt(sh.C, 1):
				k, err := expr.Eval(sh.R, env)
				if err != nil || k < 1 {
					k = 1
				}
				vec := make([]float64, int(k))
				for j := range vec {
					vec[j] = expr.Real.Draw(rng)
				}
				env.Vecs[u] = vec
			case dims[u]:
				env.Vals[u] = float64(1 + i%3)
			case vectors[u]:
				// Long enough for any dimension drawn.
				env.Vecs[u] = []float64{expr.Positive.Draw(rng), expr.Positive.Draw(rng), expr.Positive.Draw(rng)}
			default:
				c.drawIdentityVariable(rng, u, env, i)
			}
		}
	}
	c.honourConditions(n.envs, universal, seed)
	// A density's vector variable is bound at every point, to zeros, so
	// that the evaluator knows E_p[x] is a vector: inside an expectation
	// the variable is bound again, and no side is judged with the variable
	// free (freeSymbols makes it universal, drawn above, or unknown).
	var vecVars []string
	for _, d := range c.dens {
		v := varOf(d.Var)
		if sh, ok := c.prob.Types.Shapes[v]; ok && !sh.IsScalar() && expr.IsInt(sh.C, 1) && !universal[v] {
			vecVars = append(vecVars, v)
		}
	}
	for _, env := range n.envs {
		for _, v := range vecVars {
			if k, err := expr.Eval(c.prob.Types.Shapes[v].R, env); err == nil && k >= 1 {
				env.Vecs[v] = make([]float64, int(k))
			}
		}
		env.MaxIndex = maxIndex
		if c.scalar {
			for d := range c.dims {
				env.Vals[d] = 1
			}
		}
	}
	return n
}

// series returns the memo entry of a numeric x, creating it.
func (n *numeric) series(x expr.Expr) *series { return n.seriesOf(x, false) }

// seriesOf returns the memo entry of x, a number or (matrix) a vector or
// matrix, creating it.
func (n *numeric) seriesOf(x expr.Expr, matrix bool) *series {
	key := n.keys.Key(x) // cheaper than printing, and as exact
	if matrix {
		key = "matrix " + key
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	s, ok := n.memo[key]
	if !ok {
		k := min(Points, len(n.envs))
		s = &series{x: x, matrix: matrix, vals: make([]expr.Value, k), done: make([]bool, k)}
		n.memo[key] = s
	}
	return s
}

// at evaluates x at point i, once.
func (n *numeric) at(s *series, i int) (expr.Value, error) {
	s.grow(n, i)
	if !s.done[i] {
		n.eval(s, i)
	}
	return s.vals[i], s.rareAt(i).err
}

// atMat evaluates a vector or matrix x at point i, once.
func (n *numeric) atMat(s *series, i int) (*mat.Dense, error) {
	s.grow(n, i)
	if !s.done[i] {
		n.eval(s, i)
	}
	r := s.rareAt(i)
	return r.mat, r.err
}

func (n *numeric) eval(s *series, i int) {
	if s.matrix {
		m, err := expr.EvalMatrix(s.x, n.envs[i])
		if err == nil {
			for _, v := range m.RawMatrix().Data {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					err = fmt.Errorf("%s has an entry that is not a finite number (%g)", expr.Format(s.x, expr.Unicode), v)
					break
				}
			}
		}
		s.set(n, i, expr.Value{}, m, err)
		return
	}
	if n.memos[i] == nil {
		n.memos[i] = expr.NewMemo(n.envs[i])
		n.memos[i].ShareKeys(&n.keys)
	}
	v, err := n.memos[i].EvalErr(s.x)
	if err == nil && (math.IsNaN(v.V) || math.IsInf(v.V, 0)) {
		err = fmt.Errorf("%s is not a finite number (%g)", expr.Format(s.x, expr.Unicode), v.V)
	}
	s.set(n, i, v, nil, err)
}

// prefetch evaluates the sides of every link at the first Points points
// in parallel. Each point is evaluated by one worker, which alone then
// uses the point's memo and writes the series' values at that point.
func (n *numeric) prefetch(links []*Link) {
	// Room up front for the keys and series of the sides, which the maps
	// would otherwise grow to in steps: a chain's links share their
	// sides (the right of one is the left of the next), and the keys are
	// the sides' and those of the expectations in them, a few a link.
	n.keys.Grow(2 * len(links))
	if len(n.memo) == 0 {
		n.memo = make(map[string]*series, len(links)+len(links)/2)
	}
	work := make([]*series, 0, len(links)+len(links)/2)
	for _, l := range links {
		for _, x := range []expr.Expr{l.L, l.R} {
			if s := n.seriesOf(x, l.Matrix); !s.queued {
				s.queued = true
				work = append(work, s)
			}
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				for _, s := range work {
					n.eval(s, i)
				}
			}
		}()
	}
	for i := range min(Points, len(n.envs)) {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// sample is the two sides' values at the points where both are numbers,
// with their error estimates. For vector or matrix sides, the values are
// those of the entry that differs most at each point.
type sample struct {
	idx     []int // indices into numeric.envs
	l, r    []float64
	lv, rv  []expr.Value
	entries []string // for vector or matrix sides, which entry: [2,1]
	err     error    // the first evaluation error met, for a link left unchecked
	side    string
}

// compare evaluates both sides at up to Points good points.
func (n *numeric) compare(L, R expr.Expr) sample { return n.compareOf(L, R, false) }

// compareOf evaluates both sides, numbers or (matrix) vectors and
// matrices, at up to Points good points.
func (n *numeric) compareOf(L, R expr.Expr, matrix bool) sample {
	var s sample
	n.compareInto(&s, L, R, matrix)
	return s
}

// compareInto is compareOf into s, whose slices it reuses.
func (n *numeric) compareInto(s *sample, L, R expr.Expr, matrix bool) {
	ls, rs := n.seriesOf(L, matrix), n.seriesOf(R, matrix)
	*s = sample{idx: s.idx[:0], l: s.l[:0], r: s.r[:0], lv: s.lv[:0], rv: s.rv[:0], entries: s.entries[:0]}
	for i := 0; i < len(n.envs) && len(s.idx) < Points; i++ {
		var lv, rv expr.Value
		var entry string
		var lerr, rerr error
		if matrix {
			lv, rv, entry, lerr, rerr = n.worstEntry(ls, rs, i)
		} else {
			lv, lerr = n.at(ls, i)
			rv, rerr = n.at(rs, i)
		}
		switch {
		case lerr != nil:
			if s.err == nil {
				s.err, s.side = lerr, "left"
			}
		case rerr != nil:
			if s.err == nil {
				s.err, s.side = rerr, "right"
			}
		default:
			s.idx = append(s.idx, i)
			s.l = append(s.l, lv.V)
			s.r = append(s.r, rv.V)
			s.lv = append(s.lv, lv)
			s.rv = append(s.rv, rv)
			s.entries = append(s.entries, entry)
		}
		// A side that fails at every one of the first points fails
		// everywhere: stop drawing.
		if len(s.idx) == 0 && i+1 >= Points {
			break
		}
	}
}

// clone copies s out of a reused buffer.
func (s *sample) clone() sample {
	c := *s
	c.idx, c.l, c.r = slices.Clone(s.idx), slices.Clone(s.l), slices.Clone(s.r)
	c.lv, c.rv, c.entries = slices.Clone(s.lv), slices.Clone(s.rv), slices.Clone(s.entries)
	return c
}

// worstEntry compares two vector or matrix sides at point i and returns
// the entry that differs most.
func (n *numeric) worstEntry(ls, rs *series, i int) (lv, rv expr.Value, entry string, lerr, rerr error) {
	lm, lerr := n.atMat(ls, i)
	rm, rerr := n.atMat(rs, i)
	if lerr != nil || rerr != nil {
		return lv, rv, "", lerr, rerr
	}
	lr, lc := lm.Dims()
	rr, rc := rm.Dims()
	if lr != rr || lc != rc {
		return lv, rv, "", nil, fmt.Errorf("the sides have different sizes: %d×%d and %d×%d", lr, lc, rr, rc)
	}
	entryValue := func(v float64) expr.Value { return expr.Value{V: v, Err: matrixErr * math.Max(1, math.Abs(v))} }
	worst := -1.0
	for a := range lr {
		for b := range lc {
			if e := derive.RelErr(lm.At(a, b), rm.At(a, b)); e > worst {
				worst, lv, rv = e, entryValue(lm.At(a, b)), entryValue(rm.At(a, b))
				entry = fmt.Sprintf("[%d,%d]", a+1, b+1)
				if lc == 1 {
					entry = fmt.Sprintf("[%d]", a+1)
				}
			}
		}
	}
	return lv, rv, entry, nil, nil
}

// relate compares l and r under op within the tolerance and the error
// estimates: Agree only when the relation holds beyond doubt, Differ only
// when it fails by more than the tolerance plus the estimates.
func relate(op string, l, r expr.Value) (derive.Agreement, string) {
	switch op {
	case `\leq`, "<":
		return derive.CompareOrder(l, r, tolerance)
	case `\geq`, ">":
		return derive.CompareOrder(r, l, tolerance)
	}
	return derive.Compare(l, r, tolerance)
}

// holds reports whether op relates l and r beyond doubt.
func holds(op string, l, r expr.Value) bool {
	res, _ := relate(op, l, r)
	return res == derive.Agree
}

// judge compares a resolved link and sets its status: wrong when the
// sides differ beyond doubt at some point; otherwise not checked when
// some point could not decide; otherwise ok. It returns the sample that
// the caller diagnoses a wrong link by and tests a strict inequality
// judged ok by (see strict); for any other verdict the sample is empty.
func (n *numeric) judge(l *Link) sample {
	if !l.Matrix && (isInfinity(l.L) || isInfinity(l.R)) {
		n.judgeInfinite(l)
		return sample{}
	}
	if _, ok := piecewise(l.L); ok && !l.Matrix {
		return n.judgeCases(l)
	}
	if _, ok := piecewise(l.R); ok && !l.Matrix {
		return n.judgeCases(l)
	}
	// Most links are ok: their sample is compared in a buffer that every
	// link of the numeric reuses, and copied out only when wanted.
	s := &n.scratch
	n.judgeSample(l, s)
	if l.Status == Unchecked && s.err != nil && !l.Matrix && l.Op == "=" {
		n.judgeSameDivergence(l)
	}
	if l.Status == Unchecked && s.err != nil && !l.Matrix && l.Op == "=" {
		n.judgeFiniteForInfinite(l)
	}
	if l.Status == Wrong || l.Status == OK && (l.Op == "<" || l.Op == ">") {
		return s.clone()
	}
	return sample{}
}

// judgeSample is judge for a link without infinities or cases, comparing
// its sides in s.
func (n *numeric) judgeSample(l *Link, s *sample) {
	n.compareInto(s, l.L, l.R, l.Matrix)
	switch {
	case len(s.idx) < minPoints && s.err != nil:
		l.Status = Unchecked
		l.Reason = fmt.Sprintf("the %s side cannot be evaluated: %s", s.side, evalMessage(s.err))
		return
	case len(s.idx) < minPoints:
		l.Status = Unchecked
		l.Reason = fmt.Sprintf("only %d admissible points were found", len(s.idx))
		return
	}
	l.Points = len(s.idx)
	doubt := ""
	for k := range s.idx {
		res, why := relate(l.Op, s.lv[k], s.rv[k])
		switch {
		case res == derive.Differ:
			l.Status = Wrong
			l.Witness = &Witness{Point: n.point(l, s.idx[k]), Left: s.l[k], Right: s.r[k], Entry: s.entries[k]}
			return
		case res == derive.Inconclusive && doubt == "":
			doubt = fmt.Sprintf("numerically inconclusive: %s (left = %s, right = %s)", why, derive.PlusMinus(s.lv[k]), derive.PlusMinus(s.rv[k]))
		}
	}
	if doubt != "" {
		l.Status = Unchecked
		l.Reason = doubt
		return
	}
	l.Status = OK
	l.Where = n.restriction(l.universal, s)
}

// evalMessage rewords the evaluator's errors for a reader.
func evalMessage(err error) string {
	if ub, ok := err.(*expr.UnboundError); ok {
		return "unknown symbol " + symName(ub.Name)
	}
	return err.Error()
}

// point lists the values of a link's symbols at point i: its free
// symbols, then the parameters of the densities it uses.
func (n *numeric) point(l *Link, i int) []Binding {
	env := n.envs[i]
	var out []Binding
	for _, name := range linkSymbols(n.c, l.L, l.R) {
		if v, ok := env.Vals[name]; ok {
			out = append(out, Binding{Name: name, Value: v})
		} else if vec, ok := env.Vecs[name]; ok {
			out = append(out, Binding{Name: name, Value: vec[0], Vec: vec})
		} else if m, ok := env.Mats[name]; ok {
			r, c := m.Dims()
			rows := make([][]float64, r)
			for a := range r {
				rows[a] = make([]float64, c)
				for b := range c {
					rows[a][b] = m.At(a, b)
				}
			}
			out = append(out, Binding{Name: name, Value: m.At(0, 0), Mat: rows})
		}
	}
	return out
}
