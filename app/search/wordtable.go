package search

import "hash/maphash"

// wordTable finds a word's id from its spelling: open addressing over the
// ids themselves, the spelling read back from ix.words. It holds every id
// from 0 up: words join the vocabulary one at a time and never leave it. A Go map from
// spelling to id took about 37 bytes a word (each key a string header); at
// 100,000 notes the vocabulary is over 100,000 words, and this takes about
// 6 bytes a word.
type wordTable struct {
	slots []uint32 // id+1; 0 is empty; a power of two long
	n     int
	seed  maphash.Seed
}

// find is the id of w, reading spellings from words.
func (t *wordTable) find(words []string, w string) (uint32, bool) {
	if len(t.slots) == 0 { // and no seed yet
		return 0, false
	}
	return probe(t, words, w, maphash.String(t.seed, w))
}

// findBytes is find for a word in a buffer, without making a string of it.
func (t *wordTable) findBytes(words []string, w []byte) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	return probe(t, words, w, maphash.Bytes(t.seed, w))
}

// probe walks the slots from w's hash h to w's id or an empty slot.
func probe[W string | []byte](t *wordTable, words []string, w W, h uint64) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if words[s-1] == string(w) {
			return s - 1, true
		}
	}
}

// add takes in the newest word, words[len(words)-1].
func (t *wordTable) add(words []string) {
	if (t.n+1)*4 > len(t.slots)*3 { // keep it at most three quarters full
		t.rebuild(words, max(64, len(t.slots)*2))
	}
	t.put(words[t.n], uint32(t.n))
	t.n++
}

func (t *wordTable) put(w string, id uint32) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.String(t.seed, w) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = id + 1
}

// rebuild lays the table out again, size slots long, for the words it
// holds, spelled by words (after Compact renumbers them, the same words
// under their new ids).
func (t *wordTable) rebuild(words []string, size int) {
	if t.seed == (maphash.Seed{}) {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]uint32, size)
	for id := range t.n {
		t.put(words[id], uint32(id))
	}
}

// wordID is the id of a word in the vocabulary.
func (ix *Index) wordID(w string) (uint32, bool) { return ix.wordIDs.find(ix.words, w) }
