package latex

import "sync"

// texScratch holds the buffers one ParseChain call works in: the
// block's tokens and its chain's segments, which the layout and row passes then rewrite in place,
// the copy of the part being parsed (the parser splits number tokens in
// it, so each part gets its own copy) and the parser's bracket tables. A
// document of many blocks reads them all through a few of these rather
// than allocating every buffer again per block and per part.
type texScratch struct {
	toks   []texTok
	part   []texTok
	match  []int
	comma  []bool
	braces []int
	parens []int
	// rows are the block's rows (texRows); row and parts are the
	// segments of the row being split and the parts of the block
	// (texChain).
	rows       []texRow
	row, parts []texSeg
	// parser is the parser of the part being read, which no tree refers
	// to once it is read.
	parser texParser
}

// maxScratchToks bounds the buffers kept for reuse, so that one very
// large block does not hold its memory for the rest of the run.
const maxScratchToks = 1 << 14

var scratchPool = sync.Pool{New: func() any { return new(texScratch) }}

func getScratch() *texScratch { return scratchPool.Get().(*texScratch) }

// putScratch returns s for reuse. Nothing ParseChain returns refers to
// its buffers: parts and trees hold strings of the source or constants.
func putScratch(s *texScratch) {
	if cap(s.toks) > maxScratchToks || cap(s.part) > maxScratchToks {
		return
	}
	scratchPool.Put(s)
}
