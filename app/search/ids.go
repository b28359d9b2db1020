package search

import (
	"slices"
	"strings"
)

// The index finds a document by its id through ix.ids: the live slots in
// the order of their documents' ids, searched by halves. That is 4 bytes a
// document where a map from id to slot took about 56 (5.6 MB at 100,000
// notes). While a batch is added (ix.building) its new ids wait in a small
// map and are merged in once, at the end, so a batch costs one pass over the
// list rather than one insertion a document.

// slotOf is the slot of the document id.
func (ix *Index) slotOf(id string) (uint32, bool) {
	if slot, ok := ix.newIDs[id]; ok {
		return slot, true
	}
	if i, ok := ix.findID(id); ok {
		return ix.ids[i], true
	}
	return 0, false
}

func (ix *Index) findID(id string) (int, bool) {
	return slices.BinarySearchFunc(ix.ids, id, func(slot uint32, id string) int {
		return strings.Compare(ix.docs[slot].id, id)
	})
}

// addID records that slot holds a new document, whose id is in its entry.
func (ix *Index) addID(slot uint32) {
	id := ix.docs[slot].id
	if ix.building {
		if ix.newIDs == nil {
			ix.newIDs = map[string]uint32{}
		}
		ix.newIDs[id] = slot
		return
	}
	i, _ := ix.findID(id)
	ix.ids = slices.Insert(ix.ids, i, slot)
}

// dropID forgets the document id; its entry must still hold it.
func (ix *Index) dropID(id string) {
	if _, ok := ix.newIDs[id]; ok {
		delete(ix.newIDs, id)
		return
	}
	if i, ok := ix.findID(id); ok {
		ix.ids = slices.Delete(ix.ids, i, i+1)
	}
}

// mergeIDs puts the ids a batch added in their places in ix.ids, merging
// from the end so nothing moves twice.
func (ix *Index) mergeIDs() {
	if len(ix.newIDs) == 0 {
		ix.newIDs = nil
		return
	}
	added := make([]uint32, 0, len(ix.newIDs))
	for _, slot := range ix.newIDs {
		added = append(added, slot)
	}
	ix.newIDs = nil
	less := func(a, b uint32) bool { return ix.docs[a].id < ix.docs[b].id }
	slices.SortFunc(added, func(a, b uint32) int { return strings.Compare(ix.docs[a].id, ix.docs[b].id) })
	i := len(ix.ids) - 1
	ix.ids = append(ix.ids, added...)
	for j, k := len(added)-1, len(ix.ids)-1; j >= 0; k-- {
		if i >= 0 && less(added[j], ix.ids[i]) {
			ix.ids[k] = ix.ids[i]
			i--
		} else {
			ix.ids[k] = added[j]
			j--
		}
	}
}
