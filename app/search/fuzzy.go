package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

const (
	maxFuzzy   = 8 // corrections searched for one query word
	maxSuggest = 3 // corrections offered as "did you mean"
)

// fuzzyCand is a vocabulary word near a query word that starts no word.
type fuzzyCand struct {
	word   uint32
	dist   uint8 // edits, counting a swap of neighbouring letters as one
	prefix bool  // near the start of the word rather than the whole word ("tranf" → transformer)
	freq   int   // documents holding the word
}

// fuzzy corrects query word i, which starts no vocabulary word, into the
// nearest words: sahilm/fuzzy over the words that share its first letter
// (the letters in order inside a word a little longer: "trnsfrmr" finds
// transformer), and an edit distance that counts a transposition as one
// edit ("trasnformer"). Like most spelling correctors it trusts the first
// letter, or the first two swapped; anyFirst drops that rule, for when
// nothing else was found. The corrections become expansions of class fuzzy
// and "did you mean" candidates. Words in fewer than minFreq documents, and
// words w starts (found already), are left out.
func (ix *Index) fuzzy(sc *scratch, w string, i int, anyFirst bool, minFreq int) {
	m := utf8.RuneCountInString(w)
	if m < 3 {
		return // one or two letters that start no word: any correction is a guess
	}
	maxDist := 1
	if m >= 5 {
		maxDist = 2
	}
	sc.fz = sc.fz[:0]
	_, s0 := decodeRune(w, 0)
	lo, hi := ix.prefixRange(w[:s0])

	if m >= 4 {
		slack := max(2, m/2)
		matches := fuzzy.FindFromIterNoSort(w, func(yield func(string) bool) {
			for k := lo; k < hi; k++ {
				if !yield(ix.words[ix.sorted[k]]) {
					return
				}
			}
		})
		for _, mt := range matches {
			id := ix.sorted[lo+mt.Index]
			if d := utf8.RuneCountInString(ix.words[id]) - m; d <= slack && ix.count(id) > 0 {
				sc.fz = append(sc.fz, fuzzyCand{word: id, dist: uint8(d), freq: ix.count(id)})
			}
		}
	}
	prefixes := m >= 5 // a near prefix of a longer word: the reader is still typing
	if anyFirst {
		ix.nearWords(sc, w, 0, len(ix.sorted), maxDist, false)
	} else {
		ix.nearWords(sc, w, lo, hi, maxDist, prefixes)
		if s0 < len(w) {
			_, s1 := decodeRune(w, s0)
			swapped := w[s0:s0+s1] + w[:s0]
			l2, h2 := ix.prefixRange(swapped)
			ix.nearWords(sc, w, l2, h2, maxDist, prefixes)
		}
	}

	// One entry per word, the nearest first.
	sc.fz = slices.DeleteFunc(sc.fz, func(fc fuzzyCand) bool {
		return fc.freq < minFreq || strings.HasPrefix(ix.words[fc.word], w)
	})
	slices.SortFunc(sc.fz, func(a, b fuzzyCand) int { return int(a.word) - int(b.word) })
	sc.fz = slices.CompactFunc(sc.fz, func(a, b fuzzyCand) bool { return a.word == b.word })
	slices.SortFunc(sc.fz, func(a, b fuzzyCand) int {
		switch {
		case a.dist != b.dist:
			return int(a.dist) - int(b.dist)
		case a.prefix != b.prefix:
			if a.prefix {
				return 1
			}
			return -1
		case a.freq != b.freq:
			return b.freq - a.freq
		}
		return strings.Compare(ix.words[a.word], ix.words[b.word])
	})
	nsugg, bestFreq := 0, 0
	for k, fc := range sc.fz {
		if k == maxFuzzy {
			break
		}
		var wt float32
		switch {
		case fc.prefix:
			wt = 0.25 - 0.05*float32(fc.dist)
		case int(fc.dist) <= maxDist:
			wt = 0.4 - 0.1*float32(fc.dist)
		default:
			wt = 0.15
		}
		sc.exps = append(sc.exps, expansion{fc.word, clsFuzzy, wt})
		// Offer real words: not the joined form of a compound, and not a
		// rare neighbour of a common one (most likely a typo itself).
		if nsugg < maxSuggest && ix.plain[fc.word] && fc.freq*10 >= bestFreq {
			sc.sugg[i][nsugg] = int32(fc.word)
			nsugg++
			bestFreq = max(bestFreq, fc.freq)
		}
	}
}

