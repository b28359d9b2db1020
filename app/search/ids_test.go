package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestDocumentsAreFoundByIDThroughEveryChange adds, replaces and removes
// documents one at a time and in batches (a batch may repeat an id, or
// replace one already there) and checks every id still finds its document.
func TestDocumentsAreFoundByIDThroughEveryChange(t *testing.T) {
	doc := func(id, text string) Doc { return Doc{ID: id, Kind: Note, Text: text} }
	ix := NewIndex([]Doc{doc("p:b", "one"), doc("p:a", "two"), doc("p:b", "three")})
	ix.Upsert(doc("m", "four"))
	ix.UpsertMany([]Doc{doc("c", "five"), doc("p:a", "six"), doc("z", "seven"), doc("c", "eight"), doc("a", "nine")})
	ix.Remove("z")
	ix.Remove("unknown")
	ix.UpsertMany([]Doc{doc("z", "ten"), doc("b", "eleven")})
	ix.Remove("m")
	ix.Upsert(doc("n", "twelve")) // reuses a freed slot

	want := map[string]string{"p:b": "three", "p:a": "six", "c": "eight", "a": "nine", "z": "ten", "b": "eleven", "n": "twelve"}
	for id, text := range want {
		d, ok := ix.Doc(id)
		if !ok || d.Text != text {
			t.Errorf("Doc(%q) = %q, %v; want %q", id, d.Text, ok, text)
		}
	}
	for _, id := range []string{"m", "unknown"} {
		if _, ok := ix.Doc(id); ok {
			t.Errorf("Doc(%q) found a removed or unknown document", id)
		}
	}
	var ids []string
	for _, slot := range ix.ids {
		ids = append(ids, ix.docs[slot].id)
	}
	if !slices.IsSorted(ids) || len(ids) != len(want) || ix.Len() != len(want) {
		t.Errorf("ids %v: want the %d live ids in order", ids, len(want))
	}
	if got := fmt.Sprint(searchIDsOf(ix, "eleven")); got != "[b]" {
		t.Errorf("search eleven = %s, want [b]", got)
	}
}

func searchIDsOf(ix *Index, q string) []string {
	var out []string
	for _, r := range ix.Search(context.Background(), q, 10).Results {
		out = append(out, r.Doc.ID)
	}
	return out
}
