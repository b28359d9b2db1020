package search_test

import (
	"context"
	"slices"
	"testing"

	"roadmapreader/app/search"
)

// askCorpus holds the shapes people ask about: names written apart and
// together, acronyms and their expansions, notes with tags, and a passage
// about the program itself.
func askCorpus() []search.Doc {
	p := func(id, topic, text string) search.Doc {
		return search.Doc{ID: id, Kind: search.Passage, Topic: topic, Text: text}
	}
	return []search.Doc{
		p("p:lm/megatron", "language-model", "Megatron-LM (Shoeybi et al., 2019) split each layer across GPUs."),
		p("p:mm/wudao", "multi-modal-model", "Wu Dao 2.0 (BAAI, 2021) was a 1.75T sparse model."),
		p("p:data/wudaocorpora", "data", "WuDaoCorpora is a Chinese web corpus."),
		p("p:protein/af", "protein-research", "AlphaFold2 reached atomic accuracy at CASP14."),
		p("p:lm/gpt3", "language-model", "GPT-3 had 175B parameters."),
		p("p:dialogue/rl", "dialogue", "InstructGPT was tuned with reinforcement learning from human feedback on ranked answers."),
		p("p:lm/rlhf-row", "language-model", "2022 | InstructGPT | RLHF | preferred by labellers"),
		p("p:vision/attn", "vision-model", "Vision models use attention over patches."),
		p("p:lm/attn", "language-model", "Attention replaced recurrence in language models."),
		{ID: "term:moe", Kind: search.Term, Title: "Mixture of experts (MoE)", Text: "A layer that routes each token to a few experts."},
		{ID: "term:rlhf", Kind: search.Term, Title: "Reinforcement learning from human feedback (RLHF)", Text: "Tuning a model with a reward model trained on human rankings."},
		p("p:pts/moe-mention", "parallel-training-system", "Switch used MoE layers."),
		{ID: "note:1", Kind: search.Note, Topic: "data", Text: "Check the dedup numbers #todo and #data"},
		{ID: "note:2", Kind: search.Note, Topic: "data", Text: "Dedup is done #done"},
		{ID: "hl:1", Kind: search.Highlight, Topic: "data", Text: "near-duplicate documents\nDedup first, then filter"},
		{ID: "hl:2", Kind: search.Highlight, Topic: "data", Text: "web-scale corpora\nread this again #later"},
		{ID: "p:intro/help", Kind: search.Passage, Topic: "introduction", Text: "It tolerates typos, so tranformer still finds transformer.", Weight: 0.2},
		p("p:lm/transformer", "language-model", "The transformer architecture appeared in 2017."),
		p("p:lm/transformer2", "language-model", "Every big model since is a transformer."),
		p("p:vision/transformer", "vision-model", "A vision transformer cuts images into patches."),
		p("p:mt/transformer", "machine-translation", "Translation moved to the transformer in 2018."),
		p("p:protein/transformer", "protein-research", "Protein language models are transformer encoders."),
	}
}

func askIndex() *search.Index {
	ix := search.NewIndex(askCorpus())
	ix.SetAliases([]search.Alias{
		{Short: "MoE", Long: "Mixture of experts"},
		{Short: "RLHF", Long: "Reinforcement learning from human feedback"},
	})
	return ix
}

