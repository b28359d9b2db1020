package search

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// toksChunk is the size of the blocks Compact cuts forward lists from.
const toksChunk = 64 << 10

// Compact renumbers the vocabulary so that the words the most documents hold
// get the smallest ids, and re-encodes every forward list with them. Ids are
// given in order of first sight, so the words of the reader's notes, seen
// after the book's, mostly took two bytes a word; after Compact the commonest
// hundred or so take one; and the words most documents hold keep their
// postings as bits (dense.go). At 100,000 notes it runs once, after they are all
// indexed, in about a quarter of a second; searches go on meanwhile (the new
// lists are made under the read lock and swapped in at the end) and give the
// same answers before and after.
func (ix *Index) Compact() {
	ix.wmu.Lock() // no change may come between the reading and the swap
	defer ix.wmu.Unlock()

	ix.mu.RLock()
	n := len(ix.words)
	order := make([]uint32, n) // new id → old id
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortStableFunc(order, func(a, b uint32) int { return cmp.Compare(ix.count(b), ix.count(a)) })
	newID := make([]uint32, n) // old id → new id
	moved := false
	for nw, old := range order {
		newID[old] = uint32(nw)
		moved = moved || uint32(nw) != old
	}
	if !moved {
		ix.mu.RUnlock()
		ix.mu.Lock()
		ix.densify()
		ix.mu.Unlock()
		return
	}
	words := make([]string, n)
	post, dense := make([][]uint32, n), make([]*denseList, n)
	tpost := make(map[uint32][]uint32, len(ix.tpost))
	for old, list := range ix.tpost {
		tpost[newID[old]] = list
	}
	plain, joined := make([]bool, n), make([]bool, n)
	seen := make([]uint32, n)
	for nw, old := range order {
		words[nw], post[nw], dense[nw] = ix.words[old], ix.post[old], ix.dense[old]
		plain[nw], joined[nw], seen[nw] = ix.plain[old], ix.joined[old], ix.seen[old]
	}
	sorted := make([]uint32, len(ix.sorted))
	for i, id := range ix.sorted {
		sorted[i] = newID[id]
	}
	toks := make([][]byte, len(ix.docs))
	var buf, chunk []byte
	for slot := range ix.docs {
		old := ix.docs[slot].toks
		if len(old) == 0 {
			continue
		}
		buf = buf[:0]
		for k := 0; k < len(old); {
			t, next := fwdNext(old, k)
			switch t {
			case fwdBreak, fwdField:
				buf = append(buf, byte(t))
			case fwdJoin: // the code, then the span as a byte; the joined form's id follows
				buf = append(buf, fwdJoin, old[next])
				next++
			default:
				buf = binary.AppendUvarint(buf, uint64(newID[t-fwdWord])+fwdWord)
			}
			k = next
		}
		// Exactly sized, as addDoc leaves them, and cut from shared chunks:
		// one allocation a list rounds each up to a size class (1.2 MB at
		// 100,000 notes). The full slice expression keeps a later
		// addDoc, which may rewrite a list in place, inside its own bytes.
		if cap(chunk)-len(chunk) < len(buf) {
			chunk = make([]byte, 0, max(toksChunk, len(buf)))
		}
		at := len(chunk)
		chunk = append(chunk, buf...)
		toks[slot] = chunk[at:len(chunk):len(chunk)]
	}
	ix.mu.RUnlock()

	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.words, ix.post, ix.tpost, ix.dense, ix.plain, ix.joined, ix.seen, ix.sorted = words, post, tpost, dense, plain, joined, seen, sorted
	ix.wordIDs.rebuild(ix.words, len(ix.wordIDs.slots))
	for slot, t := range toks {
		if t != nil {
			ix.docs[slot].toks = t
		}
	}
	if cap(ix.docs) > len(ix.docs)+len(ix.docs)/64 {
		ix.docs = slices.Clone(ix.docs) // appending left up to a quarter unused
	}
	ix.densify()
}
