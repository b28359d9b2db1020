package search

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// A document's forward list is its words in order, as uvarints: a word id
// plus fwdWord, or one of the codes below. Word ids are given in order of
// first sight, so the common words take one byte and most others two.
const (
	fwdBreak = 0 // a sentence boundary: the position advances by one
	fwdField = 1 // the boundary between title and text: the position advances by two
	fwdJoin  = 2 // then a byte, the span, then the joined form's word id + fwdWord
	fwdWord  = 3
)

// fwdNext decodes the uvarint at b[k].
func fwdNext(b []byte, k int) (uint32, int) {
	if c := b[k]; c < 0x80 {
		return uint32(c), k + 1
	}
	var x uint32
	var s uint
	for {
		c := b[k]
		k++
		if c < 0x80 {
			return x | uint32(c)<<s, k
		}
		x |= uint32(c&0x7f) << s
		s += 7
	}
}

// Index is the search index. Search may run on many goroutines at once;
// Upsert and Remove take the write lock.
type Index struct {
	mu  sync.RWMutex
	wmu sync.Mutex // held by every change for its whole length: Compact reads under mu's read lock, then swaps

	docs     []entry
	fw       [][2]float32 // slot → weight of a match in the text [0] and in the title [1]
	places   []place
	placeIDs map[place]uint32
	ids      []uint32          // live slots in the order of their ids (ids.go)
	newIDs   map[string]uint32 // id → slot of the documents a batch added, until it ends
	free     []uint32
	live     int

	words   []string
	wordIDs wordTable           // spelling → id (wordtable.go)
	sorted  []uint32            // word ids in spelling order, for prefix ranges
	plain   []bool              // word id → seen as a word of its own, not only as a compound's joined form
	joined  []bool              // word id → seen as a compound's joined form ("wudao" for "Wu Dao")
	post    [][]uint32          // word id → slot<<1 | inTitle, ascending by slot, one per document; nil when dense
	dense   []*denseList        // word id → its postings as bits when most documents hold it (dense.go), else nil
	tpost   map[uint32][]uint32 // word id → slot<<1 | 1 of the documents whose title holds it: a short query may need no more; few words are in a title, so a map

	titles      []titleGroup
	titleByStr  map[string]uint32   // title as written → group
	titleByNorm map[string][]uint32 // title as lower-case words → groups, for the exact-title match

	aliases []alias // acronyms and their expansions, from the book

	// Kinds whose text is not kept once indexed, and how to read it back
	// (SetTextLoader): the reader's notes may add up to hundreds of MB.
	lazy     uint32 // bit per Kind
	loadText func(id string) (string, bool)

	tz       tokenizer // the writer's, used under the write lock
	toks     []byte    // the writer's buffer for a forward list
	seen     []uint32  // word id → addDoc generation that last posted it
	seenGen  uint32
	building bool // NewIndex sorts the vocabulary once at the end
	nWords   int
	nPost    int

	scratch sync.Pool
	kept    atomic.Pointer[scratch] // one scratch the garbage collector does not take back
}

// entry is one document as the index keeps it: a Doc's fields, with the
// place (topic, section, path) every document of a section shares held once
// in ix.places. At 100,000 notes the entries are 100,000 of these, so their
// size is the index's second cost after the forward lists.
type entry struct {
	id, title, text string
	tags            []string
	toks            []byte  // forward list: title, then text
	place           uint32  // ix.places
	block           int32   // Doc.Block
	weight          float32 // Doc.Weight
	length          uint32  // bytes of title and text: breaks ties, shorter first
	group           int32   // title group, -1 for none
	kind            uint8   // Kind
	live            bool
}

// place is where a document sits in the book, shared by the documents of a
// section.
type place struct{ topic, section, path string }

// doc is the Doc the entry in slot keeps.
func (ix *Index) doc(slot uint32) Doc {
	e := &ix.docs[slot]
	pl := &ix.places[e.place]
	return Doc{ID: e.id, Kind: Kind(e.kind), Title: e.title, Text: e.text, Path: pl.path, Tags: e.tags,
		Topic: pl.topic, Section: pl.section, Block: int(e.block), Weight: e.weight}
}

