package search

import (
	"container/heap"
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// DefaultLimit is the number of results when Search is given no limit.
const DefaultLimit = 20

const maxLimit = 1000

// Match classes of a query word against a vocabulary word, weakest first.
const (
	clsFuzzy  uint8 = 1 // corrected: the query word starts no word at all
	clsPrefix uint8 = 2
	clsExact  uint8 = 3
)

var clsNames = [...]string{"", "fuzzy", "prefix", "exact"}

// Scores. A document's word score is the mean over query words of the best
// class score times the field weight (titleWeight, textWeight), so an exact
// word beats a prefix beats a correction within one field, and a heading
// beats a passage. Neighbouring query words found side by side add a bonus.
const (
	scoreExact      = 1.0
	scorePrefixBase = 0.6 // + up to 0.2 as the prefix covers more of the word
	pairBonus       = 0.25
	phraseBonus     = 0.25 // every query word side by side, in order
	maxAdjacency    = pairBonus + phraseBonus
	exactTitle      = 1.5 // times the title weight: the query is the whole title
	checkEvery      = 1 << 14
	// adjacencyBudget is the bytes of forward lists one query form may walk
	// for the neighbour bonus, unless it holds a quoted phrase (then every
	// candidate must be checked): some 3 ms.
	adjacencyBudget = 1 << 20
	rareDocs        = 2 // a word in this few documents may be a typo...
	rareFactor      = 4 // ...of a word in this many times more
)

type expansion struct {
	word uint32
	cls  uint8
	w    float32
}

// cand is a document that matched, on its way to the top K.
type cand struct {
	slot   uint32
	length uint32
	score  float32 // the final score; before the adjacency check, its upper bound
	base   float32 // word score without adjacency
	tscore float32 // whole-title score
	cls    uint8   // weakest word class
	word   bool    // every query word matched
	title  bool    // the whole-title match scored higher
}

// Search runs a query and returns the best limit results (DefaultLimit when
// limit <= 0). When ctx is cancelled it stops early and returns no results.
//
// A query is read the way people type it (plan.go): operators and filters
// come out first, words that only make a question a question ("who",
// "wrote") are dropped, and spelled-apart or joined names and acronyms are
// tried in each of their forms. Each form runs through run; their results
// merge, and when no document holds every word, any of them will do.
func (ix *Index) Search(ctx context.Context, query string, limit int) Response {
	resp := Response{Query: query}
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, maxLimit)
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	p := parsePlan(query)
	resp.Notice = p.notice
	q := parseQuery(p.text, &sc.tz)
	q.dropStopWords()
	if len(q.words) == 0 && q.pattern == "" {
		return resp
	}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	flt := ix.newFilter(sc, p)
	sc.flt = flt
	defer func() { flt.release(sc); sc.flt = nil }()

	var m merger
	for vi, v := range ix.variants(q) {
		res, dym, ok := ix.run(ctx, sc, &v, limit, false)
		if !ok {
			return resp
		}
		m.add(res, vi == 0)
		if vi == 0 {
			resp.DidYouMean = dym
		}
	}
	if m.corrected() {
		resp.DidYouMean = nil // another form of the query found the words as typed
	}
	if len(q.words) > 1 && m.len() == 0 && !q.hasPhrase() {
		res, _, ok := ix.run(ctx, sc, &q, limit, true)
		if !ok {
			return resp
		}
		if m.addAny(res) {
			for _, w := range q.words {
				resp.AnyOf = append(resp.AnyOf, w.src)
			}
		}
	}
	resp.Results = m.top(limit)
	return resp
}

// snippetsParallelFrom is how many results make it worth making their
// snippets on two goroutines.
const snippetsParallelFrom = 8

