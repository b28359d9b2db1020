package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"roadmapreader/app/search"
)

// corpus is a small book: enough of every kind of document to test ranking.
func corpus() []search.Doc {
	p := func(id, text string) search.Doc {
		return search.Doc{ID: id, Kind: search.Passage, Text: text, Block: 0}
	}
	return []search.Doc{
		{ID: "topic:pts", Kind: search.Topic, Title: "Parallel Training System", Text: "How one model is trained on thousands of accelerators at once.", Block: -1},
		{ID: "topic:mm", Kind: search.Topic, Title: "Multi-modal Model", Text: "Models that read images and text together.", Block: -1},
		{ID: "topic:data", Kind: search.Topic, Title: "Data", Text: "Where the corpora come from.", Block: -1},
		{ID: "sec:pts#pipeline", Kind: search.Section, Title: "Pipeline parallelism", Block: -1},
		{ID: "sec:pts#data", Kind: search.Section, Title: "Data parallelism", Block: -1},
		{ID: "sec:lm#transformer", Kind: search.Section, Title: "The Transformer", Block: -1},
		p("p:pts#pipeline/0", "Pipeline parallelism places consecutive groups of layers on different devices, and every device then holds one stage of the whole network."),
		p("p:pts#data/0", "Data parallelism copies the model; no pipeline. Parallelism of a kind."),
		p("p:lm#transformer/0", "The Transformer architecture (2017) replaced recurrence with attention. GPT-3 scaled it to 175B parameters."),
		p("p:lm#growth/0", "Transformers grew larger every year."),
		p("p:misc/0", "Methods of training. Often, the experts disagree."),
		{ID: "term:moe", Kind: search.Term, Title: "Mixture of experts", Text: "A layer that routes each token to a few of many expert networks.", Block: -1},
		{ID: "ref:lm/0", Kind: search.Reference, Text: "Vaswani, Shazeer, Parmar, et al. Attention Is All You Need. NeurIPS, 2017.", Block: 0},
		{ID: "note:1", Kind: search.Note, Text: "Remember to compare ZeRO with pipeline schedules.", Block: -1},
		{ID: "bm:1", Kind: search.Bookmark, Title: "Scaling laws", Block: -1},
	}
}

func ids(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Doc.ID
	}
	return out
}

func find(rs []search.Result, id string) (search.Result, int) {
	for i, r := range rs {
		if r.Doc.ID == id {
			return r, i
		}
	}
	return search.Result{}, -1
}

func searchIDs(ix *search.Index, q string) []string {
	return ids(ix.Search(context.Background(), q, 50).Results)
}

func TestShortFieldsMatchQuickSwitcherStyle(t *testing.T) {
	ix := search.NewIndex(corpus())
	tests := []struct{ query, first string }{
		{"pts", "topic:pts"},
		{"PTS", "topic:pts"},
		{"mm", "topic:mm"},
		{"moe", "term:moe"},
		{"scal", "bm:1"},
		{"pipe par", "sec:pts#pipeline"},
		{"data", "topic:data"},
	}
	for _, tt := range tests {
		r := ix.Search(context.Background(), tt.query, 10)
		if len(r.Results) == 0 || r.Results[0].Doc.ID != tt.first {
			t.Errorf("Search(%q) = %v, want %s first", tt.query, ids(r.Results), tt.first)
		}
	}
}

func TestProseNeverMatchesScatteredLetters(t *testing.T) {
	docs := corpus()
	ix := search.NewIndex(docs)
	// "Methods of training. Often, the experts" holds m, o, e in order: the
	// naive matcher finds it, the word index must not.
	if _, i := find(search.Naive(docs, "moe", 50), "p:misc/0"); i < 0 {
		t.Fatal("the naive baseline does not match p:misc/0 for \"moe\": the test below proves nothing")
	}
	for _, q := range []string{"moe", "mtoe", "former", "ipeline"} {
		if slices.Contains(searchIDs(ix, q), "p:misc/0") || (q == "former" && slices.Contains(searchIDs(ix, q), "p:lm#transformer/0")) {
			t.Errorf("Search(%q) matched prose by scattered letters or a word's middle: %v", q, searchIDs(ix, q))
		}
	}
}

