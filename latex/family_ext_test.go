package latex_test

// The reader takes a family's notation from the registry, which package
// family fills; linking it in here registers the families for the
// internal tests too.
import _ "github.com/klderive/klderive/family"