func TestQueriesWrittenTheWayPeopleAsk(t *testing.T) {
	ix := askIndex()
	tests := []struct {
		query string
		first string   // must come first ("" for none)
		has   []string // must be among the results
		not   []string // must not be among the results
	}{
		{query: "who wrote megatron", first: "p:lm/megatron"},
		{query: "how does megatron work", first: "p:lm/megatron"},
		{query: "who built wudao", has: []string{"p:mm/wudao"}},
		{query: "wu dao", has: []string{"p:mm/wudao", "p:data/wudaocorpora"}},
		{query: "wudao", has: []string{"p:mm/wudao", "p:data/wudaocorpora"}},
		{query: "alpha fold", first: "p:protein/af"},
		{query: "gpt 3", first: "p:lm/gpt3"},
		{query: "rlhf", first: "term:rlhf", has: []string{"p:dialogue/rl", "p:lm/rlhf-row"}},
		{query: "reinforcement learning from human feedback", has: []string{"term:rlhf", "p:lm/rlhf-row"}},
		{query: "moe", first: "term:moe", has: []string{"p:pts/moe-mention"}},
		{query: "mixture of experts", first: "term:moe", has: []string{"p:pts/moe-mention"}},
		{query: "tranformer", not: nil},
		{query: "attention -vision", has: []string{"p:lm/attn"}, not: []string{"p:vision/attn"}},
		// The next query's exclusions start afresh: -vision excluded nothing here.
		{query: "attention -recurrence", has: []string{"p:vision/attn"}, not: []string{"p:lm/attn"}},
		{query: "attention topic:language", has: []string{"p:lm/attn"}, not: []string{"p:vision/attn"}},
		{query: "dedup in:notes", has: []string{"note:1", "note:2"}, not: []string{"hl:1"}},
		{query: "dedup in:highlights", first: "hl:1", not: []string{"note:1", "note:2"}},
		{query: "#later", has: []string{"hl:2"}, not: []string{"hl:1", "note:1"}},
		{query: "dedup #todo", first: "note:1", not: []string{"note:2"}},
		{query: "\"the transformer\"", has: []string{"p:lm/transformer"}, not: []string{"p:lm/transformer2"}},
		{query: "in:glossary experts", first: "term:moe", not: []string{"p:pts/moe-mention"}},
	}
	for _, tt := range tests {
		got := ids(ix.Search(context.Background(), tt.query, 20).Results)
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("Search(%q) = %v, want %s first", tt.query, got, tt.first)
		}
		for _, id := range tt.has {
			if !slices.Contains(got, id) {
				t.Errorf("Search(%q) = %v, want %s among them", tt.query, got, id)
			}
		}
		for _, id := range tt.not {
			if slices.Contains(got, id) {
				t.Errorf("Search(%q) = %v, want no %s", tt.query, got, id)
			}
		}
	}
}

func TestTextAboutTheProgramRanksBelowTheChapters(t *testing.T) {
	got := ids(askIndex().Search(context.Background(), "tranformer", 20).Results)
	at := slices.Index(got, "p:intro/help")
	if at == 0 || slices.Index(got, "p:lm/transformer") < 0 {
		t.Errorf("Search(tranformer) = %v: the chapters' transformer should come before the help text", got)
	}
}

func TestStopWordsAloneAreKept(t *testing.T) {
	ix := search.NewIndex([]search.Doc{{ID: "p:1", Kind: search.Passage, Text: "Who is who in the field."}})
	if got := ids(ix.Search(context.Background(), "who", 5).Results); !slices.Equal(got, []string{"p:1"}) {
		t.Errorf("Search(who) = %v, want p:1: a query of stop words only keeps them", got)
	}
}

func TestAnyWordFallbackSaysSo(t *testing.T) {
	ix := askIndex()
	resp := ix.Search(context.Background(), "megatron zebra", 10)
	if len(resp.Results) == 0 || resp.Results[0].Doc.ID != "p:lm/megatron" {
		t.Fatalf("Search(megatron zebra) = %v, want the megatron passage from the any-word fallback", ids(resp.Results))
	}
	if !slices.Equal(resp.AnyOf, []string{"megatron", "zebra"}) {
		t.Errorf("AnyOf = %v, want [megatron zebra]", resp.AnyOf)
	}
	if resp := ix.Search(context.Background(), `"megatron zebra"`, 10); len(resp.Results) != 0 || resp.AnyOf != nil {
		t.Errorf("a quoted phrase never falls back: got %v (AnyOf %v)", ids(resp.Results), resp.AnyOf)
	}
	if resp := ix.Search(context.Background(), "megatron layer", 10); resp.AnyOf != nil {
		t.Errorf("every word found: AnyOf = %v, want none", resp.AnyOf)
	}
}

func TestUnknownFilterIsSaid(t *testing.T) {
	resp := askIndex().Search(context.Background(), "attention in:nowhere", 10)
	if resp.Notice == "" {
		t.Error("in:nowhere: no notice, want one naming the filters the box knows")
	}
}
