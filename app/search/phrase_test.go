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
		{ID: "run", Kind: Note, Text: "the reasoning chain thought again"},
		{ID: "run-joined", Kind: Note, Text: "a reasoning chain-thought step"},
		{ID: "pairs-apart", Kind: Note, Text: "reasoning chain here, chain thought later"},
		{ID: "pairs-apart-joined", Kind: Note, Text: "reasoning chain here, chain thought later, Wu-Dao"},
		{ID: "pairs-apart-thoughts", Kind: Note, Text: "reasoning chain here, chain thoughts later"},
		{ID: "wudao-apart", Kind: Note, Text: "the Wu-Dao paper; a Wu-Dao model"},
		{ID: "theory", Kind: Note, Text: "theory wudao"},
	}
	ix := NewIndex(docs)
	tests := []struct {
		query string
		want  []string
	}{
		{`"chain of thought"`, []string{"plain"}},
		{`"chain thought"`, []string{"pairs-apart", "pairs-apart-joined", "run", "run-joined"}},
		{`"chain thought`, []string{"pairs-apart", "pairs-apart-joined", "pairs-apart-thoughts", "run", "run-joined"}}, // still typing: longer words too
		{`"the wudao"`, []string{"joined-after", "joined-word", "wudao-apart"}},                                        // not "theory"
		{`"thought chain"`, nil},
		// a compound's joined form sits between its last part and the next word
		{`"dao model"`, []string{"joined-after", "wudao-apart"}},
		{`"3 model"`, []string{"gpt"}},
		{`"then gpt"`, []string{"gpt"}},
		{`"then gpt3"`, []string{"gpt"}},
		{`"wudao model"`, []string{"joined-after", "joined-word", "wudao-apart"}},
		{`"the wudao model"`, []string{"joined-after", "joined-word"}}, // each pair in wudao-apart, not the three in a row
		{`"wu dao"`, []string{"joined-after", "pairs-apart-joined", "parts", "wudao-apart"}},
		// three words: each pair somewhere is not the phrase
		{`"reasoning chain thought"`, []string{"run", "run-joined"}},
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

// The filter does turn away a list that lacks the pair, or for a longer
// phrase holds its pairs only apart, join codes or not, before any walk.
func TestQuotedPhraseFilterTurnsAwayListsWithoutThePair(t *testing.T) {
	ix := NewIndex([]Doc{
		{ID: "has", Kind: Note, Text: "reasoning chain thought"},
		{ID: "lacks", Kind: Note, Text: "thought chain reasoning"},
		{ID: "apart", Kind: Note, Text: "reasoning chain here, chain thought later"},
		{ID: "apart-joined", Kind: Note, Text: "reasoning chain here, chain thought later, Wu-Dao"},
		{ID: "across-join", Kind: Note, Text: "the Wu-Dao reasoning chain"},
	})
	for _, tt := range []struct {
		query, id string
		want      bool
	}{
		{`"reasoning chain"`, "has", true},
		{`"reasoning chain"`, "lacks", false},
		{`"reasoning chain thought"`, "has", true},
		{`"reasoning chain thought"`, "lacks", false},
		{`"reasoning chain thought"`, "apart", false},
		{`"reasoning chain thought"`, "apart-joined", false},
		{`"dao reasoning chain"`, "across-join", true}, // [dao][join span wudao][reasoning][chain]
		{`"dao reasoning chain"`, "apart-joined", false},
		{`"dao reasoning"`, "across-join", true},
	} {
		sc := ix.getScratch()
		q := parseQuery(tt.query, &sc.tz)
		sc.reset(len(ix.docs), len(ix.words))
		for i := range q.words {
			ix.expand(sc, &q, i)
		}
		if !ix.preparePhrase(sc, &q, q.required()) {
			t.Fatalf("%s: no pattern for plain words", tt.query)
		}
		slot, _ := ix.slotOf(tt.id)
		if got := sc.mayHoldPhrase(ix.docs[slot].toks); got != tt.want {
			t.Errorf("%s in %s: mayHoldPhrase = %v, want %v", tt.query, tt.id, got, tt.want)
		}
		ix.putScratch(sc)
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
