package library

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSplitAcronym(t *testing.T) {
	tests := []struct {
		in          string
		long, short string
		ok          bool
	}{
		{"Mixture of experts (MoE)", "Mixture of experts", "MoE", true},
		{"Reinforcement learning from human feedback (RLHF)", "Reinforcement learning from human feedback", "RLHF", true},
		{"Model FLOPs utilisation (MFU)", "Model FLOPs utilisation", "MFU", true},
		{"Nucleus (top-p) sampling", "", "", false},
		{"Scaling law", "", "", false},
		{"Datasheet (for a dataset)", "", "", false},
		{"(RLHF)", "", "", false},
		{"Learned judge (LLM-as-a-judge)", "", "", false},
	}
	for _, tt := range tests {
		long, short, ok := SplitAcronym(tt.in)
		if long != tt.long || short != tt.short || ok != tt.ok {
			t.Errorf("SplitAcronym(%q) = %q, %q, %v; want %q, %q, %v", tt.in, long, short, ok, tt.long, tt.short, tt.ok)
		}
	}
}

func TestUsesTerm(t *testing.T) {
	tests := []struct {
		text, term string
		want       bool
	}{
		{"Scaling laws predict loss.", "Scaling law", true},
		{"The scaling law held.", "Scaling law", true},
		{"Switch used MoE layers.", "Mixture of experts (MoE)", true},
		{"a mixture of experts layer", "Mixture of experts (MoE)", true},
		{"the word moe in lower case", "Mixture of experts (MoE)", false},
		{"tokenizers split words", "Token", false},
		{"each token costs compute", "Token", true},
		{"ZeRO-Offload moved states to the CPU", "Zero Redundancy Optimizer (ZeRO)", true},
	}
	for _, tt := range tests {
		if got := usesTerm(newChapterText(tt.text), tt.term); got != tt.want {
			t.Errorf("usesTerm(%q, %q) = %v, want %v", tt.text, tt.term, got, tt.want)
		}
	}
}

// glossaryBook is a two-chapter book whose front matter the test fills in.
func glossaryBook(aTerms, bTerms, bBody string) fstest.MapFS {
	chapter := func(title, terms, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: S.\nterms:\n" + terms + "---\n\n## Overview\n\n" + body + "\n")}
	}
	return fstest.MapFS{
		"book.yaml":     {Data: []byte("title: T\nparts:\n  - id: p\n    title: P\n    summary: S.\n    topics: [a, b]\nfront: []\nback: []\n")},
		"chapters/a.md": chapter("A", aTerms, "Mixture of experts layers route inputs."),
		"chapters/b.md": chapter("B", bTerms, bBody),
	}
}

func TestGlossaryRefusesATermDefinedTwice(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		wantErr string
	}{
		{"same term", "  - {term: Scaling law, definition: x}\n", "  - {term: scaling law, definition: y}\n", `"scaling law" is already defined in chapters/a.md`},
		{"acronym alone", "  - {term: Mixture of experts (MoE), definition: x}\n", "  - {term: MoE, definition: y}\n", `"MoE" is already defined`},
		{"expansion alone", "  - {term: Mixture of experts (MoE), definition: x}\n", "  - {term: Mixture of experts, definition: y}\n", "already defined"},
		{"different terms", "  - {term: Scaling law, definition: x}\n", "  - {term: Token, definition: y}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(glossaryBook(tt.a, tt.b, "Text."))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Load error = %v, want it to say %s", err, tt.wantErr)
			}
		})
	}
}

func TestGlossaryListsTheChaptersThatUseATerm(t *testing.T) {
	b, err := Load(glossaryBook("  - {term: Mixture of experts (MoE), definition: A router picks experts.}\n", "  - {term: Token, definition: A piece.}\n", "Switch used MoE layers on each token."))
	if err != nil {
		t.Fatal(err)
	}
	var moe, token Term
	for _, term := range b.Glossary() {
		switch term.Term {
		case "Mixture of experts (MoE)":
			moe = term
		case "Token":
			token = term
		}
	}
	if !slices.Equal(moe.UsedIn, []string{"b"}) {
		t.Errorf("MoE used in %v, want [b]", moe.UsedIn)
	}
	if len(token.UsedIn) != 0 {
		t.Errorf("Token used in %v, want none (chapter a never says token)", token.UsedIn)
	}
	g := b.Topic(GlossaryID)
	var entry string
	for _, s := range g.Sections {
		for _, blk := range s.Blocks {
			if strings.HasPrefix(blk.Text, "Mixture of experts") {
				entry = blk.Text
			}
		}
	}
	if !strings.HasSuffix(entry, "(A; also in B)") {
		t.Errorf("glossary entry = %q, want it to end (A; also in B)", entry)
	}
}
