package search

import (
	"fmt"
	"testing"
)

// After Trim the index holds no scratch for the collector to keep, and the
// next query, growing one again, answers as before.
func TestTrimDropsTheKeptScratch(t *testing.T) {
	var docs []Doc
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprint("p:", i), Kind: Passage, Text: fmt.Sprintf("pipeline stage %d of the attention model", i)})
	}
	ix := NewIndex(docs)
	ask := func() string { return fmt.Sprint(searchIDsOf(ix, "pipeline attention")) }
	before := ask()
	if ix.kept.Load() == nil {
		t.Fatal("no scratch kept after a query")
	}
	ix.Trim()
	if ix.kept.Load() != nil {
		t.Fatal("Trim kept the scratch")
	}
	if after := ask(); after != before {
		t.Errorf("after Trim: %s, want %s", after, before)
	}
}