// placeOf is the number of d's place in ix.places, added when new.
func (ix *Index) placeOf(d *Doc) uint32 {
	pl := place{d.Topic, d.Section, d.Path}
	if n, ok := ix.placeIDs[pl]; ok {
		return n
	}
	n := uint32(len(ix.places))
	ix.places = append(ix.places, pl)
	ix.placeIDs[pl] = n
	return n
}

// titleGroup is one distinct title and every document carrying it ("Key
// works" heads a section of every chapter): the fuzzy matcher sees it once.
type titleGroup struct {
	title    string
	norm     string // lower-case words joined by single spaces, for the exact-title test
	mask     uint64 // runeBit of every rune: a cheap test that a pattern can match at all
	initials uint64 // runeBit of every word's first rune
	members  []uint32
}

// NewIndex indexes docs. A later doc with the ID of an earlier one replaces it.
func NewIndex(docs []Doc) *Index {
	ix := &Index{
		titleByStr:  map[string]uint32{},
		titleByNorm: map[string][]uint32{},
		placeIDs:    map[place]uint32{},
		tpost:       map[uint32][]uint32{},
		building:    true,
	}
	ix.docs = make([]entry, 0, len(docs))
	ix.fw = make([][2]float32, 0, len(docs))
	for _, d := range docs {
		ix.upsert(d)
	}
	ix.building = false
	ix.mergeIDs()
	ix.sorted = make([]uint32, len(ix.words))
	for i := range ix.sorted {
		ix.sorted[i] = uint32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b uint32) int { return strings.Compare(ix.words[a], ix.words[b]) })
	// Appending doubled the big lists' capacity; give the unused half back.
	for id := range ix.post {
		ix.post[id] = trim(ix.post[id])
	}
	for id, list := range ix.tpost {
		ix.tpost[id] = trim(list)
	}
	return ix
}

func trim(list []uint32) []uint32 {
	if cap(list) > len(list)+len(list)/4+4 {
		return slices.Clone(list)
	}
	return list
}

// SetTextLoader makes the index drop the text of the documents of kind k
// once they are indexed, and read it back through load (by document id) for
// the snippets of the results it returns: at most a result page's worth of
// reads a query. A document's tags (Doc.Tags) stand in for its text in the
// #tag filter. Set it before the first such document is added.
func (ix *Index) SetTextLoader(k Kind, load func(id string) (string, bool)) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.lazy |= 1 << uint(k)
	ix.loadText = load
}

// text is a document's text, read back when the index does not keep it.
func (ix *Index) text(e *entry) string {
	if ix.lazy&(1<<uint(e.kind)) == 0 || ix.loadText == nil {
		return e.text
	}
	t, _ := ix.loadText(e.id)
	return t
}

// hasTag reports whether a document carries #tag.
func (ix *Index) hasTag(e *entry, tag string) bool {
	if ix.lazy&(1<<uint(e.kind)) != 0 {
		return slices.ContainsFunc(e.tags, func(t string) bool { return strings.EqualFold(t, tag) })
	}
	return hasTag(e.text, tag)
}

// Upsert adds a document or replaces the one with the same ID. Notes and
// bookmarks are upserted the moment they are saved.
func (ix *Index) Upsert(d Doc) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.upsert(d)
}

// Remove takes a document out of the index; an unknown id is ignored.
func (ix *Index) Remove(id string) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.slotOf(id)
	if !ok {
		return
	}
	ix.dropID(id)
	ix.removeSlot(slot)
	ix.free = append(ix.free, slot)
}

// Len is the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Doc returns the indexed document with that id.
func (ix *Index) Doc(id string) (Doc, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	slot, ok := ix.slotOf(id)
	if !ok {
		return Doc{}, false
	}
	return ix.doc(slot), true
}

func (ix *Index) upsert(d Doc) {
	slot, ok := ix.slotOf(d.ID)
	switch {
	case ok:
		ix.removeSlot(slot)
	case len(ix.free) > 0:
		slot = ix.free[len(ix.free)-1]
		ix.free = ix.free[:len(ix.free)-1]
	default:
		slot = uint32(len(ix.docs))
		ix.docs = append(ix.docs, entry{})
		ix.fw = append(ix.fw, [2]float32{})
	}
	ix.addDoc(slot, d)
	if !ok {
		ix.addID(slot)
	}
}

