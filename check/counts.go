package check

import "github.com/klderive/klderive/expr"

// countDecls declares "count" the bare symbols a document's definition
// passes where its family takes a count: in \mathrm{Bin}(n, p) the n is
// the number of trials, a positive integer, because the family says so
// (StatProofBook's bin-ent and bin-kl write it with no declaration).
// Points are then drawn with n a positive integer, as the document
// means; a symbol the context declares already keeps its declaration,
// and a compound argument (n + 1) is left to the context's own check.
func countDecls(d *expr.Density, f *expr.File) []*expr.Decl {
	call, fam := expr.FamilyCall(d.Body)
	if fam == nil {
		return nil
	}
	declared := map[string]bool{}
	for _, decl := range f.Decls {
		for _, n := range decl.Names {
			declared[n] = true
		}
	}
	var out []*expr.Decl
	for i, p := range fam.Params {
		if p.Domain != expr.Count || i+1 >= len(call.Args) {
			continue
		}
		if s, ok := call.Args[i+1].(*expr.Sym); ok && !declared[s.Name] {
			declared[s.Name] = true
			out = append(out, &expr.Decl{Names: []string{s.Name}, Type: "count", Pos: d.Pos})
		}
	}
	return out
}
