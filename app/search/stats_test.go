package search

import "unsafe"

// Stats and Index.Stats measure the index for tests and benchmarks only.

// Stats describes the size of an index.
type Stats struct {
	Docs       int // live documents
	Words      int // word occurrences indexed (joined forms of compounds included)
	Vocabulary int // distinct normalised words
	Postings   int // (word, document) pairs
	Bytes      int // approximate memory held by the index, documents' own strings included
	TextBytes  int // of which the documents' strings
}

// Stats reports the size of the index.
func (ix *Index) Stats() Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	st := Stats{Docs: ix.live, Words: ix.nWords, Vocabulary: len(ix.words), Postings: ix.nPost}
	const hdr = 24 // a slice header; a string header is 16
	b := 0
	for i := range ix.docs {
		e := &ix.docs[i]
		st.TextBytes += len(e.id) + len(e.title) + len(e.text)
		b += cap(e.toks)
	}
	for _, pl := range ix.places {
		st.TextBytes += len(pl.topic) + len(pl.section) + len(pl.path)
	}
	b += cap(ix.docs)*int(unsafe.Sizeof(entry{})) + cap(ix.fw)*8 + cap(ix.places)*int(unsafe.Sizeof(place{}))
	b += cap(ix.ids) * 4
	for _, w := range ix.words {
		b += len(w) + 16 + 16 + 4 + 16 // the string, its header in words and in the map, the id, map overhead
	}
	for id := range ix.post {
		b += hdr + cap(ix.post[id])*4
	}
	for _, list := range ix.tpost {
		b += 4 + hdr + cap(list)*4 + 16 // key, value, list, map overhead
	}
	b += cap(ix.sorted)*4 + cap(ix.seen)*4 + cap(ix.plain)
	for _, g := range ix.titles {
		b += 16*2 + len(g.norm) + 16 + hdr + cap(g.members)*4 + 16
	}
	st.Bytes = b + st.TextBytes
	return st
}
