package search

import (
	"slices"
	"strings"
)

// UpsertMany adds or replaces many documents in one pass: new words are
// sorted into the vocabulary once at the end instead of one insertion each,
// so an import of many new words takes time linear in its size, not
// quadratic.
func (ix *Index) UpsertMany(docs []Doc) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	before := len(ix.words)
	ix.building = true
	for _, d := range docs {
		ix.upsert(d)
	}
	ix.building = false
	ix.mergeIDs()
	if len(ix.words) == before {
		return
	}
	added := make([]uint32, 0, len(ix.words)-before)
	for id := before; id < len(ix.words); id++ {
		added = append(added, uint32(id))
	}
	byWord := func(a, b uint32) int { return strings.Compare(ix.words[a], ix.words[b]) }
	slices.SortFunc(added, byWord)
	merged := make([]uint32, 0, len(ix.sorted)+len(added))
	i, j := 0, 0
	for i < len(ix.sorted) && j < len(added) {
		if byWord(ix.sorted[i], added[j]) <= 0 {
			merged = append(merged, ix.sorted[i])
			i++
		} else {
			merged = append(merged, added[j])
			j++
		}
	}
	merged = append(merged, ix.sorted[i:]...)
	ix.sorted = append(merged, added[j:]...)
}
