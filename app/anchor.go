package app

// Anchoring highlights to the text, the way web annotation does it (the W3C
// Web Annotation TextQuote and TextPosition selectors, re-anchored as
// Hypothesis re-anchors): a highlight keeps where it was (section, block,
// rune offsets) and what it said (the quote, with ~32 characters of context
// either side). When the book changes, Place looks for it in this order:
//
//  1. the stored position, if the quote is still exactly there;
//  2. the exact quote anywhere in the topic, the best by context and
//     closeness to where it was (so of two equal quotes the context decides);
//  3. an approximate match of the quote (edit distance at most a quarter of
//     its length), again chosen by quote, context and position;
//  4. otherwise it is unplaced: kept, listed, never dropped.

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// ContextRunes is how much text before and after a quote a highlight keeps.
const ContextRunes = 32

// PlaceState says how a highlight was found in the current book.
type PlaceState int

// How a highlight was placed.
const (
	Unplaced    PlaceState = iota // not found: shown as "could not be placed"
	PlacedExact                   // at its stored position, unchanged
	PlacedMoved                   // the same words, found elsewhere by their context
	PlacedFuzzy                   // slightly different words, found by approximate matching
)

func (p PlaceState) String() string {
	return [...]string{"unplaced", "exact", "moved", "fuzzy"}[p]
}

// Placement is a highlight and where it is in the book now. When State is
// Unplaced, Section, Block, Start and End are the stored ones.
type Placement struct {
	Highlight  storage.Highlight
	State      PlaceState
	Section    string
	Block      int
	Start, End int // rune offsets into the block's Text, End exclusive
}

// Placed reports whether the highlight was found.
func (p Placement) Placed() bool { return p.State != Unplaced }

// Location is the block the highlight is in now (or was, when unplaced).
func (p Placement) Location() Location {
	return Location{Topic: p.Highlight.Topic, Section: p.Section, Block: p.Block}
}

// Anchor builds a highlight (not saved) of the runes [start, end) of a block:
// its quote and its context. Whitespace at either end of the range is left
// out. It refuses a place the book does not have or a range with no words.
func (r *Session) Anchor(topic, section string, block, start, end int) (storage.Highlight, error) {
	t := r.Book.Topic(topic)
	if t == nil {
		return storage.Highlight{}, fmt.Errorf("highlight: no topic %q", topic)
	}
	s := t.Section(section)
	if s == nil {
		return storage.Highlight{}, fmt.Errorf("highlight: topic %q has no section %q", topic, section)
	}
	if block < 0 || block >= len(s.Blocks) {
		return storage.Highlight{}, fmt.Errorf("highlight: section %q has no block %d", section, block)
	}
	text := []rune(s.Blocks[block].Text)
	if start < 0 || end > len(text) || start >= end {
		return storage.Highlight{}, fmt.Errorf("highlight: characters %d-%d are outside the block (%d characters)", start, end, len(text))
	}
	for start < end && unicode.IsSpace(text[start]) {
		start++
	}
	for end > start && unicode.IsSpace(text[end-1]) {
		end--
	}
	if start == end {
		return storage.Highlight{}, fmt.Errorf("highlight: the selection holds no words")
	}
	return storage.Highlight{
		Topic: topic, Section: section, Block: block, Start: start, End: end,
		Quote:  string(text[start:end]),
		Prefix: string(text[max(0, start-ContextRunes):start]),
		Suffix: string(text[end:min(len(text), end+ContextRunes)]),
	}, nil
}

// Place re-anchors a highlight against the current book.
func (r *Session) Place(h storage.Highlight) Placement {
	return cachedPlace(newPlacer(r.Book, h.Topic), h)
}

// placed remembers where highlights that moved, changed or were lost were
// found, per loaded book: the book does not change while it is loaded, so
// the search (milliseconds for an approximate one) runs once per highlight
// and version, not at every repaint. Keyed by the checksum, which covers
// every anchored field.
var placed = struct {
	sync.Mutex
	m map[placeKey]Placement
}{m: map[placeKey]Placement{}}

type placeKey struct {
	book     *library.Book
	id, hash string
}

const maxPlaced = 20000

func cachedPlace(p *placer, h storage.Highlight) Placement {
	if p.topic == nil {
		return p.place(h)
	}
	key := placeKey{book: p.book, id: h.ID, hash: h.Checksum}
	placed.Lock()
	got, ok := placed.m[key]
	placed.Unlock()
	if ok {
		got.Highlight = h
		return got
	}
	got = p.place(h)
	if got.State != PlacedExact && h.Checksum != "" {
		placed.Lock()
		if len(placed.m) >= maxPlaced {
			placed.m = map[placeKey]Placement{}
		}
		placed.m[key] = got
		placed.Unlock()
	}
	return got
}

