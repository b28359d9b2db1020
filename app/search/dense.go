package search

import "math/bits"

// A word most documents hold ("the", "model"; at 100,000 notes a note's
// commonest words) costs four bytes a document as a posting list: 36 MB for
// the generated notes' 110 words. Such a word's postings are kept as bits
// instead, one a document slot (and one more for the slots whose title holds
// it, made only if one does): an eighth of a byte a document. Compact turns a
// word's list into bits once the word is that common; the other words keep
// their lists.

// denseFrom: a word held by at least one slot in denseFrom is kept as bits.
const denseFrom = 16

// denseList is a word's postings as bits.
type denseList struct {
	has, title []uint64 // bit per document slot
	n          int      // documents holding the word
}

func newDenseList(list []uint32) *denseList {
	d := &denseList{}
	for _, p := range list {
		d.add(p)
	}
	return d
}

func setBit(b []uint64, slot uint32) []uint64 {
	w := int(slot / 64)
	if w >= len(b) {
		b = append(b, make([]uint64, w+1-len(b))...)
	}
	b[w] |= 1 << (slot % 64)
	return b
}

func hasBit(b []uint64, slot uint32) bool {
	w := int(slot / 64)
	return w < len(b) && b[w]&(1<<(slot%64)) != 0
}

func clearBit(b []uint64, slot uint32) {
	if w := int(slot / 64); w < len(b) {
		b[w] &^= 1 << (slot % 64)
	}
}

// add takes a posting, slot<<1 | inTitle.
func (d *denseList) add(p uint32) {
	slot := p >> 1
	if !hasBit(d.has, slot) {
		d.has = setBit(d.has, slot)
		d.n++
	}
	if p&1 != 0 {
		d.title = setBit(d.title, slot)
	}
}

// remove reports whether the slot held the word.
func (d *denseList) remove(slot uint32) bool {
	if !hasBit(d.has, slot) {
		return false
	}
	clearBit(d.has, slot)
	clearBit(d.title, slot)
	d.n--
	return true
}

// appendTo appends the postings, slot<<1 | inTitle, by ascending slot, as a
// list holds them.
func (d *denseList) appendTo(out []uint32) []uint32 {
	title := d.title
	for w, word := range d.has {
		var tw uint64
		if w < len(title) {
			tw = title[w]
		}
		base := uint32(w * 64)
		for word != 0 {
			b := uint32(bits.TrailingZeros64(word))
			word &= word - 1
			out = append(out, (base+b)<<1|uint32(tw>>b&1))
		}
	}
	return out
}

// count is how many documents hold word id.
func (ix *Index) count(id uint32) int {
	if d := ix.dense[id]; d != nil {
		return d.n
	}
	return len(ix.post[id])
}

// postings is the posting list of word id, by ascending slot: the list
// itself, or a dense word's bits written out into *buf (valid until the next
// call with the same buf).
func (ix *Index) postings(id uint32, buf *[]uint32) []uint32 {
	if d := ix.dense[id]; d != nil {
		*buf = d.appendTo((*buf)[:0])
		return *buf
	}
	return ix.post[id]
}

// addPostingOf records that slot holds word id (p is slot<<1 | inTitle).
func (ix *Index) addPostingOf(id, p uint32) {
	if d := ix.dense[id]; d != nil {
		d.add(p)
		return
	}
	ix.addPosting(&ix.post[id], p)
}

// removePostingOf reports whether slot held word id.
func (ix *Index) removePostingOf(id, slot uint32) bool {
	if d := ix.dense[id]; d != nil {
		return d.remove(slot)
	}
	return removePosting(&ix.post[id], slot)
}

// densify keeps as bits the lists of the words held by one slot in denseFrom
// or more; the write lock is held.
func (ix *Index) densify() {
	slots := len(ix.docs)
	for id, list := range ix.post {
		if ix.dense[id] == nil && len(list) > 0 && len(list)*denseFrom >= slots {
			ix.dense[id] = newDenseList(list)
			ix.post[id] = nil
		}
	}
}
