package search

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"sync"
)

// A quoted phrase of common words ("reasoning chain thought" over 100,000
// notes) leaves every note a candidate, and walking every forward list word
// by word to find the few where the words stand side by side took 145 ms.
// Most candidates can be turned away by a byte search instead: a forward
// list is the varint encoding of its word ids, so words side by side are
// their encodings side by side, with nothing between but the join codes of
// compounds ([dao][join span wudao][model] for "Wu-Dao model"). A run of
// quoted words is tested whole, not pair by pair: "reasoning chain" here and
// "chain thought" there is not the phrase, and over 100,000 notes such
// lists are thousands. The search is only a filter: a list that passes is
// still walked by adjacency, which has the last word.
//
// When can two words be side by side in the text and not so in the bytes?
// When the second word is itself a joined form, whose parts come first: a
// run ends before such a word, which is left to adjacency.

// maxPairPatterns bounds the encodings tried for one pair of query words
// (each may stand for a few vocabulary words).
const maxPairPatterns = 8

// phraseWord is one word of a run: one of the encodings pats[from:to].
type phraseWord struct{ from, to int }

// preparePhrase builds the byte patterns of the runs of required words that
// allow it; it reports whether there is any.
func (ix *Index) preparePhrase(sc *scratch, q *query, required uint16) bool {
	sc.pats = sc.pats[:0]
	sc.runs, sc.runWords = sc.runs[:0], sc.runWords[:0]
	runFrom, lastInRun := 0, -1 // the run being built: sc.runWords[runFrom:], ending at query word lastInRun
	endRun := func() {
		if lastInRun >= 0 {
			sc.runs = append(sc.runs, [2]int{runFrom, len(sc.runWords)})
		}
		lastInRun = -1
	}
	word := func(exps []expansion) phraseWord {
		w := phraseWord{from: len(sc.pats)}
		for _, e := range exps {
			sc.pats = append(sc.pats, binary.AppendUvarint(nil, uint64(e.word)+fwdWord))
		}
		w.to = len(sc.pats)
		return w
	}
	for i := 1; i < len(q.words); i++ {
		if required&(1<<i) == 0 {
			continue
		}
		a, b := sc.exps[sc.spans[i-1][0]:sc.spans[i-1][1]], sc.exps[sc.spans[i][0]:sc.spans[i][1]]
		usable := len(a) > 0 && len(b) > 0 && len(a)*len(b) <= maxPairPatterns
		for _, eb := range b {
			usable = usable && !ix.joined[eb.word]
		}
		if !usable {
			endRun()
			continue
		}
		if lastInRun != i-1 {
			endRun()
			runFrom = len(sc.runWords)
			sc.runWords = append(sc.runWords, word(a))
		}
		sc.runWords = append(sc.runWords, word(b))
		lastInRun = i
	}
	endRun()
	return len(sc.runs) > 0
}

// mayHoldPhrase reports whether a forward list can hold every prepared run;
// false is certain, true is to be checked by adjacency.
func (sc *scratch) mayHoldPhrase(toks []byte) bool {
	for _, r := range sc.runs {
		if !sc.holdsRun(toks, sc.runWords[r[0]:r[1]]) {
			return false
		}
	}
	return true
}

// holdsRun reports whether toks holds a run's words side by side: each place
// one of the first word's encodings is found is tried for the rest.
func (sc *scratch) holdsRun(toks []byte, words []phraseWord) bool {
	for _, first := range sc.pats[words[0].from:words[0].to] {
		for k := 0; ; {
			i := bytes.Index(toks[k:], first)
			if i < 0 {
				break
			}
			if sc.runFollows(toks, k+i+len(first), words[1:]) {
				return true
			}
			k += i + 1
		}
	}
	return false
}

// runFollows reports whether the words follow at toks[at:], join codes
// skipped before each.
func (sc *scratch) runFollows(toks []byte, at int, words []phraseWord) bool {
	if len(words) == 0 {
		return true
	}
	at = skipJoins(toks, at)
	for _, p := range sc.pats[words[0].from:words[0].to] {
		if bytes.HasPrefix(toks[at:], p) && sc.runFollows(toks, at+len(p), words[1:]) {
			return true
		}
	}
	return false
}

// skipJoins passes over the join codes at toks[at:]: each the code, a span
// byte and a joined form's word.
func skipJoins(toks []byte, at int) int {
	for at+1 < len(toks) && toks[at] == fwdJoin {
		_, n := binary.Uvarint(toks[at+2:])
		if n <= 0 {
			return len(toks)
		}
		at += 2 + n
	}
	return at
}

// phraseParallelFrom is how many candidates make it worth testing them on
// every core: a quoted phrase of common words over 100,000 notes.
const phraseParallelFrom = 16384

// phraseMask tests every candidate with mayHoldPhrase, on every core when
// there are many; holds[i] is the answer for sc.cands[i].
func (ix *Index) phraseMask(sc *scratch) []bool {
	n := len(sc.cands)
	if cap(sc.holds) < n {
		sc.holds = make([]bool, n)
	}
	holds := sc.holds[:n]
	test := func(from, to int) {
		for i := from; i < to; i++ {
			holds[i] = sc.mayHoldPhrase(ix.docs[sc.cands[i].slot].toks)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 1+n/phraseParallelFrom)
	if workers <= 1 {
		test(0, n)
		return holds
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for from := 0; from < n; from += per {
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			test(from, to)
		}(from, min(from+per, n))
	}
	wg.Wait()
	return holds
}
