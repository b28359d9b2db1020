package search

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

const snippetBytes = 160

// hit is a word of a document's text that a query word stands for.
type hit struct {
	start, end int // the word, or the whole compound for a joined form
	mark       int // end of the part to highlight: a prefix match marks what was typed
	sent       int
	bits       uint16
}

// snippet is the sentence that holds the best hit, and the byte ranges of
// the matched words in it. A whole-title match shows the title with the
// letters sahilm matched.
func (ix *Index) snippet(sc *scratch, sb *snipBuf, q *query, c *cand) (string, [][2]int) {
	e := &ix.docs[c.slot]
	if c.title {
		return titleSnippet(q.pattern, e.title)
	}
	if s, m, ok := ix.textSnippet(sc, sb, q, ix.text(e)); ok {
		return s, m
	}
	s, m, _ := ix.textSnippet(sc, sb, q, e.title)
	return s, m
}

func titleSnippet(pattern, title string) (string, [][2]int) {
	var marks [][2]int
	if ms := fuzzy.Find(pattern, []string{title}); len(ms) == 1 {
		for _, i := range ms[0].MatchedIndexes {
			if r, size := decodeRune(title, i); isWordRune(r) {
				marks = addMark(marks, i, i+size)
			}
		}
	}
	return title, marks
}

// addMark appends a range, merging it into the last one when they touch.
func addMark(marks [][2]int, s, e int) [][2]int {
	if n := len(marks); n > 0 && s <= marks[n-1][1] {
		marks[n-1][1] = max(marks[n-1][1], e)
		return marks
	}
	return append(marks, [2]int{s, e})
}

func (ix *Index) textSnippet(sc *scratch, sb *snipBuf, q *query, text string) (string, [][2]int, bool) {
	if text == "" {
		return "", nil, false
	}
	hits := sb.hits[:0]
	sents := append(sb.sents[:0], 0)
	sent := 0
	sb.tz.run(text, func(ev *event) {
		if ev.kind == evBreak {
			sent++
			sents = append(sents, ev.start)
			return
		}
		id, ok := ix.wordIDs.findBytes(ix.words, ev.word)
		if !ok || sc.wstamp[id] != sc.gen || sc.wbits[id] == 0 {
			return
		}
		b := sc.wbits[id]
		h := hit{start: ev.start, end: ev.end, mark: ev.end, sent: sent, bits: b}
		for i := range q.words {
			qw := q.words[i].text
			if b&(1<<i) != 0 && len(ev.word) > len(qw) && strings.HasPrefix(string(ev.word), qw) {
				h.mark = prefixEnd(text, ev.start, ev.end, utf8.RuneCountInString(qw))
				break
			}
		}
		hits = append(hits, h)
	})
	sb.hits, sb.sents = hits, sents
	if len(hits) == 0 {
		return "", nil, false
	}

	// The sentence with the most distinct query words, the first of equals;
	// then its neighbours while they bring query words it lacks and the
	// whole still fits ("Vaswani et al. Attention Is All You Need. 2017.").
	nsent := len(sents)
	union := func(from, to int) uint16 { // query words in sentences [from, to]
		var u uint16
		for _, h := range hits {
			if h.sent >= from && h.sent <= to {
				u |= h.bits
			}
		}
		return u
	}
	best, bestN := 0, -1
	for k := 0; k < len(hits); {
		s, u := hits[k].sent, uint16(0)
		for ; k < len(hits) && hits[k].sent == s; k++ {
			u |= hits[k].bits
		}
		if n := bits.OnesCount16(u); n > bestN {
			best, bestN = s, n
		}
	}
	bounds := func(from, to int) (int, int) {
		ss, se := sents[from], len(text)
		if to+1 < nsent {
			se = sents[to+1]
		}
		for se > ss && strings.ContainsRune(" \n\t\r•(\"“", lastRune(text[:se])) {
			se -= utf8.RuneLen(lastRune(text[:se]))
		}
		for ss < se && isSpace(text[ss]) {
			ss++
		}
		return ss, se
	}
	from, to := best, best
	for grown := true; grown; {
		grown = false
		have := union(from, to)
		for _, next := range [2][2]int{{from - 1, to}, {from, to + 1}} {
			if next[0] < 0 || next[1] >= nsent || union(next[0], next[1])&^have == 0 {
				continue
			}
			if s, e := bounds(next[0], next[1]); e-s <= snippetBytes {
				from, to, grown = next[0], next[1], true
				break
			}
		}
	}
	ss, se := bounds(from, to)
	// The window of a long sentence opens where the most distinct query
	// words stand close together, not at the first of them: a quoted
	// phrase late in a sentence that names one of its words early.
	var focus hit
	most := -1
	for i, h := range hits {
		if h.sent < from || h.sent > to {
			continue
		}
		var u uint16
		for _, g := range hits[i:] {
			if g.sent > to || g.start-h.start > snippetBytes/2 {
				break
			}
			u |= g.bits
		}
		if n := bits.OnesCount16(u); n > most {
			focus, most = h, n
		}
	}

	ws, we := ss, se
	if se-ss > snippetBytes {
		ws = max(ss, focus.start-snippetBytes/3)
		if ws > ss {
			if i := strings.IndexByte(text[ws:focus.start], ' '); i >= 0 {
				ws += i + 1
			} else {
				ws = focus.start
			}
		}
		we = min(se, ws+snippetBytes)
		if we < se {
			if i := strings.LastIndexByte(text[ws:we], ' '); i > 0 && ws+i >= focus.mark {
				we = ws + i
			}
		}
		we = max(we, focus.mark)
		for we < se && !utf8.RuneStart(text[we]) {
			we++
		}
	}

	var b strings.Builder
	b.Grow(we - ws + 8)
	off := -ws
	if ws > ss {
		b.WriteString("…")
		off += len("…")
	}
	for i := ws; i < we; i++ {
		c := text[i]
		if c == '\n' || c == '\t' || c == '\r' {
			c = ' ' // one byte for one byte keeps the marks in place
		}
		b.WriteByte(c)
	}
	if we < se {
		b.WriteString("…")
	}
	var marks [][2]int
	slices.SortFunc(hits, func(a, b hit) int { return a.start - b.start })
	for _, h := range hits {
		s, e := max(h.start, ws), min(h.mark, we)
		if s < e {
			marks = addMark(marks, s+off, e+off)
		}
	}
	return b.String(), marks, true
}

// prefixEnd is the byte offset in text[start:end] after n word runes: the
// end of the typed prefix, skipping the connectors of a compound.
func prefixEnd(text string, start, end, n int) int {
	for i := start; i < end; {
		r, size := decodeRune(text, i)
		i += size
		if isWordRune(r) {
			if n--; n == 0 {
				return i
			}
		}
	}
	return end
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
