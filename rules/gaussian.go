package rules

// Gaussian holds the Gaussian density and its moments.
var Gaussian = Set{
	rw("normal-density", "Gaussian density", "Normal(x; m, v)", "exp(-(x - m)^2/(2*v))/sqrt(2*pi*v)", Positive("v")).
		with("Normal(y; 1, s)"),
}

// Moments holds the first and second moments of Gaussians, for a single
// Normal and for one coordinate of an independent product of Normals.
var Moments = Set{
	rw("normal-mean", "mean of a Gaussian", "E(x ~ p, x)", "m", IsNormal("p", "m", "v")).
		with("E(x ~ p, x)"),
	rw("normal-second-moment", "second moment of a Gaussian", "E(x ~ p, x^2)", "v + m^2", IsNormal("p", "m", "v")).
		with("E(x ~ p, x^2)"),
	rw("normal-square-about", "second moment of a Gaussian about a point", "E(x ~ p, (x - a)^2)", "v + (m - a)^2",
		IsNormal("p", "m", "v"), FreeOf("a", "x")).with("E(x ~ p, (x - c)^2)"),
	rw("normal-square-about-reversed", "second moment of a Gaussian about a point", "E(x ~ p, (a - x)^2)", "v + (m - a)^2",
		IsNormal("p", "m", "v"), FreeOf("a", "x")).with("E(x ~ p, (c - x)^2)"),
	rw("coordinate-mean", "mean of a Gaussian coordinate", "E(z ~ p, z[d])", "m", IsCoordNormal("p", "z", "d", "m", "v")).
		with("E(z ~ r, z[d])"),
	rw("coordinate-second-moment", "second moment of a Gaussian coordinate", "E(z ~ p, z[d]^2)", "v + m^2",
		IsCoordNormal("p", "z", "d", "m", "v")).with("E(z ~ r, z[d]^2)"),
	rw("coordinate-square-about", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (z[d] - a)^2)", "v + (m - a)^2",
		IsCoordNormal("p", "z", "d", "m", "v"), FreeOf("a", "z")).with("E(z ~ r, (z[d] - c[d])^2)"),
	rw("coordinate-square-about-reversed", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (a - z[d])^2)", "v + (m - a)^2",
		IsCoordNormal("p", "z", "d", "m", "v"), FreeOf("a", "z")).with("E(z ~ r, (c[d] - z[d])^2)"),
}