// nearWords adds the words of the sorted vocabulary range [lo, hi) within
// maxDist edits of w (or of whose start, with prefixes) to sc.fz.
func (ix *Index) nearWords(sc *scratch, w string, lo, hi, maxDist int, prefixes bool) {
	for k := lo; k < hi; k++ {
		id := ix.sorted[k]
		word := ix.words[id]
		if ix.count(id) == 0 {
			continue
		}
		if d := len(word) - len(w); d < -maxDist || d > maxDist && !prefixes {
			continue
		}
		full, pre := osa(w, word, maxDist, &sc.rows)
		switch {
		case full <= maxDist:
			sc.fz = append(sc.fz, fuzzyCand{word: id, dist: uint8(full), freq: ix.count(id)})
		case prefixes && pre <= maxDist:
			sc.fz = append(sc.fz, fuzzyCand{word: id, dist: uint8(pre), prefix: true, freq: ix.count(id)})
		}
	}
}

// osa is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions, and swaps of neighbouring bytes), and the least
// distance between a and a prefix of b. Anything over maxDist is reported
// as maxDist+1, and the work stops as soon as that is certain.
func osa(a, b string, maxDist int, rows *[3][maxWordBytes + 8]int) (full, prefix int) {
	n := len(a)
	far := maxDist + 1
	if n > maxWordBytes+maxDist {
		return far, far
	}
	bb := b
	if len(bb) > n+maxDist {
		bb = bb[:n+maxDist] // a longer prefix is too far anyway
	}
	m := len(bb)
	prev2, prev, cur := rows[0][:m+1], rows[1][:m+1], rows[2][:m+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == bb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == bb[j-2] && a[i-2] == bb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > maxDist {
			return far, far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	full, prefix = far, far
	if m == len(b) {
		full = min(prev[m], far)
	}
	for j := max(0, n-maxDist); j <= m; j++ {
		prefix = min(prefix, prev[j])
	}
	return full, min(prefix, far)
}

// prefixRange is the range of the sorted vocabulary whose words start with p.
func (ix *Index) prefixRange(p string) (lo, hi int) {
	lo = ix.lowerBound(p)
	l, h := lo, len(ix.sorted)
	for l < h {
		mid := int(uint(l+h) >> 1)
		if strings.HasPrefix(ix.words[ix.sorted[mid]], p) {
			l = mid + 1
		} else {
			h = mid
		}
	}
	return lo, l
}

// suggest builds "did you mean" queries: each corrected word replaced by its
// nearest vocabulary words. With no results at all, a word that had no
// correction is looked up once more without trusting its first letter.
func (ix *Index) suggest(sc *scratch, q *query, empty bool) []string {
	first := -1
	for i := range q.words {
		if !sc.fuzzyWord[i] {
			continue
		}
		if first < 0 {
			first = i
		}
		if empty && sc.sugg[i][0] < 0 {
			ix.fuzzy(sc, q.words[i].text, i, true, 0)
		}
	}
	if first < 0 {
		return nil
	}
	var out []string
	parts := make([]string, len(q.words))
	for alt := range maxSuggest {
		for j, w := range q.words {
			parts[j] = w.src
			if !sc.fuzzyWord[j] {
				continue
			}
			k := 0
			if j == first {
				k = alt
			}
			id := sc.sugg[j][k]
			if id < 0 {
				return out
			}
			parts[j] = ix.words[id]
		}
		if s := strings.Join(parts, " "); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