// placer holds one topic's blocks as runes, so placing many highlights of
// a topic converts its text once.
type placer struct {
	book   *library.Book
	topic  *library.Topic
	blocks []placerBlock
	runes  int // total, to bound the approximate search
}

type placerBlock struct {
	section    string
	secIndex   int
	block      int
	text       string
	runes      []rune
	byteToRune []int // lazily: rune index of each byte offset, for strings.Index hits
}

func newPlacer(b *library.Book, topic string) *placer {
	t := b.Topic(topic)
	p := &placer{book: b, topic: t}
	if t == nil {
		return p
	}
	for si, s := range t.Sections {
		for bi, b := range s.Blocks {
			rs := []rune(b.Text)
			p.blocks = append(p.blocks, placerBlock{section: s.Anchor, secIndex: si, block: bi, text: b.Text, runes: rs})
			p.runes += len(rs)
		}
	}
	return p
}

// Bounds on the approximate search, in rune comparisons: a whole topic for
// a short quote, only its own section for a long one, else nothing.
const fuzzyBudget = 24_000_000

func (p *placer) place(h storage.Highlight) Placement {
	out := Placement{Highlight: h, Section: h.Section, Block: h.Block, Start: h.Start, End: h.End}
	quote := []rune(h.Quote)
	if p.topic == nil || len(quote) == 0 {
		return out
	}
	// 1. Where it was.
	for _, b := range p.blocks {
		if b.section == h.Section && b.block == h.Block {
			if h.Start >= 0 && h.End <= len(b.runes) && h.End-h.Start == len(quote) && equalRunes(b.runes[h.Start:h.End], quote) {
				out.State = PlacedExact
				return out
			}
			break
		}
	}
	home := p.sectionIndex(h.Section)
	// 2. The exact words elsewhere.
	best, bestScore := -1, -1.0
	var cands []candidate
	for i := range p.blocks {
		b := &p.blocks[i]
		for off := 0; ; {
			j := strings.Index(b.text[off:], h.Quote)
			if j < 0 {
				break
			}
			start := b.runeAt(off + j)
			cands = append(cands, candidate{block: i, start: start, end: start + len(quote), errors: 0})
			_, size := utf8.DecodeRuneInString(b.text[off+j:])
			off += j + size
		}
	}
	for ci, c := range cands {
		if s := p.score(h, quote, c, home); s > bestScore {
			best, bestScore = ci, s
		}
	}
	if best >= 0 {
		return p.result(out, cands[best], PlacedExact, PlacedMoved, h)
	}
	// 3. Approximately the same words.
	maxErr := len(quote) / 4
	if maxErr == 0 {
		return out
	}
	scope := func(b *placerBlock) bool { return true }
	if len(quote)*p.runes > fuzzyBudget {
		secRunes := 0
		for _, b := range p.blocks {
			if b.secIndex == home {
				secRunes += len(b.runes)
			}
		}
		if home < 0 || len(quote)*secRunes > fuzzyBudget {
			return out
		}
		scope = func(b *placerBlock) bool { return b.secIndex == home }
	}
	cands = cands[:0]
	for i := range p.blocks {
		b := &p.blocks[i]
		if !scope(b) || len(b.runes) < len(quote)-maxErr {
			continue
		}
		for _, c := range approxMatches(quote, b.runes, maxErr) {
			c.block = i
			cands = append(cands, c)
		}
	}
	for ci, c := range cands {
		if !p.plausible(h, quote, c) {
			continue
		}
		if s := p.score(h, quote, c, home); s > bestScore {
			best, bestScore = ci, s
		}
	}
	if best >= 0 {
		return p.result(out, cands[best], PlacedFuzzy, PlacedFuzzy, h)
	}
	return out
}

func (p *placer) result(out Placement, c candidate, same, moved PlaceState, h storage.Highlight) Placement {
	b := p.blocks[c.block]
	out.Section, out.Block, out.Start, out.End = b.section, b.block, c.start, c.end
	out.State = moved
	if same == PlacedExact && b.section == h.Section && b.block == h.Block && c.start == h.Start {
		out.State = same
	}
	return out
}

func (p *placer) sectionIndex(anchor string) int {
	for i, s := range p.topic.Sections {
		if s.Anchor == anchor {
			return i
		}
	}
	return -1
}

// candidate is a possible place: runes [start, end) of blocks[block].
type candidate struct {
	block, start, end, errors int
}

// The weights Hypothesis gives the parts of a match: the quote counts most,
// then its context, and where it was only breaks near-ties.
const (
	quoteWeight  = 50
	prefixWeight = 20
	suffixWeight = 20
	posWeight    = 2
)

