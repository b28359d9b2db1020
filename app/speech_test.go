package app

import (
	"strings"
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

func TestSpokenBlocks(t *testing.T) {
	tests := []struct {
		name string
		blk  library.Block
		want string
		not  []string
	}{
		{"paragraph", library.Block{Kind: library.Paragraph, Text: "Big models grew."}, "Big models grew.", nil},
		{"heading", library.Block{Kind: library.Heading, Text: "Pipeline parallelism"}, "Pipeline parallelism.", nil},
		{"list", library.Block{Kind: library.List, Text: "• first point\n• second point"}, "first point. second point.", []string{"•"}},
		{"table", library.Block{Kind: library.Table, Text: "Year | Work\n 2017 | Transformer\n 2018 | BERT"},
			"Table, with columns Year, Work. 2017; Transformer. 2018; BERT.", []string{"|"}},
		{"figure", library.Block{Kind: library.Image, Src: "figures/zero.svg", Caption: "Figure 1. Memory per GPU"},
			"Figure: Figure 1. Memory per GPU.", []string{"svg", "figures/"}},
		{"code", library.Block{Kind: library.Code, Text: "x := 1"}, "A code example, not read aloud.", []string{"x := 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spokenBlock(tt.blk)
			if got != tt.want {
				t.Errorf("spokenBlock = %q, want %q", got, tt.want)
			}
			for _, s := range tt.not {
				if strings.Contains(got, s) {
					t.Errorf("spokenBlock = %q says %q", got, s)
				}
			}
		})
	}
}

func TestSpokenStartsAtTheSection(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	tp := b.Topic("parallel-training-system")
	all := Spoken(tp, "")
	from := Spoken(tp, "zero")
	if len(all) == 0 || !strings.HasPrefix(all[0].Text, tp.Title) {
		t.Fatalf("the whole chapter starts %v, want its title", all[:1])
	}
	if len(from) == 0 || from[0].At.Section != "zero" || len(from) >= len(all) {
		t.Fatalf("from #zero: %d utterances starting at %v; the chapter has %d", len(from), from[0].At, len(all))
	}
	for _, u := range from {
		if strings.Contains(u.Text, " | ") || strings.Contains(u.Text, ".svg") {
			t.Errorf("spoken text %q holds a table border or a figure file", u.Text)
		}
	}
	if last := all[len(all)-1]; last.At.Section != tp.Sections[len(tp.Sections)-1].Anchor {
		t.Errorf("the chapter's speech ends at %v, want its last section", last.At)
	}
}
