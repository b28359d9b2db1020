package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestUpsertManyKeepsTheVocabularySorted(t *testing.T) {
	ix := NewIndex([]Doc{{ID: "a", Kind: Note, Text: "mango kiwi apple"}})
	var docs []Doc
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprintf("n%d", i), Kind: Note, Text: fmt.Sprintf("zeta%03d alpha%03d kiwi", 199-i, i)})
	}
	ix.UpsertMany(docs)
	ix.UpsertMany(docs[:10]) // replacing adds no word
	if len(ix.sorted) != len(ix.words) {
		t.Fatalf("%d sorted, %d words", len(ix.sorted), len(ix.words))
	}
	if !slices.IsSortedFunc(ix.sorted, func(a, b uint32) int { return strings.Compare(ix.words[a], ix.words[b]) }) {
		t.Fatal("vocabulary out of order")
	}
	seen := map[uint32]bool{}
	for _, id := range ix.sorted {
		seen[id] = true
	}
	if len(seen) != len(ix.words) {
		t.Fatal("a word is missing from the sorted vocabulary or listed twice")
	}
	if ix.Len() != 201 {
		t.Fatalf("%d docs", ix.Len())
	}
}
