package expr_test

// The families are registered by package family, which imports this
// package; importing it here links it into the tests of this package
// too, so that the internal tests parse and evaluate Normal and MvNormal.
import _ "github.com/klderive/klderive/family"