// run matches one parsed query: every word (loose=false) or any of them
// (loose=true). It returns false when ctx was cancelled.
func (ix *Index) run(ctx context.Context, sc *scratch, q *query, limit int, loose bool) ([]Result, []string, bool) {
	sc.reset(len(ix.docs), len(ix.words))
	allFound := len(q.words) > 0
	anyFound := false
	for i := range q.words {
		if ix.expand(sc, q, i) {
			anyFound = true
		} else {
			allFound = false
		}
	}
	if ctx.Err() != nil {
		return nil, nil, false
	}
	if loose {
		if !anyFound || !ix.matchAny(ctx, sc, q) {
			return nil, nil, ctx.Err() == nil
		}
	} else {
		if q.pattern != "" {
			ix.matchTitles(sc, q)
		}
		if allFound {
			// One short word ("t", "tr") stands for thousands of words in most
			// documents. Titles outrank text by far: when the titles alone fill
			// the top with scores no text match can reach, the text is skipped.
			titlesOnly := len(q.words) == 1 && sc.flt == nil && ix.matchWords(ctx, sc, q, true) && sc.enough(limit, sc.maxWeight()*maxTextWeight)
			if !titlesOnly {
				sc.forget()
				if !ix.matchWords(ctx, sc, q, false) {
					return nil, nil, false
				}
			}
		}
	}
	if !ix.rank(ctx, sc, q, limit, loose) {
		return nil, nil, false
	}
	results := make([]Result, len(sc.top))
	fill := func(sb *snipBuf, from, to int) {
		for i := from; i < to; i++ {
			c := &sc.top[i]
			r := &results[i]
			r.Doc = ix.doc(c.slot)
			r.Score = float64(c.score)
			r.Match = clsNames[c.cls]
			if c.title {
				r.Match = "title"
			}
			r.Snippet, r.Marks = ix.snippet(sc, sb, q, c)
		}
	}
	// A note's snippet reads the note back from the file first: a page of
	// results is a few milliseconds of that, halved on a second core.
	if n := len(results); n >= snippetsParallelFrom && runtime.GOMAXPROCS(0) > 1 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			fill(&sc.snip[1], n/2, n)
		}()
		fill(&sc.snip[0], 0, n/2)
		wg.Wait()
	} else {
		fill(&sc.snip[0], 0, n)
	}
	var dym []string
	// A clean quick-switcher hit on a title ("pts") is what the reader
	// meant; correcting its letters as a word would only distract.
	if !loose && (len(sc.top) == 0 || !sc.top[0].title || sc.top[0].tscore < 0.9*ix.fw[sc.top[0].slot][1]) {
		dym = ix.suggest(sc, q, len(results) == 0)
	}
	return results, dym, true
}

// expand finds the vocabulary words query word i stands for: itself when
// quoted (asWritten); else every word it starts, or when it starts none, the
// nearest words. It reports whether any word was found.
func (ix *Index) expand(sc *scratch, q *query, i int) bool {
	w := q.words[i].text
	from := len(sc.exps)
	if id, ok := ix.asWritten(q, i); ok {
		sc.exps = append(sc.exps, expansion{id, clsExact, scoreExact})
	} else {
		ix.expandByPrefix(sc, w)
		switch total := sc.freq(ix, from); {
		case total == 0:
			sc.fuzzyWord[i] = true
			ix.fuzzy(sc, w, i, false, 0)
		case total <= rareDocs && utf8.RuneCountInString(w) >= 5:
			// A long word found in a document or two is more likely a typo
			// than what the reader meant ("tranformer" is in the book, quoted
			// as a typo): add its much commoner neighbours too.
			n0 := len(sc.exps)
			ix.fuzzy(sc, w, i, false, rareFactor*total)
			sc.fuzzyWord[i] = len(sc.exps) > n0
		}
	}
	sc.spans[i] = [2]int{from, len(sc.exps)}
	bit := uint16(1) << i
	for _, ex := range sc.exps[from:] {
		if sc.wstamp[ex.word] != sc.gen {
			sc.wstamp[ex.word], sc.wbits[ex.word] = sc.gen, 0
		}
		sc.wbits[ex.word] |= bit
	}
	return len(sc.exps) > from
}

// asWritten is the id of query word i when it stands only for itself: a
// quoted word the index holds ("the" in "the transformer" is not "these" or
// "theory"). The last word of a quote not yet closed may still be being
// typed, and takes longer words too.
func (ix *Index) asWritten(q *query, i int) (uint32, bool) {
	if !q.words[i].quoted || q.open && i == len(q.words)-1 {
		return 0, false
	}
	id, ok := ix.wordID(q.words[i].text)
	return id, ok && ix.count(id) > 0
}