func (ix *Index) addDoc(slot uint32, d Doc) {
	e := &ix.docs[slot]
	e.id, e.kind, e.title, e.text, e.tags = d.ID, uint8(d.Kind), d.Title, d.Text, d.Tags
	e.place, e.block, e.weight = ix.placeOf(&d), int32(max(min(d.Block, math.MaxInt32), math.MinInt32)), d.Weight
	e.live, e.group = true, -1
	e.length = uint32(min(len(d.Title)+len(d.Text), 1<<31))
	ix.fw[slot] = [2]float32{textWeight(d.Kind), titleWeight(d.Kind)}
	if d.Weight > 0 {
		ix.fw[slot][0] *= d.Weight
		ix.fw[slot][1] *= d.Weight
	}
	ix.live++
	ix.seenGen++
	if ix.seenGen == 0 { // wrapped: stale marks could pass for fresh ones
		clear(ix.seen)
		ix.seenGen = 1
	}
	toks := ix.toks[:0]
	inTitle := uint32(1)
	visit := func(ev *event) {
		switch ev.kind {
		case evBreak:
			toks = append(toks, fwdBreak)
			return
		case evJoined:
			toks = append(toks, fwdJoin, byte(ev.span))
		}
		id := ix.intern(ev.word)
		if ev.kind == evWord {
			ix.plain[id] = true
		} else {
			ix.joined[id] = true
		}
		toks = binary.AppendUvarint(toks, uint64(id)+fwdWord)
		ix.nWords++
		if ix.seen[id] == ix.seenGen {
			return
		}
		ix.seen[id] = ix.seenGen
		ix.nPost++
		ix.addPostingOf(id, slot<<1|inTitle)
		if inTitle == 1 {
			list := ix.tpost[id]
			ix.addPosting(&list, slot<<1|1)
			ix.tpost[id] = list
		}
	}
	ix.tz.run(d.Title, visit)
	toks = append(toks, fwdField)
	inTitle = 0
	ix.tz.run(d.Text, visit)
	if ix.lazy&(1<<uint(d.Kind)) != 0 {
		e.text = "" // read back through loadText for a snippet
	}
	// Exactly sized: a slice grown by appending holds up to twice its length,
	// and the forward lists are the biggest part of the index.
	if cap(e.toks) >= len(toks) && cap(e.toks) <= len(toks)+len(toks)/4+4 {
		e.toks = append(e.toks[:0], toks...)
	} else {
		e.toks = slices.Clone(toks)
	}
	ix.toks = toks[:0]

	if d.Title != "" {
		g, ok := ix.titleByStr[d.Title]
		if !ok {
			g = uint32(len(ix.titles))
			tg := newTitleGroup(d.Title, &ix.tz)
			ix.titles = append(ix.titles, tg)
			ix.titleByStr[d.Title] = g
			ix.titleByNorm[tg.norm] = append(ix.titleByNorm[tg.norm], g)
		}
		ix.titles[g].members = append(ix.titles[g].members, slot)
		e.group = int32(g)
	}
}

func (ix *Index) addPosting(list *[]uint32, p uint32) {
	if n := len(*list); n == 0 || (*list)[n-1]>>1 < p>>1 {
		*list = append(*list, p)
		return
	}
	i := searchSlot(*list, p>>1) // a reused slot lands in the middle
	*list = slices.Insert(*list, i, p)
}

func removePosting(list *[]uint32, slot uint32) bool {
	if i := searchSlot(*list, slot); i < len(*list) && (*list)[i]>>1 == slot {
		*list = slices.Delete(*list, i, i+1)
		return true
	}
	return false
}

