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
// list is the varint encoding of its word ids, so two words side by side
// are the two encodings side by side. The search is only a filter: a list
// that passes is still walked by adjacency, which has the last word.
//
// When can two words be side by side in the text and not in the bytes? When
// a compound's joined form follows the first word ([a][join span ab][b]) —
// so a list where the first word is followed by a join code passes too —
// or when the second word is itself a joined form, whose parts come first:
// such a pair is not filtered at all.

// maxPairPatterns bounds the encodings tried for one pair of query words
// (each may stand for a few vocabulary words).
const maxPairPatterns = 8

// phrasePair is one required pair of neighbours: a list must hold one of
// the first words' encodings (pats[from:mid]) directly followed by a join
// code or by one of the second words' encodings (pats[mid:to]).
type phrasePair struct{ from, mid, to int }

// preparePhrase builds the byte patterns of the required pairs whose words
// allow it; it reports whether there is any.
func (ix *Index) preparePhrase(sc *scratch, q *query, required uint16) bool {
	sc.pairs = sc.pairs[:0]
	sc.pats = sc.pats[:0]
	for i := 1; i < len(q.words); i++ {
		if required&(1<<i) == 0 {
			continue
		}
		a, b := sc.exps[sc.spans[i-1][0]:sc.spans[i-1][1]], sc.exps[sc.spans[i][0]:sc.spans[i][1]]
		if len(a) == 0 || len(b) == 0 || len(a)*len(b) > maxPairPatterns {
			continue
		}
		usable := true
		for _, eb := range b {
			if ix.joined[eb.word] {
				usable = false
			}
		}
		if !usable {
			continue
		}
		p := phrasePair{from: len(sc.pats)}
		for _, ea := range a {
			sc.pats = append(sc.pats, binary.AppendUvarint(nil, uint64(ea.word)+fwdWord))
		}
		p.mid = len(sc.pats)
		for _, eb := range b {
			sc.pats = append(sc.pats, binary.AppendUvarint(nil, uint64(eb.word)+fwdWord))
		}
		p.to = len(sc.pats)
		sc.pairs = append(sc.pairs, p)
	}
	return len(sc.pairs) > 0
}

// mayHoldPhrase reports whether a forward list can hold every prepared pair
// side by side; false is certain, true is to be checked by adjacency. Each
// first word is searched for once, and what follows each place it is found
// is compared with the second words.
func (sc *scratch) mayHoldPhrase(toks []byte) bool {
	for _, p := range sc.pairs {
		if !sc.holdsPair(toks, p) {
			return false
		}
	}
	return true
}

func (sc *scratch) holdsPair(toks []byte, p phrasePair) bool {
	for _, first := range sc.pats[p.from:p.mid] {
		for k := 0; ; {
			i := bytes.Index(toks[k:], first)
			if i < 0 {
				break
			}
			rest := toks[k+i+len(first):]
			if len(rest) > 0 && rest[0] == fwdJoin {
				return true
			}
			for _, second := range sc.pats[p.mid:p.to] {
				if bytes.HasPrefix(rest, second) {
					return true
				}
			}
			k += i + 1
		}
	}
	return false
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
