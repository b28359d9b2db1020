package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"roadmapreader/app/search"
)

// commonWords is a library where every document holds the words alpha,
// beta and gamma, far apart, and one holds them side by side: more
// candidates for the neighbour bonus than one query may walk.
func commonWords(n int, phraseAt int) []search.Doc {
	docs := make([]search.Doc, 0, n)
	for i := range n {
		var b strings.Builder
		for k := range 150 {
			fmt.Fprintf(&b, "w%d ", (i*7+k)%400)
			switch k {
			case 10:
				b.WriteString("alpha ")
			case 70:
				b.WriteString("beta ")
			case 130:
				b.WriteString("gamma ")
			}
		}
		if i == phraseAt {
			b.WriteString("alpha beta gamma and some more words to make it longest")
		}
		docs = append(docs, search.Doc{ID: fmt.Sprint("note:", i), Kind: search.Note, Text: b.String(), Block: -1})
	}
	return docs
}

func TestCommonWordsKeepTheirResults(t *testing.T) {
	const n = 20000
	ctx := context.Background()

	// A quoted phrase is checked in every candidate: the one document that
	// holds it is found, however late, and no other is.
	ix := search.NewIndex(commonWords(n, n-1))
	got := ids(ix.Search(ctx, `"alpha beta gamma"`, 20).Results)
	if want := fmt.Sprint("note:", n-1); len(got) != 1 || got[0] != want {
		t.Fatalf(`"alpha beta gamma" = %v, want only %s`, got, want)
	}

	// Unquoted, every document holds the words: the top is full, and the
	// document with the words side by side leads (it is short enough to be
	// walked within the budget; the rest rank by their words alone).
	ix = search.NewIndex(commonWords(n, 0))
	res := ix.Search(ctx, "alpha beta gamma", 20).Results
	if len(res) != 20 {
		t.Fatalf("alpha beta gamma: %d results, want 20", len(res))
	}
	if res[0].Doc.ID != "note:0" || !(res[0].Score > res[1].Score) {
		t.Errorf("alpha beta gamma: first %s (%.3f), second %s (%.3f); want note:0 ahead", res[0].Doc.ID, res[0].Score, res[1].Doc.ID, res[1].Score)
	}
	for _, r := range res {
		if r.Match != "exact" {
			t.Errorf("%s matched %q, want exact", r.Doc.ID, r.Match)
		}
	}
}
