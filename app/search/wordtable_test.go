package search

import (
	"fmt"
	"slices"
	"testing"
)

// Every word added is found under its id, by string and by bytes, through
// the table's growth and after the ids are given again (as Compact does);
// a word never added is not found.
func TestWordTableFindsEveryWordItHolds(t *testing.T) {
	var tab wordTable
	var words []string
	for i := range 5000 {
		words = append(words, fmt.Sprintf("w%d", i*7919%100003))
		tab.add(words)
	}
	check := func(when string) {
		t.Helper()
		for id, w := range words {
			if got, ok := tab.find(words, w); !ok || got != uint32(id) {
				t.Fatalf("%s: find(%q) = %d, %v; want %d", when, w, got, ok, id)
			}
			if got, ok := tab.findBytes(words, []byte(w)); !ok || got != uint32(id) {
				t.Fatalf("%s: findBytes(%q) = %d, %v; want %d", when, w, got, ok, id)
			}
		}
		for _, w := range []string{"", "w", "w100003", "x1"} {
			if _, ok := tab.find(words, w); ok {
				t.Errorf("%s: found %q, never added", when, w)
			}
		}
	}
	check("after adding")
	if len(tab.slots)*3 < tab.n*4 {
		t.Errorf("%d words in %d slots: more than three quarters full", tab.n, len(tab.slots))
	}
	slices.Reverse(words) // every word under a new id
	tab.rebuild(words, len(tab.slots))
	check("after renumbering")
}