// expandByPrefix adds every word of the vocabulary that w begins.
func (ix *Index) expandByPrefix(sc *scratch, w string) {
	for k := ix.lowerBound(w); k < len(ix.sorted); k++ {
		id := ix.sorted[k]
		word := ix.words[id]
		if !strings.HasPrefix(word, w) {
			break
		}
		if ix.count(id) == 0 {
			continue // every document holding it was removed
		}
		if len(word) == len(w) {
			sc.exps = append(sc.exps, expansion{id, clsExact, scoreExact})
		} else {
			cover := float32(len(w)) / float32(len(word))
			sc.exps = append(sc.exps, expansion{id, clsPrefix, scorePrefixBase + 0.2*cover})
		}
	}
}

// freq is the number of documents holding the expansions from exps[from:].
func (sc *scratch) freq(ix *Index, from int) int {
	n := 0
	for _, ex := range sc.exps[from:] {
		n += ix.count(ex.word)
	}
	return n
}

// matchWords intersects the posting lists: a document must hold every query
// word. The rarest word goes first, so later words only update the few
// documents still in the running. It returns false when ctx was cancelled.
func (ix *Index) matchWords(ctx context.Context, sc *scratch, q *query, titlesOnly bool) bool {
	postings := func(id uint32) []uint32 { return ix.postings(id, &sc.plist) }
	if titlesOnly {
		postings = func(id uint32) []uint32 { return ix.tpost[id] } // never dense: few titles
	}
	n := len(q.words)
	order := sc.order[:n]
	var cost [maxQueryWords]int
	for i := range n {
		order[i] = i
		for _, ex := range sc.exps[sc.spans[i][0]:sc.spans[i][1]] {
			cost[i] += ix.count(ex.word)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cost[a] - cost[b] })

	var need uint16
	work := 0
	for oi, i := range order {
		bit := uint16(1) << i
		for _, ex := range sc.exps[sc.spans[i][0]:sc.spans[i][1]] {
			if work += ix.count(ex.word); work > checkEvery {
				work = 0
				if ctx.Err() != nil {
					return false
				}
			}
			for _, p := range postings(ex.word) {
				slot := p >> 1
				if oi == 0 {
					if sc.stamp[slot] != sc.gen {
						sc.touch(slot)
					}
					if sc.mask[slot] == 0 {
						sc.touched = append(sc.touched, slot)
					}
				} else if sc.stamp[slot] != sc.gen || sc.mask[slot] != need {
					continue
				}
				s := ex.w * ix.fw[slot][p&1]
				if sc.mask[slot]&bit == 0 {
					sc.mask[slot] |= bit
					sc.cur[slot], sc.curCls[slot] = s, ex.cls
				} else if s > sc.cur[slot] {
					sc.cur[slot], sc.curCls[slot] = s, ex.cls
				}
			}
		}
		need |= bit
		kept := sc.touched[:0]
		for _, slot := range sc.touched {
			if sc.mask[slot] != need {
				continue
			}
			sc.acc[slot] += sc.cur[slot]
			sc.worst[slot] = min(sc.worst[slot], sc.curCls[slot])
			kept = append(kept, slot)
		}
		sc.touched = kept
		if len(kept) == 0 {
			break
		}
	}
	return true
}

// maxWeight is the highest class score of any expansion.
func (sc *scratch) maxWeight() float32 {
	var m float32
	for _, ex := range sc.exps {
		m = max(m, ex.w)
	}
	return m
}

// enough reports whether at least limit documents already score above
// bound, so no document scoring at most bound can enter the top.
func (sc *scratch) enough(limit int, bound float32) bool {
	n := 0
	for _, slot := range sc.touched {
		if sc.acc[slot] > bound || sc.tscore[slot] > bound {
			n++
		}
	}
	for _, slot := range sc.titleTouched {
		if sc.mask[slot] == 0 && sc.tscore[slot] > bound { // not counted above
			n++
		}
	}
	return n >= limit
}

