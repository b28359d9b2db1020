package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// bookDocs is how many of compactDocs stand for the book.
const bookDocs = 6

// compactDocs is a small library and many notes written from a few words,
// with compounds, tags, sentence breaks and a title or two.
func compactDocs() []Doc {
	docs := []Doc{
		{ID: "t1", Kind: Topic, Title: "Parallel Training System", Text: "how big models are trained on many devices"},
		{ID: "p1", Kind: Passage, Text: "GPT-3 has 175B parameters. The Wu-Dao model was larger."},
		{ID: "p2", Kind: Passage, Text: "Pipeline parallelism splits the layers into stages; tensor parallelism splits each layer."},
		{ID: "s1", Kind: Section, Title: "Mixture of experts (MoE)", Text: "sparse routing sends each token to a few experts"},
		{ID: "s2", Kind: Section, Title: "Reasoning, a chain of thought", Text: "what a model writes before its answer"},
	}
	// the book's vocabulary comes first and is large: the notes' words get
	// ids that take two bytes, as in the window
	var long strings.Builder
	for i := range 400 {
		fmt.Fprintf(&long, "glossaryword%03d ", i)
	}
	docs = append([]Doc{{ID: "g1", Kind: Passage, Text: long.String()}}, docs...)
	words := strings.Fields("the model layer attention pipeline tensor expert routing sparse tokens memory cache reasoning chain thought GPT-3 Wu-Dao")
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 600 {
		var b strings.Builder
		fmt.Fprintf(&b, "Note %d. ", i)
		for range 40 + rng.IntN(40) {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(9) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "#n%d", i%13)
		docs = append(docs, Doc{ID: fmt.Sprintf("note:%d", i), Kind: Note, Text: b.String(), Tags: []string{fmt.Sprintf("n%d", i%13)}})
	}
	return docs
}

var compactQueries = []string{
	"pipeline", "pipe", "tensor parallelism", "reasoning chain thought", `"reasoning chain thought"`, `"chain thought"`,
	"gpt 3", "gpt3", "wudao model", `"dao model"`, "moe", "mixture of experts", "atention", "#n3 memory",
	"in:notes cache -tokens", "pts", "note 42", "expert routing sparse", "reasoning", "chain of thought",
}

func answers(ix *Index) []string {
	var out []string
	for _, q := range compactQueries {
		resp := ix.Search(context.Background(), q, 30)
		out = append(out, fmt.Sprintf("%s → %v %v", q, resp.DidYouMean, resp.AnyOf))
		for _, r := range resp.Results {
			out = append(out, fmt.Sprintf("  %s %.6f %s %q %v", r.Doc.ID, r.Score, r.Match, r.Snippet, r.Marks))
		}
	}
	return out
}

// Compact changes how the forward lists are encoded, never an answer; and
// the index takes changes after it as before.
func TestCompactKeepsEveryAnswer(t *testing.T) {
	docs := compactDocs()
	ix := NewIndex(docs[:bookDocs])
	ix.UpsertMany(docs[bookDocs:]) // the notes arrive after the book, as in the window
	before, size := answers(ix), ix.forwardBytes()
	ix.Compact()
	if got := answers(ix); !reflect.DeepEqual(got, before) {
		for i := range min(len(got), len(before)) {
			if got[i] != before[i] {
				t.Fatalf("answers changed at line %d:\n got %s\nwant %s", i, got[i], before[i])
			}
		}
		t.Fatalf("answers changed: %d lines, want %d", len(got), len(before))
	}
	if after := ix.forwardBytes(); after >= size {
		t.Errorf("forward lists %d bytes after Compact, %d before", after, size)
	}
	for _, w := range []string{"reasoning", "the", "n3"} {
		if id, _ := ix.wordID(w); ix.dense[id] == nil {
			t.Errorf("%q, held by most documents, keeps a list after Compact", w)
		}
	}
	if id, _ := ix.wordID("glossaryword007"); ix.dense[id] != nil {
		t.Error("a word one document holds was made dense")
	}

	// changes after Compact: the same as an index built with them from scratch
	edited := Doc{ID: "note:5", Kind: Note, Text: "a brand new zanzibar note about the pipeline", Tags: []string{"n5"}}
	ix.Upsert(edited)
	ix.Remove("note:7")
	ix.Compact()
	var fresh []Doc
	for _, d := range docs {
		switch d.ID {
		case "note:5":
			fresh = append(fresh, edited)
		case "note:7":
		default:
			fresh = append(fresh, d)
		}
	}
	want := NewIndex(fresh[:bookDocs])
	want.UpsertMany(fresh[bookDocs:])
	for _, q := range []string{"zanzibar", "pipeline", `"reasoning chain"`, "note 7", "reasoning"} {
		got, exp := ix.Search(context.Background(), q, 50), want.Search(context.Background(), q, 50)
		var g, w []string
		for _, r := range got.Results {
			g = append(g, r.Doc.ID)
		}
		for _, r := range exp.Results {
			w = append(w, r.Doc.ID)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s after changes: %v, want %v", q, g, w)
		}
	}
}

// forwardBytes is the size of every forward list, for tests and measurement.
func (ix *Index) forwardBytes() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	total := 0
	for i := range ix.docs {
		total += len(ix.docs[i].toks)
	}
	return total
}

// BenchmarkCompact renumbers a vocabulary of 100,000 notes' words.
func BenchmarkCompact(b *testing.B) {
	docs := compactDocs()
	base := docs[:bookDocs]
	var notes []Doc
	for i := range 100 {
		for _, d := range docs[bookDocs:] {
			d.ID = fmt.Sprintf("%s/%d", d.ID, i)
			notes = append(notes, d)
		}
	}
	for b.Loop() {
		b.StopTimer()
		ix := NewIndex(base)
		ix.UpsertMany(notes)
		b.StartTimer()
		ix.Compact()
	}
}
