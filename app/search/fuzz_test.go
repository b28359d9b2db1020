package search_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"roadmapreader/app/search"
)

func FuzzSearch(f *testing.F) {
	for _, seed := range []struct{ query, text string }{
		{"pts", "Pipeline parallelism."},
		{"gpt-3", "GPT-3 (2020) had 175B parameters."},
		{`"pipeline parallelism"`, "a\nb • c"},
		{"tranformer", "Transformers e.g. BERT. Kaplan et al. showed"},
		{"zzqxv", ""},
		{"---", "---"},
		{`"`, `""`},
		{"a b c d e f g h i j k l m n", "é ü ß Ω 𝔘 \x00 \xff"},
		{"\xff\xfe", "\u2028\u0301e"},
	} {
		f.Add(seed.query, seed.text)
	}
	base := corpus()
	f.Fuzz(func(t *testing.T, query, text string) {
		docs := append(base[:len(base):len(base)],
			search.Doc{ID: "fuzz:text", Kind: search.Passage, Text: text},
			search.Doc{ID: "fuzz:title", Kind: search.Bookmark, Title: text})
		ix := search.NewIndex(docs)
		ix.Upsert(search.Doc{ID: "fuzz:note", Kind: search.Note, Text: query + " " + text})
		const limit = 7
		r := ix.Search(context.Background(), query, limit)
		if len(r.Results) > limit {
			t.Fatalf("%d results, limit %d", len(r.Results), limit)
		}
		for i, res := range r.Results {
			if i > 0 && res.Score > r.Results[i-1].Score {
				t.Fatalf("results not sorted by score: %v after %v", res.Score, r.Results[i-1].Score)
			}
			switch res.Match {
			case "exact", "prefix", "fuzzy", "title":
			default:
				t.Fatalf("Match = %q", res.Match)
			}
			last := 0
			for _, m := range res.Marks {
				if m[0] < last || m[0] >= m[1] || m[1] > len(res.Snippet) {
					t.Fatalf("mark %v out of order or outside snippet %q (%v)", m, res.Snippet, res.Marks)
				}
				last = m[1]
			}
			if utf8.ValidString(text) && utf8.ValidString(query) && !utf8.ValidString(res.Snippet) {
				t.Fatalf("snippet %q of valid text is not valid UTF-8", res.Snippet)
			}
		}
		ix.Remove("fuzz:note")
		ix.Remove("fuzz:text")
		ix.Search(context.Background(), query, limit)
	})
}