// forget drops the word matches found so far, keeping the title scores.
func (sc *scratch) forget() {
	for _, slot := range sc.touched {
		sc.mask[slot], sc.acc[slot], sc.worst[slot] = 0, 0, clsExact
	}
	sc.touched = sc.touched[:0]
}

// matchTitles matches the whole query against every distinct title with
// sahilm/fuzzy, quick-switcher style: "pts" finds Parallel Training System.
func (ix *Index) matchTitles(sc *scratch, q *query) {
	pat := q.pattern
	var qmask, qinit uint64
	for i, r := range pat {
		if i == 0 {
			qinit = runeBit(r)
		}
		qmask |= runeBit(r)
	}
	set := func(g *titleGroup, quality float32) {
		for _, slot := range g.members {
			s := quality * ix.fw[slot][1]
			if sc.stamp[slot] != sc.gen {
				sc.touch(slot)
			}
			if sc.tscore[slot] == 0 {
				sc.titleTouched = append(sc.titleTouched, slot)
			}
			if s > sc.tscore[slot] {
				sc.tscore[slot] = s
			}
		}
	}
	if q.norm != "" {
		for _, gi := range ix.titleByNorm[q.norm] {
			set(&ix.titles[gi], exactTitle)
		}
	}
	if r, size := decodeRune(pat, 0); size == len(pat) && isWordRune(r) {
		// One letter: sahilm/fuzzy would pick a word that starts with it
		// when there is one (its word-start bonuses), which is exactly what
		// titleQuality accepts, at 0.9. Asking it for every title of a big
		// library costs an allocation a title; the initials say it at once.
		for gi := range ix.titles {
			if g := &ix.titles[gi]; len(g.members) > 0 && g.initials&qinit != 0 && hasWordStart(g.title, r) {
				set(g, 0.9)
			}
		}
		return
	}
	sc.yielded = sc.yielded[:0]
	matches := fuzzy.FindFromIterNoSort(pat, func(yield func(string) bool) {
		for gi := range ix.titles {
			g := &ix.titles[gi]
			// sahilm would reject most titles anyway; the masks say so
			// without looking at a character.
			if len(g.members) == 0 || g.mask&qmask != qmask || g.initials&qinit == 0 {
				continue
			}
			sc.yielded = append(sc.yielded, uint32(gi))
			if !yield(g.title) {
				return
			}
		}
	})
	for mi := range matches {
		m := &matches[mi]
		g := &ix.titles[sc.yielded[m.Index]]
		if quality := titleQuality(g.title, m.MatchedIndexes); quality > 0 {
			set(g, quality)
		}
	}
}

// hasWordStart reports whether a word of s starts with r, ignoring case.
func hasWordStart(s string, r rune) bool {
	var prev rune
	for i, c := range s {
		if isWordStart(prev, c, i) && (c == r || unicode.SimpleFold(c) == r || unicode.ToLower(c) == unicode.ToLower(r)) {
			return true
		}
		prev = c
	}
	return false
}

// titleQuality scores a fuzzy title match. When every run of matched
// characters begins a word ("pts" on Parallel Training System, "vit" on
// Vision Transformers) it is a quick-switcher hit, 0.9. When some run starts
// inside a word ("clip" on "Cleaning, filtering...") the letters are
// scattered and the score falls below an exact word in a passage; with
// fewer than half its letters in runs that start words, it is no match. A match
// whose first character is inside a word is no match: quick-switcher users
// type word starts.
func titleQuality(title string, idx []int) float32 {
	if len(idx) == 0 {
		return 0
	}
	good, runs, goodRuns, runGood := 0, 0, 0, false
	for k, bi := range idx {
		r, _ := decodeRune(title, bi)
		adjacent := false
		if k > 0 {
			_, psize := decodeRune(title, idx[k-1])
			adjacent = idx[k-1]+psize == bi
		}
		if !adjacent {
			var prev rune
			if bi > 0 {
				prev = lastRune(title[:bi])
			}
			runGood = isWordStart(prev, r, bi) || r == ' '
			runs++
			if runGood {
				goodRuns++
			}
		}
		if k == 0 && !runGood {
			return 0
		}
		if runGood {
			good++
		}
	}
	if goodRuns == runs {
		return 0.9
	}
	coherence := float32(good) / float32(len(idx))
	if coherence < 0.5 {
		return 0 // mostly letters picked from inside words: chance, not a match
	}
	return 0.1 + 0.23*coherence // at most 0.33: times a heading's 3, still below an exact word in a passage
}

