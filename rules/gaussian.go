package rules

// Gaussian holds the Gaussian density and its moments.
var Gaussian = Set{
	rw("normal-density", "Gaussian density", "Normal(x; m, v)", "exp(-(x - m)^2/(2*v))/sqrt(2*pi*v)", Positive("v")).
		with("Normal(y; 1, s)"),
}

// Moments holds the moments of Gaussians, for a single Normal and for one
// coordinate of an independent product of Normals. A square about a
// point is written (x + c)^2, where c takes every term of the sum that is
// free of x, so that a compound mean such as m - 1 or a + b matches as a
// whole and is kept whole in the result. The moment about the mean comes
// first: it is the variance, and a hand derivation writes it so rather
// than as v + (m - m)^2. Higher powers follow from the recurrence
// E[x^n] = m E[x^(n-1)] + (n-1) v E[x^(n-2)].
var Moments = Set{
	rw("normal-mean", "mean of a Gaussian", "E(x ~ p, x)", "m", IsNormal("p", "m", "v")).
		with("E(x ~ p, x)"),
	rw("normal-second-moment", "second moment of a Gaussian", "E(x ~ p, x^2)", "v + m^2", IsNormal("p", "m", "v")).
		with("E(x ~ p, x^2)"),
	rw("normal-variance", "the second moment about the mean is the variance", "E(x ~ p, (x + c)^2)", "v",
		IsNormal("p", "m", "v"), Cancel("c", "m")).with("E(x ~ p, (x - m)^2)"),
	rw("normal-variance-reversed", "the second moment about the mean is the variance", "E(x ~ p, (c - x)^2)", "v",
		IsNormal("p", "m", "v"), Same("c", "m")).with("E(x ~ p, (m - x)^2)"),
	rw("normal-square-about", "second moment of a Gaussian about a point", "E(x ~ p, (x + c)^2)", "v + (m - a)^2",
		IsNormal("p", "m", "v"), FreeOf("c", "x"), Negated("c", "a")).with("E(x ~ p, (x - c)^2)"),
	rw("normal-square-about-reversed", "second moment of a Gaussian about a point", "E(x ~ p, (c - x)^2)", "v + (m - c)^2",
		IsNormal("p", "m", "v"), FreeOf("c", "x")).with("E(x ~ p, (c - x)^2)"),
	rw("normal-moment-recurrence", "higher moments of a Gaussian", "E(x ~ p, x^n)", "m*E(x ~ p, x^i) + i*v*E(x ~ p, x^j)",
		IsNormal("p", "m", "v"), Recurrence("n", "i", "j")).with("E(x ~ p, x^3)"),
	rw("coordinate-mean", "mean of a Gaussian coordinate", "E(z ~ p, z[d])", "m", IsCoordNormal("p", "z", "d", "m", "v")).
		with("E(z ~ r, z[d])"),
	rw("coordinate-second-moment", "second moment of a Gaussian coordinate", "E(z ~ p, z[d]^2)", "v + m^2",
		IsCoordNormal("p", "z", "d", "m", "v")).with("E(z ~ r, z[d]^2)"),
	rw("coordinate-variance", "the second moment about the mean is the variance", "E(z ~ p, (z[d] + c)^2)", "v",
		IsCoordNormal("p", "z", "d", "m", "v"), Cancel("c", "m")).with("E(z ~ r, (z[d] - mu[d])^2)"),
	rw("coordinate-variance-reversed", "the second moment about the mean is the variance", "E(z ~ p, (c - z[d])^2)", "v",
		IsCoordNormal("p", "z", "d", "m", "v"), Same("c", "m")).with("E(z ~ r, (mu[d] - z[d])^2)"),
	rw("coordinate-square-about", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (z[d] + c)^2)", "v + (m - a)^2",
		IsCoordNormal("p", "z", "d", "m", "v"), FreeOf("c", "z"), Negated("c", "a")).with("E(z ~ r, (z[d] - c[d])^2)"),
	rw("coordinate-square-about-reversed", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (c - z[d])^2)", "v + (m - c)^2",
		IsCoordNormal("p", "z", "d", "m", "v"), FreeOf("c", "z")).with("E(z ~ r, (c[d] - z[d])^2)"),
	rw("coordinate-moment-recurrence", "higher moments of a Gaussian coordinate", "E(z ~ p, z[d]^n)",
		"m*E(z ~ p, z[d]^i) + i*v*E(z ~ p, z[d]^j)",
		IsCoordNormal("p", "z", "d", "m", "v"), Recurrence("n", "i", "j")).with("E(z ~ r, z[d]^4)"),
}