func TestEveryQueryWordMustStartAWordOfThePassage(t *testing.T) {
	ix := search.NewIndex(corpus())
	tests := []struct {
		query string
		want  bool // p:lm#transformer/0 matches
	}{
		{"attention recurrence", true},
		{"att rec", true},
		{"recurrence attention", true}, // order is free
		{"attention zebra", false},
		{"attention layer", false},
		{"former", false},
	}
	for _, tt := range tests {
		// With no document holding every word, the results that hold any
		// of them come marked as such (AnyOf); those are not matches.
		resp := ix.Search(context.Background(), tt.query, 50)
		got := slices.Contains(ids(resp.Results), "p:lm#transformer/0") && resp.AnyOf == nil
		if got != tt.want {
			t.Errorf("Search(%q) matches p:lm#transformer/0 = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestPunctuationIsIgnored(t *testing.T) {
	ix := search.NewIndex(corpus())
	for _, q := range []string{"gpt3", "gpt-3", "GPT 3", "gpt", "175b", "gpt-3 scaled"} {
		if !slices.Contains(searchIDs(ix, q), "p:lm#transformer/0") {
			t.Errorf("Search(%q) = %v, want p:lm#transformer/0 (\"GPT-3 scaled it to 175B\")", q, searchIDs(ix, q))
		}
	}
}

func TestRankingOrder(t *testing.T) {
	ix := search.NewIndex(corpus())
	tests := []struct {
		name  string
		query string
		order []string // these must appear in this relative order
	}{
		{"title beats heading beats passage", "data", []string{"topic:data", "sec:pts#data", "p:pts#data/0"}},
		{"exact word beats prefix", "transformer", []string{"sec:lm#transformer", "p:lm#transformer/0", "p:lm#growth/0"}},
		{"adjacent words beat scattered ones", "pipeline parallelism", []string{"sec:pts#pipeline", "p:pts#pipeline/0", "p:pts#data/0"}},
		{"a heading beats a passage on prefixes", "pipe", []string{"sec:pts#pipeline", "p:pts#pipeline/0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchIDs(ix, tt.query)
			last := -1
			for _, id := range tt.order {
				i := slices.Index(got, id)
				if i < 0 || i < last {
					t.Fatalf("Search(%q) = %v, want %v in that order", tt.query, got, tt.order)
				}
				last = i
			}
		})
	}
}

func TestMatchReportsHowTheWordsMatched(t *testing.T) {
	ix := search.NewIndex(corpus())
	tests := []struct{ query, id, match string }{
		{"transformer", "p:lm#transformer/0", "exact"},
		{"transformer", "p:lm#growth/0", "prefix"},
		{"tranformer", "p:lm#transformer/0", "fuzzy"},
		{"trasnformer", "p:lm#transformer/0", "fuzzy"}, // two letters swapped
		{"transformr", "p:lm#growth/0", "fuzzy"},
		{"pts", "topic:pts", "title"},
	}
	for _, tt := range tests {
		r, i := find(ix.Search(context.Background(), tt.query, 50).Results, tt.id)
		if i < 0 || r.Match != tt.match {
			t.Errorf("Search(%q): %s matched %q (at %d), want %q", tt.query, tt.id, r.Match, i, tt.match)
		}
	}
}

func TestQuotedPhraseMustBeAdjacent(t *testing.T) {
	ix := search.NewIndex(corpus())
	loose := searchIDs(ix, "pipeline parallelism")
	quoted := searchIDs(ix, `"pipeline parallelism"`)
	if !slices.Contains(loose, "p:pts#data/0") {
		t.Fatalf("unquoted: %v, want p:pts#data/0 (both words, apart)", loose)
	}
	if slices.Contains(quoted, "p:pts#data/0") || !slices.Contains(quoted, "p:pts#pipeline/0") {
		t.Errorf("quoted: %v, want p:pts#pipeline/0 and not p:pts#data/0", quoted)
	}
}

func TestLengthOnlyBreaksTies(t *testing.T) {
	docs := []search.Doc{
		{ID: "long", Kind: search.Passage, Text: "Sparse experts route tokens, and they do so cheaply at very large scale."},
		{ID: "short", Kind: search.Passage, Text: "Sparse experts route tokens."},
		{ID: "exact-long", Kind: search.Passage, Text: "An expert layer is one of many in a very long sentence about mixtures of experts."},
	}
	ix := search.NewIndex(docs)
	if got := searchIDs(ix, "sparse"); !slices.Equal(got, []string{"short", "long"}) {
		t.Errorf("Search(sparse) = %v, want [short long]", got)
	}
	// An exact word in a longer passage beats a prefix in a shorter one.
	if got := searchIDs(ix, "expert"); len(got) != 3 || got[0] != "exact-long" {
		t.Errorf("Search(expert) = %v, want exact-long first", got)
	}
}

func TestSnippetIsTheSentenceWithTheHitMarked(t *testing.T) {
	long := strings.Repeat("Filler words pad this sentence out ", 10) + "until the keyword zebra appears " + strings.Repeat("and more words follow it ", 10) + "to the end."
	docs := append(corpus(), search.Doc{ID: "p:long", Kind: search.Passage, Text: "First sentence. " + long + " Last sentence."})
	ix := search.NewIndex(docs)
	tests := []struct {
		query, id, snippet string
		marked             []string
	}{
		{"gpt3", "p:lm#transformer/0", "GPT-3 scaled it to 175B parameters.", []string{"GPT-3"}},
		{"atten", "p:lm#transformer/0", "The Transformer architecture (2017) replaced recurrence with attention.", []string{"atten"}},
		{"gpt scaled", "p:lm#transformer/0", "GPT-3 scaled it to 175B parameters.", []string{"GPT", "scaled"}},
		{"pts", "topic:pts", "Parallel Training System", []string{"P", "T", "S"}},
		{"vaswani 2017", "ref:lm/0", "Vaswani, Shazeer, Parmar, et al. Attention Is All You Need. NeurIPS, 2017.", []string{"Vaswani", "2017"}},
	}
	for _, tt := range tests {
		r, i := find(ix.Search(context.Background(), tt.query, 50).Results, tt.id)
		if i < 0 {
			t.Errorf("Search(%q) does not find %s", tt.query, tt.id)
			continue
		}
		if r.Snippet != tt.snippet {
			t.Errorf("Search(%q) snippet = %q, want %q", tt.query, r.Snippet, tt.snippet)
		}
		var marked []string
		for _, m := range r.Marks {
			marked = append(marked, r.Snippet[m[0]:m[1]])
		}
		if !slices.Equal(marked, tt.marked) {
			t.Errorf("Search(%q) marks %q, want %q", tt.query, marked, tt.marked)
		}
	}

	r, i := find(ix.Search(context.Background(), "zebra", 5).Results, "p:long")
	if i < 0 {
		t.Fatal("zebra not found")
	}
	if len(r.Snippet) > 180 || !strings.HasPrefix(r.Snippet, "…") || !strings.HasSuffix(r.Snippet, "…") {
		t.Errorf("snippet of a long sentence = %q (%d bytes), want about 160 bytes cut at both ends", r.Snippet, len(r.Snippet))
	}
	if len(r.Marks) != 1 || r.Snippet[r.Marks[0][0]:r.Marks[0][1]] != "zebra" {
		t.Errorf("snippet %q marks %v, want \"zebra\"", r.Snippet, r.Marks)
	}

	// A long sentence that names a phrase's word early and holds the
	// phrase late shows the phrase.
	ix = search.NewIndex([]search.Doc{{ID: "p:late", Kind: search.Passage, Text: "Reasoning " + strings.Repeat("and other words pad this sentence ", 8) + "until the reasoning chain thought appears " + strings.Repeat("with words after ", 4) + "it."}})
	r, i = find(ix.Search(context.Background(), `"reasoning chain thought"`, 5).Results, "p:late")
	if i < 0 {
		t.Fatal("the phrase is not found")
	}
	if !strings.Contains(r.Snippet, "reasoning chain thought") {
		t.Errorf("snippet %q does not show the phrase", r.Snippet)
	}
}

func TestDidYouMean(t *testing.T) {
	ix := search.NewIndex(corpus())
	tests := []struct {
		query   string
		want    string // first suggestion, "" for none
		results bool
	}{
		{"trasnformer", "transformer", true},
		{"pipeline paralelism", "pipeline parallelism", true},
		{"atention", "attention", true},
		{"zzqxv", "", false},
		{"transformer", "", true},
		{"pts", "", true}, // a clean title hit needs no correction
	}
	for _, tt := range tests {
		r := ix.Search(context.Background(), tt.query, 10)
		got := ""
		if len(r.DidYouMean) > 0 {
			got = r.DidYouMean[0]
		}
		if got != tt.want || (len(r.Results) > 0) != tt.results {
			t.Errorf("Search(%q): did you mean %q with %d results; want %q, results %v", tt.query, r.DidYouMean, len(r.Results), tt.want, tt.results)
		}
	}
}

func TestUpsertAndRemove(t *testing.T) {
	ix := search.NewIndex(corpus())
	before := ix.Stats()
	note := search.Doc{ID: "note:2", Kind: search.Note, Text: "Ask about gradient checkpointing."}

	ix.Upsert(note)
	if got := searchIDs(ix, "checkpointing"); !slices.Equal(got, []string{"note:2"}) {
		t.Fatalf("after Upsert: %v, want [note:2]", got)
	}
	note.Text = "Ask about activation recomputation."
	ix.Upsert(note)
	if got := searchIDs(ix, "checkpointing"); len(got) != 0 {
		t.Errorf("after replacing the note's text, the old word still finds %v", got)
	}
	if got := searchIDs(ix, "recomputation"); !slices.Equal(got, []string{"note:2"}) {
		t.Errorf("after replacing the note's text: %v, want [note:2]", got)
	}
	ix.Remove("note:2")
	ix.Remove("note:unknown")
	if got := searchIDs(ix, "recomputation"); len(got) != 0 {
		t.Errorf("after Remove: %v, want nothing", got)
	}
	if after := ix.Stats(); after.Docs != before.Docs || after.Words != before.Words || after.Postings != before.Postings {
		t.Errorf("Stats after add and remove = %+v, want the counts of %+v", after, before)
	}

	// A removed document's slot is reused; the posting lists must stay in
	// order for later removals to find their entries.
	ix.Remove("p:pts#pipeline/0")
	ix.Upsert(search.Doc{ID: "bm:2", Kind: search.Bookmark, Title: "Pipeline schedules"})
	ix.Upsert(search.Doc{ID: "note:3", Kind: search.Note, Text: "pipeline bubbles"})
	if got := searchIDs(ix, "pipeline"); !slices.Contains(got, "bm:2") || !slices.Contains(got, "note:3") || slices.Contains(got, "p:pts#pipeline/0") {
		t.Errorf("after reuse: %v", got)
	}
	ix.Remove("bm:2")
	ix.Remove("note:1")
	if got := searchIDs(ix, "pipeline"); slices.Contains(got, "bm:2") || slices.Contains(got, "note:1") {
		t.Errorf("removed documents still found: %v", got)
	}
	if d, ok := ix.Doc("note:3"); !ok || d.Text != "pipeline bubbles" {
		t.Errorf("Doc(note:3) = %+v, %v", d, ok)
	}
	if ix.Len() != len(corpus())-2+1 {
		t.Errorf("Len = %d, want %d", ix.Len(), len(corpus())-1)
	}
}

func TestNewIndexKeepsTheLastOfDuplicateIDs(t *testing.T) {
	ix := search.NewIndex([]search.Doc{
		{ID: "a", Kind: search.Passage, Text: "old words"},
		{ID: "a", Kind: search.Passage, Text: "new words"},
	})
	if got := searchIDs(ix, "old"); len(got) != 0 {
		t.Errorf("Search(old) = %v, want nothing", got)
	}
	if got := searchIDs(ix, "new"); !slices.Equal(got, []string{"a"}) {
		t.Errorf("Search(new) = %v, want [a]", got)
	}
}

func TestSearchHonoursCancellation(t *testing.T) {
	ix := search.NewIndex(corpus())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := ix.Search(ctx, "pipeline", 10); len(r.Results) != 0 {
		t.Errorf("a cancelled search returned %v", ids(r.Results))
	}
	if r := ix.Search(context.Background(), "pipeline", 10); len(r.Results) == 0 {
		t.Error("the same search, not cancelled, found nothing")
	}
}

func TestLimit(t *testing.T) {
	var docs []search.Doc
	for i := range 50 {
		docs = append(docs, search.Doc{ID: fmt.Sprint(i), Kind: search.Passage, Text: fmt.Sprintf("common word number %d", i)})
	}
	ix := search.NewIndex(docs)
	for _, tt := range []struct{ limit, want int }{{3, 3}, {0, search.DefaultLimit}, {-1, search.DefaultLimit}, {100, 50}} {
		if got := len(ix.Search(context.Background(), "common", tt.limit).Results); got != tt.want {
			t.Errorf("limit %d: %d results, want %d", tt.limit, got, tt.want)
		}
	}
	// The top 3 by a heap are the first 3 of the full ranking.
	all := searchIDs(ix, "common")
	if top := ids(ix.Search(context.Background(), "common", 3).Results); !slices.Equal(top, all[:3]) {
		t.Errorf("top 3 = %v, want %v", top, all[:3])
	}
}

func TestEmptyQueries(t *testing.T) {
	ix := search.NewIndex(corpus())
	for _, q := range []string{"", "   ", `""`, "\x00"} {
		if r := ix.Search(context.Background(), q, 10); len(r.Results) != 0 || len(r.DidYouMean) != 0 {
			t.Errorf("Search(%q) = %+v, want nothing", q, r)
		}
	}
	empty := search.NewIndex(nil)
	if r := empty.Search(context.Background(), "anything", 10); len(r.Results) != 0 {
		t.Errorf("empty index returned %v", ids(r.Results))
	}
}

func TestSearchWhileUpserting(t *testing.T) {
	ix := search.NewIndex(corpus())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if g == 0 {
					id := fmt.Sprintf("note:%d", i%7)
					ix.Upsert(search.Doc{ID: id, Kind: search.Note, Text: fmt.Sprintf("pipeline note %d", i)})
					if i%3 == 0 {
						ix.Remove(id)
					}
					continue
				}
				r := ix.Search(context.Background(), "pipeline", 5)
				if len(r.Results) == 0 {
					t.Error("pipeline not found while notes change")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestKindString(t *testing.T) {
	want := []string{"topic", "section", "passage", "term", "reference", "note", "bookmark", "highlight"}
	for k, w := range want {
		if got := search.Kind(k).String(); got != w {
			t.Errorf("Kind(%d) = %q, want %q", k, got, w)
		}
	}
	if got := search.Kind(99).String(); got != "unknown" {
		t.Errorf("Kind(99) = %q", got)
	}
}

func TestStatsCountTheIndex(t *testing.T) {
	ix := search.NewIndex([]search.Doc{{ID: "a", Kind: search.Passage, Text: "GPT-3 and GPT-3 again"}})
	st := ix.Stats()
	// gpt, 3, gpt3, and, gpt, 3, gpt3, again
	if st.Docs != 1 || st.Words != 8 || st.Vocabulary != 5 || st.Postings != 5 || st.Bytes <= st.TextBytes {
		t.Errorf("Stats = %+v", st)
	}
}

func TestNaiveRanksBySahilmScore(t *testing.T) {
	docs := corpus()
	rs := search.Naive(docs, "pipeline", 5)
	if len(rs) == 0 || len(rs) > 5 {
		t.Fatalf("Naive returned %d results", len(rs))
	}
	for i, r := range rs {
		if i > 0 && r.Score > rs[i-1].Score {
			t.Errorf("Naive results not sorted: %v then %v", rs[i-1].Score, r.Score)
		}
		for _, m := range r.Marks {
			if m[0] < 0 || m[1] > len(r.Snippet) || m[0] >= m[1] {
				t.Errorf("mark %v outside snippet %q", m, r.Snippet)
			}
		}
	}
}