func (p *placer) score(h storage.Highlight, quote []rune, c candidate, home int) float64 {
	b := p.blocks[c.block]
	qs := 1 - float64(c.errors)/float64(len(quote))
	pre, suf := p.contextSim(h, c)
	// Position: the same section, the same block, the same offset.
	pos := 0.0
	if b.secIndex == home {
		pos += 1
		if b.block == h.Block {
			pos += 1
			if n := len(b.runes); n > 0 {
				d := c.start - h.Start
				if d < 0 {
					d = -d
				}
				pos += 1 - float64(min(d, n))/float64(n)
			}
		}
	}
	return quoteWeight*qs + prefixWeight*pre + suffixWeight*suf + posWeight*pos/3
}

// contextSim compares the stored prefix and suffix with the text now before
// and after a candidate: 1 is identical, 0 nothing alike.
func (p *placer) contextSim(h storage.Highlight, c candidate) (pre, suf float64) {
	b := p.blocks[c.block]
	wantPre, wantSuf := []rune(h.Prefix), []rune(h.Suffix)
	havePre := b.runes[max(0, c.start-len(wantPre)):c.start]
	if len(wantPre) == 0 && c.start > 0 {
		havePre = b.runes[c.start-1 : c.start] // it began the block; now it does not
	}
	haveSuf := b.runes[c.end:min(len(b.runes), c.end+len(wantSuf))]
	if len(wantSuf) == 0 && c.end < len(b.runes) {
		haveSuf = b.runes[c.end : c.end+1]
	}
	return similarity(wantPre, havePre), similarity(wantSuf, haveSuf)
}

// plausible keeps an approximate match of a short quote only when some of
// its context agrees: "GPT-3" must not land on any "GPT-4".
func (p *placer) plausible(h storage.Highlight, quote []rune, c candidate) bool {
	if len(quote) >= 16 {
		return true
	}
	pre, suf := p.contextSim(h, c)
	return max(pre, suf) >= 0.5
}

func (b *placerBlock) runeAt(byteOff int) int {
	if b.byteToRune == nil {
		b.byteToRune = make([]int, len(b.text)+1)
		n := 0
		for i := range b.text {
			for k := i; k < len(b.text) && (k == i || !utf8.RuneStart(b.text[k])); k++ {
				b.byteToRune[k] = n
			}
			n++
		}
		b.byteToRune[len(b.text)] = n
	}
	return b.byteToRune[byteOff]
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// similarity is 1 - edit distance / the longer length; two empty strings are alike.
func similarity(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(n)
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// approxMatches finds where pattern occurs in text with at most k edits
// (Sellers' algorithm: edit distance with a free start in the text, with
// Ukkonen's cut-off: rows whose cost already exceeds k are not computed),
// one candidate per run of adjacent match ends, at its fewest errors; then
// the start of each by the same distance computed backwards from its end.
func approxMatches(pattern, text []rune, k int) []candidate {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	lact := min(k, m) // the last row whose cost is at most k
	var out []candidate
	runBest, runEnd := -1, -1
	flush := func() {
		if runEnd >= 0 {
			start, errs := matchStart(pattern, text, runEnd, k)
			out = append(out, candidate{start: start, end: runEnd, errors: errs})
		}
		runBest, runEnd = -1, -1
	}
	for j := 1; j <= len(text); j++ {
		diag := 0 // D[0][j-1] = 0: a match may start anywhere
		top := min(lact+1, m)
		for i := 1; i <= top; i++ {
			left := col[i]
			if i > lact {
				left = k + 1 // beyond the cut-off the cost is above k; its exact value does not matter
			}
			cost := 1
			if pattern[i-1] == text[j-1] {
				cost = 0
			}
			v := min(diag+cost, left+1, col[i-1]+1)
			diag, col[i] = left, v
		}
		lact = top
		for lact > 0 && col[lact] > k {
			lact--
		}
		if lact == m {
			if runBest < 0 || col[m] < runBest {
				runBest, runEnd = col[m], j
			}
		} else {
			flush()
		}
	}
	flush()
	return out
}

// matchStart finds where the best match of pattern ending at end begins:
// the edit distance of the reversed pattern against the text read
// backwards from end, with the far end free.
func matchStart(pattern, text []rune, end, k int) (start, errs int) {
	m := len(pattern)
	lo := max(0, end-m-k)
	seg := text[lo:end]
	// rows: pattern reversed; columns: seg reversed, anchored at column 0.
	prev := make([]int, len(seg)+1)
	cur := make([]int, len(seg)+1)
	for c := range prev {
		prev[c] = c
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		pr := pattern[m-i]
		for c := 1; c <= len(seg); c++ {
			cost := 1
			if pr == seg[len(seg)-c] {
				cost = 0
			}
			cur[c] = min(prev[c-1]+cost, prev[c]+1, cur[c-1]+1)
		}
		prev, cur = cur, prev
	}
	bestC, best := 0, prev[0]
	for c := 1; c <= len(seg); c++ {
		if prev[c] < best || prev[c] == best && abs(c-m) < abs(bestC-m) {
			bestC, best = c, prev[c]
		}
	}
	return end - bestC, best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