// rank keeps the best limit candidates in sc.top, best first. The adjacency
// bonus needs a walk over a document's words, so it is computed only for
// candidates whose upper bound can still enter the top. It returns false
// when ctx was cancelled.
func (ix *Index) rank(ctx context.Context, sc *scratch, q *query, limit int, loose bool) bool {
	n := len(q.words)
	full := uint16(1)<<n - 1
	adjacency := n > 1
	add := func(slot uint32, word bool) {
		if sc.flt != nil && !sc.flt.allows(ix, slot) {
			return
		}
		c := cand{slot: slot, length: ix.docs[slot].length, tscore: sc.tscore[slot], cls: sc.worst[slot], word: word}
		if word {
			c.base = sc.acc[slot] / float32(n)
			if loose {
				c.base = sc.acc[slot] // already weighed by each word's rarity
			}
		}
		c.score, c.title = c.base, false
		if c.tscore > c.base {
			c.score, c.title = c.tscore, true
		}
		if word && adjacency && !loose {
			c.score = max(c.base+maxAdjacency, c.tscore)
			sc.cands = append(sc.cands, c)
			return
		}
		sc.pushTop(c, limit)
	}
	if n > 0 {
		for _, slot := range sc.touched {
			add(slot, true)
		}
	}
	for _, slot := range sc.titleTouched {
		if n > 0 && sc.mask[slot] == full {
			continue // already added with its word score
		}
		add(slot, false)
	}

	if len(sc.cands) > 0 {
		required := q.required()
		filtered := required != 0 && ix.preparePhrase(sc, q, required)
		if filtered {
			// Turn away, before ranking, the candidates that cannot hold
			// the phrase: popping them in order costs more than the test.
			holds := ix.phraseMask(sc)
			kept := sc.cands[:0]
			for i, c := range sc.cands {
				switch {
				case holds[i]:
					kept = append(kept, c)
				case c.tscore > 0:
					c.score, c.title = c.tscore, true
					sc.pushTop(c, limit)
				}
			}
			sc.cands = kept
		}
		heap.Init(&sc.candQ)
		walked := 0
		for k := 0; len(sc.cands) > 0; k++ {
			if k&255 == 255 && ctx.Err() != nil {
				return false
			}
			if required == 0 && walked > adjacencyBudget {
				sc.settle(limit)
				break
			}
			c := sc.cands[0]
			heap.Pop(&sc.candQ)
			if len(sc.top) == limit && !better(&c, &sc.top[0]) {
				break // nothing left can beat the worst of the top
			}
			walked += len(ix.docs[c.slot].toks)
			bonus, ok := ix.adjacency(sc, n, required, c.slot)
			switch {
			case ok && c.base+bonus >= c.tscore:
				c.score, c.title = c.base+bonus, false
			case c.tscore > 0:
				c.score, c.title = c.tscore, true
			default:
				continue // a quoted phrase is not there
			}
			sc.pushTop(c, limit)
		}
	}
	slices.SortFunc(sc.top, func(a, b cand) int {
		if better(&a, &b) {
			return -1
		}
		if better(&b, &a) {
			return 1
		}
		return 0
	})
	return true
}

// settle ranks the candidates whose words were not walked at the score they
// are sure of: their words without a bonus for neighbours, or their title.
// A query of common words ("reasoning chain thought" over 100,000 notes)
// leaves tens of thousands of candidates that all might hold the phrase;
// walking every one costs ten times the whole query's budget, and the ones
// walked first, by their bound, are the likeliest to rank.
func (sc *scratch) settle(limit int) {
	for _, c := range sc.cands {
		c.score, c.title = c.base, false
		if c.tscore > c.base {
			c.score, c.title = c.tscore, true
		}
		if len(sc.top) == limit && !better(&c, &sc.top[0]) {
			continue
		}
		sc.pushTop(c, limit)
	}
	sc.cands = sc.cands[:0]
}

