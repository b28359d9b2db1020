package storage

import (
	"strings"
	"testing"
	"time"
)

func TestTitle(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "Untitled note"},
		{"only blank lines", "\n  \n\t\n", "Untitled note"},
		{"only markers", "#\n> \n- ", "Untitled note"},
		{"first line", "Hello\nworld", "Hello"},
		{"skips blank lines", "\n\n  Second try  \nthird", "Second try"},
		{"heading", "## Mixture of experts", "Mixture of experts"},
		{"quote", "> quoted idea", "quoted idea"},
		{"list item", "- a point", "a point"},
		{"task", "- [x] done thing", "done thing"},
		{"ordered", "12. twelfth", "twelfth"},
		{"emphasis", "**Bold** and _it_", "Bold and it"},
		{"underscores inside words stay", "snake_case_name", "snake_case_name"},
		{"link", "See [the paper](https://example.com) now", "See the paper now"},
		{"code", "`x := 1`", "x := 1"},
		{"fenced code", "```go\nx := 1\n```", "x := 1"},
		{"strikethrough", "~~old~~ new", "old new"},
		{"image alt text", "![a chart](figures/x.png) caption", "a chart caption"},
		{"autolink", "<https://example.com> first", "https://example.com first"},
		{"nested quote and list", "> - > deep idea", "deep idea"},
		{"a huge body is cut before parsing", "title line\n" + strings.Repeat("x", 1<<20), "title line"},
		{"long", long, strings.TrimSpace(strings.Repeat("word ", 15)) + "…"},
		{"unicode", strings.Repeat("é", 100), strings.Repeat("é", 79) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Note{Body: tt.body}.Title()
			if got != tt.want {
				t.Errorf("Title(%q) = %q, want %q", tt.body, got, tt.want)
			}
			if n := len([]rune(got)); n > titleMax {
				t.Errorf("title has %d runes", n)
			}
		})
	}
}

func TestParseTags(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"none", "plain text", ""},
		{"one", "about #scaling laws", "scaling"},
		{"lower-cased unique sorted", "#Zeta #alpha #ALPHA #beta", "alpha,beta,zeta"},
		{"heading is not a tag", "# Title\n## Sub\n### Third", ""},
		{"hash without space starts a tag", "#todo at line start", "todo"},
		{"not inside words", "C# and F#, a#b", ""},
		{"not in urls", "https://x.org/page#section and x/#frag", ""},
		{"numbers are not tags", "issue #12 and #3rd", "3rd"},
		{"punctuation ends a tag", "(#moe), #rlhf. #long-context!", "long-context,moe,rlhf"},
		{"trailing dash trimmed", "#draft- here", "draft"},
		{"unicode letters", "#données #日本", "données,日本"},
		{"not in code spans", "use `#include` here #c", "c"},
		{"not in fenced code", "```\n#notatag\n```\n#real", "real"},
		{"double hash", "##notatag", ""},
		{"too long", "#" + strings.Repeat("a", 65), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(ParseTags(tt.body), ",")
			if got != tt.want {
				t.Errorf("ParseTags(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestNewIDsAreUniqueAndSortByTime(t *testing.T) {
	seen := map[string]bool{}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := ""
	for i := 0; i < 1000; i++ {
		id := NewID(base.Add(time.Duration(i) * time.Millisecond))
		if seen[id] || !validID(id) || len(id) != 32 {
			t.Fatalf("id %q: duplicate or invalid", id)
		}
		if id <= prev {
			t.Fatalf("id %q does not sort after %q", id, prev)
		}
		seen[id], prev = true, id
	}
}
