package views

import (
	"testing"
	"unicode"

	"roadmapreader/app/library"
	"roadmapreader/views/page"
)

func TestTextMapCases(t *testing.T) {
	cases := []struct {
		name, book, pg, word, want string
	}{
		{"same", "Big models scale.", "Big models scale.", "models", "models"},
		{"bullets", "• first item\n• second item", "first item\nsecond item", "second", "second"},
		{"nested", "• a thing\n  • inner words", "a thing\ninner words", "inner", "inner"},
		{"table", "Name | Size\nGPT | 175B", "Name\tSize\nGPT\t175B", "175B", "175B"},
		{"spaces", "one  two", "one two", "two", "two"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := textMap(c.book, c.pg)
			b := []rune(c.book)
			start := runeIndex(c.book, c.word)
			from, to := m.pageRange(start, start+len([]rune(c.word)))
			if got := string([]rune(c.pg)[from:to]); got != c.want {
				t.Fatalf("%q maps to %q, want %q", c.word, got, c.want)
			}
			if back := m.bookOffset(from); back != start {
				t.Fatalf("page offset %d maps back to %d, want %d (%q)", from, back, start, string(b))
			}
		})
	}
}

func runeIndex(s, sub string) int {
	r, q := []rune(s), []rune(sub)
	for i := 0; i+len(q) <= len(r); i++ {
		if string(r[i:i+len(q)]) == sub {
			return i
		}
	}
	return -1
}

// Every word of every block of the book lands on the same word in the page
// block's text.
func TestTextMapWholeBook(t *testing.T) {
	bk := book(t)
	words, bad := 0, 0
	for _, tp := range bk.Topics() {
		for _, s := range tp.Sections {
			for _, blk := range s.Blocks {
				if blk.Kind == library.Image {
					continue
				}
				pg := page.FromLibrary(blk, nil).Text()
				m := textMap(blk.Text, pg)
				b, p := []rune(blk.Text), []rune(pg)
				for i := 0; i < len(b); {
					if !unicode.IsLetter(b[i]) && !unicode.IsDigit(b[i]) {
						i++
						continue
					}
					k := i
					for k < len(b) && (unicode.IsLetter(b[k]) || unicode.IsDigit(b[k])) {
						k++
					}
					from, to := m.pageRange(i, k)
					words++
					if string(p[from:to]) != string(b[i:k]) {
						bad++
						if bad < 10 {
							t.Errorf("%s#%s: %q maps to %q", tp.ID, s.Anchor, string(b[i:k]), string(p[from:to]))
						}
					}
					i = k
				}
			}
		}
	}
	if words < 1000 || bad > 0 {
		t.Fatalf("%d of %d words mapped wrong", bad, words)
	}
}
