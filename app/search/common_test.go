package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"roadmapreader/app/search"
)

// commonWords is a library where every document holds the words alpha,
// beta and gamma, far apart, and one, the shortest or the longest, holds
// them side by side: more candidates for the neighbour bonus than one query
// may walk.
func commonWords(n int, phraseAt int, shortest bool) []search.Doc {
	docs := make([]search.Doc, 0, n)
	for i := range n {
		var b strings.Builder
		words := 150
		if i == phraseAt && shortest {
			words = 131
		}
		for k := range words {
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
			b.WriteString("alpha beta gamma")
			if !shortest {
				b.WriteString(strings.Repeat(" and some more words", 20))
			}
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
	ix := search.NewIndex(commonWords(n, n-1, false))
	got := ids(ix.Search(ctx, `"alpha beta gamma"`, 20).Results)
	if want := fmt.Sprint("note:", n-1); len(got) != 1 || got[0] != want {
		t.Fatalf(`"alpha beta gamma" = %v, want only %s`, got, want)
	}

	// Unquoted, every document holds the words: the top is full, and the
	// document with the words side by side leads: the shortest is walked
	// first, and the rest may rank by their words alone.
	ix = search.NewIndex(commonWords(n, 0, true))
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
