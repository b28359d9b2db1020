package search

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// The byte filter for quoted phrases turns candidates away without walking
// them; it must never turn away a list where the words do stand side by
// side, joined compounds and sentence breaks included.
func TestQuotedPhraseFilterKeepsEveryMatch(t *testing.T) {
	docs := []Doc{
		{ID: "plain", Kind: Note, Text: "a chain of thought helps reasoning"},
		{ID: "apart", Kind: Note, Text: "thought comes before the chain"},
		{ID: "break", Kind: Note, Text: "the last link in the chain. Thought follows"},
		{ID: "joined-after", Kind: Note, Text: "the Wu-Dao model was large"},
		{ID: "joined-word", Kind: Note, Text: "the WuDao model was large"},
		{ID: "parts", Kind: Note, Text: "we read the wu dao paper"},
		{ID: "gpt", Kind: Note, Text: "then GPT-3 model results"},
		{ID: "other", Kind: Note, Text: "a model of the dao was drawn by wu"},
	}
	ix := NewIndex(docs)
	tests := []struct {
		query string
		want  []string
	}{
		{`"chain of thought"`, []string{"plain"}},
		{`"chain thought"`, nil},
		// a compound's joined form sits between its last part and the next word
		{`"dao model"`, []string{"joined-after"}},
		{`"3 model"`, []string{"gpt"}},
		{`"then gpt"`, []string{"gpt"}},
		{`"then gpt3"`, []string{"gpt"}},
		{`"wudao model"`, []string{"joined-after", "joined-word"}},
		{`"the wudao"`, []string{"joined-after", "joined-word"}},
		{`"wu dao"`, []string{"joined-after", "parts"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range ix.Search(context.Background(), tt.query, 50).Results {
			got = append(got, r.Doc.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

// The filter does turn away a list that lacks the pair, before any walk.
func TestQuotedPhraseFilterTurnsAwayListsWithoutThePair(t *testing.T) {
	ix := NewIndex([]Doc{
		{ID: "has", Kind: Note, Text: "reasoning chain thought"},
		{ID: "lacks", Kind: Note, Text: "thought chain reasoning"},
	})
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	q := parseQuery(`"reasoning chain"`, &sc.tz)
	sc.reset(len(ix.docs), len(ix.words))
	for i := range q.words {
		ix.expand(sc, &q, i)
	}
	if !ix.preparePhrase(sc, &q, q.required()) {
		t.Fatal("no pattern for two plain words")
	}
	for _, tt := range []struct {
		id   string
		want bool
	}{{"has", true}, {"lacks", false}} {
		slot, _ := ix.slotOf(tt.id)
		if got := sc.mayHoldPhrase(ix.docs[slot].toks); got != tt.want {
			t.Errorf("%s: mayHoldPhrase = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// Past phraseParallelFrom candidates the filter runs on every core; it finds
// the same few documents among thousands that hold the words apart.
func TestQuotedPhraseOverManyCandidates(t *testing.T) {
	var docs []Doc
	want := map[string]bool{}
	for i := range 2*phraseParallelFrom + 7 {
		id := fmt.Sprintf("n%d", i)
		text := "chain of links and reasoning apart"
		if i%997 == 0 {
			text = "careful reasoning chain here"
			want[id] = true
		}
		docs = append(docs, Doc{ID: id, Kind: Note, Text: text})
	}
	ix := NewIndex(docs)
	got := map[string]bool{}
	for _, r := range ix.Search(context.Background(), `"reasoning chain"`, 100).Results {
		got[r.Doc.ID] = true
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("found %d documents, want the %d that hold the phrase", len(got), len(want))
	}
}
