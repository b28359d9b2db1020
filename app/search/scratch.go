package search

import "unicode/utf8"

// scratch is one query's working memory, pooled so that a query allocates
// little beyond its results. The per-document and per-word arrays are
// stamped with a generation instead of being cleared between queries.
type scratch struct {
	gen uint32

	// per document slot
	stamp  []uint32
	mask   []uint16  // query words matched
	acc    []float32 // sum of the best score of each query word matched so far
	cur    []float32 // best score of the word being matched
	curCls []uint8
	worst  []uint8   // weakest class of the words matched
	tscore []float32 // whole-title score

	// per vocabulary word
	wstamp []uint32
	wbits  []uint16 // query words this word stands for

	exps         []expansion
	spans        [maxQueryWords][2]int // query word → its range of exps
	order        [maxQueryWords]int
	fuzzyWord    [maxQueryWords]bool              // the word was corrected, not found
	sugg         [maxQueryWords][maxSuggest]int32 // corrections, best first, -1 for none
	touched      []uint32                         // documents holding every query word so far
	wordTouched  []uint32                         // documents holding the word being matched, for the any-word fallback
	flt          *filter                          // the query's filters; nil for none
	excluded     []bool                           // slot → holds an excluded word (filter.excluded)
	exSlots      []uint32                         // the slots marked in excluded
	titleTouched []uint32                         // documents with a title score
	cands, top   []cand
	candQ, topQ  candHeap // container/heap views of cands (best first) and top (worst first)
	yielded      []uint32 // title groups handed to sahilm, by the index of its match
	fz           []fuzzyCand
	runs         [][2]int     // runs of quoted words a forward list is scanned for, as ranges of runWords (phrase.go)
	runWords     []phraseWord // their words, as ranges of pats
	pats         [][]byte     // the words' encodings
	holds        []bool       // candidate → may hold the phrase (phraseMask)
	plist        []uint32     // a dense word's postings, written out (Index.postings)
	snip         [2]snipBuf   // one for each goroutine making snippets (Index.run)
	rows         [3][maxWordBytes + 8]int
	tz           tokenizer
}

// getScratch takes the index's kept scratch, else one from the pool, else
// a new one. The pool alone is emptied by every other garbage collection,
// and a new scratch grows arrays as long as the library (megabytes at
// 100,000 notes); one scratch is kept outside it, so a query at a time, the
// usual case, never allocates them again.
func (ix *Index) getScratch() *scratch {
	if sc := ix.kept.Swap(nil); sc != nil {
		return sc
	}
	if v := ix.scratch.Get(); v != nil {
		return v.(*scratch)
	}
	sc := &scratch{}
	sc.candQ = candHeap{s: &sc.cands, less: better}
	sc.topQ = candHeap{s: &sc.top, less: worse}
	return sc
}

// Trim lets the next collection take the kept scratch: for an index that
// will not be searched for a while (its window has been idle). The next
// query grows one again, about a millisecond at 100,000 notes.
func (ix *Index) Trim() { ix.kept.Store(nil) }

// putScratch gives a scratch back for the next query.
func (ix *Index) putScratch(sc *scratch) {
	if !ix.kept.CompareAndSwap(nil, sc) {
		ix.scratch.Put(sc)
	}
}

func grow[T any](s []T, n int) []T {
	if len(s) >= n {
		return s
	}
	return make([]T, n+n/8+16)
}

func (sc *scratch) reset(slots, vocab int) {
	if len(sc.stamp) < slots {
		sc.stamp = grow(sc.stamp, slots)
		sc.mask = grow(sc.mask, slots)
		sc.acc = grow(sc.acc, slots)
		sc.cur = grow(sc.cur, slots)
		sc.curCls = grow(sc.curCls, slots)
		sc.worst = grow(sc.worst, slots)
		sc.tscore = grow(sc.tscore, slots)
	}
	if len(sc.wstamp) < vocab {
		sc.wstamp = grow(sc.wstamp, vocab)
		sc.wbits = grow(sc.wbits, vocab)
	}
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stamp)
		clear(sc.wstamp)
		sc.gen = 1
	}
	sc.exps = sc.exps[:0]
	sc.touched = sc.touched[:0]
	sc.titleTouched = sc.titleTouched[:0]
	sc.cands = sc.cands[:0]
	sc.top = sc.top[:0]
	sc.fuzzyWord = [maxQueryWords]bool{}
	for i := range sc.sugg {
		for j := range sc.sugg[i] {
			sc.sugg[i][j] = -1
		}
	}
}

func (sc *scratch) touch(slot uint32) {
	sc.stamp[slot] = sc.gen
	sc.mask[slot] = 0
	sc.acc[slot] = 0
	sc.tscore[slot] = 0
	sc.worst[slot] = clsExact
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// snipBuf is what making a snippet writes: the query's words read only from
// the scratch, so two goroutines can make a query's snippets side by side.
type snipBuf struct {
	tz    tokenizer
	hits  []hit
	sents []int
}