// required has bit i set when word i must directly follow word i-1.
func (q *query) required() uint16 {
	var r uint16
	for i, w := range q.words {
		if w.phrase && i > 0 {
			r |= 1 << i
		}
	}
	return r
}

// adjacency walks a document's words and finds query words side by side. It
// returns the bonus and false when a quoted phrase is missing: all its words
// in a row, not only each pair of them somewhere.
func (ix *Index) adjacency(sc *scratch, n int, required uint16, slot uint32) (float32, bool) {
	toks := ix.docs[slot].toks
	var lastEnd [maxQueryWords]int32
	var lastChain [maxQueryWords]int
	for i := range lastEnd {
		lastEnd[i] = -10
	}
	// need[e] > 0: word e ends a quoted run of need[e] words
	var need [maxQueryWords]int
	var needMask, met uint16
	for e := 1; e < n; e++ {
		if required&(1<<e) != 0 && (e+1 == n || required&(1<<(e+1)) == 0) {
			s := e
			for s > 0 && required&(1<<s) != 0 {
				s--
			}
			need[e] = e - s + 1
			needMask |= 1 << e
		}
	}
	var pairs uint16
	phrase := false
	pos := int32(0)
	for k := 0; k < len(toks) && !phrase; {
		var t uint32
		t, k = fwdNext(toks, k)
		var start, end int32
		switch t {
		case fwdBreak:
			pos++
			continue
		case fwdField:
			pos += 2
			continue
		case fwdJoin:
			span := int32(toks[k])
			t, k = fwdNext(toks, k+1)
			start, end = pos-span, pos-1
		default:
			start, end = pos, pos
			pos++
		}
		t -= fwdWord
		if sc.wstamp[t] != sc.gen || sc.wbits[t] == 0 {
			continue
		}
		b := sc.wbits[t]
		// Highest first, so a word that matches two query words cannot
		// count as following itself.
		for i := n - 1; i >= 0; i-- {
			if b&(1<<i) == 0 {
				continue
			}
			chain := 1
			if i > 0 && lastEnd[i-1] == start-1 {
				pairs |= 1 << i
				chain = lastChain[i-1] + 1
			}
			lastEnd[i], lastChain[i] = end, chain
			if need[i] > 0 && chain >= need[i] {
				met |= 1 << i
			}
			if chain == n {
				phrase = true
			}
		}
	}
	if pairs&required != required || met != needMask {
		return 0, false
	}
	bonus := pairBonus * float32(bits.OnesCount16(pairs)) / float32(n-1)
	if phrase {
		bonus += phraseBonus
	}
	return bonus, true
}

// better orders results: higher score, then shorter, then earlier in the book.
func better(a, b *cand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.length != b.length {
		return a.length < b.length
	}
	return a.slot < b.slot
}

func worse(a, b *cand) bool { return better(b, a) }

// pushTop keeps the best limit candidates in a heap whose root is the worst.
func (sc *scratch) pushTop(c cand, limit int) {
	if len(sc.top) < limit {
		sc.top = append(sc.top, c)
		heap.Fix(&sc.topQ, len(sc.top)-1) // not heap.Push: that would box c
		return
	}
	if better(&c, &sc.top[0]) {
		sc.top[0] = c
		heap.Fix(&sc.topQ, 0)
	}
}

// candHeap is a container/heap over a slice of candidates held elsewhere
// (in the scratch), whose root is the first by less. Callers read the root
// before heap.Pop and append before heap.Fix, so no candidate is boxed.
type candHeap struct {
	s    *[]cand
	less func(a, b *cand) bool
}

func (h *candHeap) Len() int           { return len(*h.s) }
func (h *candHeap) Less(i, j int) bool { return h.less(&(*h.s)[i], &(*h.s)[j]) }
func (h *candHeap) Swap(i, j int)      { (*h.s)[i], (*h.s)[j] = (*h.s)[j], (*h.s)[i] }
func (h *candHeap) Push(x any)         { *h.s = append(*h.s, x.(cand)) }
func (h *candHeap) Pop() any {
	*h.s = (*h.s)[:len(*h.s)-1] // the root was read before heap.Pop moved it here
	return nil
}