func (ix *Index) removeSlot(slot uint32) {
	e := &ix.docs[slot]
	if !e.live {
		return
	}
	inTitle := true
	for k := 0; k < len(e.toks); {
		var t uint32
		t, k = fwdNext(e.toks, k)
		switch t {
		case fwdField:
			inTitle = false
			continue
		case fwdBreak:
			continue
		case fwdJoin:
			t, k = fwdNext(e.toks, k+1)
		}
		t -= fwdWord
		ix.nWords--
		if ix.removePostingOf(t, slot) {
			ix.nPost--
		}
		if list, ok := ix.tpost[t]; inTitle && ok {
			removePosting(&list, slot)
			if len(list) == 0 {
				delete(ix.tpost, t)
			} else {
				ix.tpost[t] = list
			}
		}
	}
	if e.group >= 0 {
		g := &ix.titles[e.group]
		if i := slices.Index(g.members, slot); i >= 0 {
			g.members = slices.Delete(g.members, i, i+1)
		}
	}
	ix.fw[slot] = [2]float32{}
	ix.live--
	*e = entry{toks: e.toks[:0], group: -1}
}

// searchSlot is the index of the first posting whose slot is >= slot.
func searchSlot(list []uint32, slot uint32) int {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m]>>1 < slot {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// intern returns the id of a normalised word, adding it to the vocabulary.
func (ix *Index) intern(w []byte) uint32 {
	if id, ok := ix.wordIDs.findBytes(ix.words, w); ok {
		return id
	}
	s := string(w)
	id := uint32(len(ix.words))
	ix.words = append(ix.words, s)
	ix.wordIDs.add(ix.words)
	ix.post = append(ix.post, nil)
	ix.dense = append(ix.dense, nil)
	ix.seen = append(ix.seen, 0)
	ix.plain = append(ix.plain, false)
	ix.joined = append(ix.joined, false)
	if !ix.building {
		i := ix.lowerBound(s)
		ix.sorted = slices.Insert(ix.sorted, i, id)
	}
	return id
}

// lowerBound is the first position in the sorted vocabulary whose word is >= s.
func (ix *Index) lowerBound(s string) int {
	lo, hi := 0, len(ix.sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.words[ix.sorted[m]] < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// The weights that make a title match outrank a heading match, and both a
// passage match. A note is the reader's own words: a little above the book.
func titleWeight(k Kind) float32 {
	switch k {
	case Topic:
		return 4
	case Section, Term, Bookmark:
		return 3
	}
	return 2
}

const maxTextWeight = 1.1

func textWeight(k Kind) float32 {
	if k == Note || k == Highlight {
		return maxTextWeight
	}
	return 1
}

func newTitleGroup(title string, tz *tokenizer) titleGroup {
	g := titleGroup{title: title, norm: normWords(title, tz)}
	var prev rune
	for i, r := range title {
		g.mask |= runeBit(r)
		if isWordStart(prev, r, i) {
			g.initials |= runeBit(r)
		}
		prev = r
	}
	return g
}

// normWords is s as lower-case words joined by single spaces.
func normWords(s string, tz *tokenizer) string {
	var b strings.Builder
	tz.run(s, func(ev *event) {
		if ev.kind != evWord {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(ev.word)
	})
	return b.String()
}

// isWordStart says whether r, at byte i after prev, begins a word: the start,
// after a non-word rune, or a camel-case hump ("AlphaFold").
func isWordStart(prev, r rune, i int) bool {
	if !isWordRune(r) {
		return false
	}
	return i == 0 || !isWordRune(prev) || unicode.IsLower(prev) && unicode.IsUpper(r)
}

// runeBit maps a rune to one of 64 bits so that runes sahilm/fuzzy treats as
// equal (it folds case) share a bit. A title whose mask lacks a bit of the
// pattern's mask cannot match it.
func runeBit(r rune) uint64 {
	switch {
	case r == 0x212A: // Kelvin sign folds to k
		r = 'k'
	case r == 0x17F: // long s folds to s
		r = 's'
	case r >= utf8.RuneSelf:
		return 1 << 63
	}
	switch {
	case 'a' <= r && r <= 'z':
		return 1 << (r - 'a')
	case 'A' <= r && r <= 'Z':
		return 1 << (r - 'A')
	case '0' <= r && r <= '9':
		return 1 << (26 + r - '0')
	case r == ' ':
		return 1 << 36
	}
	return 1 << (37 + r%26)
}
