package page

import (
	"strings"
	"unicode"
)

// Find is where the words of a query occur in a block's text, in order and
// apart only by white space, ignoring case, as rune ranges [start, end).
func (b *Block) Find(query string) [][2]int {
	var words [][]rune
	for _, w := range strings.Fields(query) {
		words = append(words, lowerRunes(w))
	}
	if len(words) == 0 {
		return nil
	}
	text := lowerRunes(b.text)
	var out [][2]int
	for i := 0; i < len(text); {
		if end, ok := matchAt(text, i, words); ok {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		i++
	}
	return out
}

func matchAt(text []rune, i int, words [][]rune) (int, bool) {
	for k, w := range words {
		if k > 0 {
			j := i
			for j < len(text) && unicode.IsSpace(text[j]) {
				j++
			}
			if j == i {
				return 0, false
			}
			i = j
		}
		if i+len(w) > len(text) {
			return 0, false
		}
		for n, r := range w {
			if text[i+n] != r {
				return 0, false
			}
		}
		i += len(w)
	}
	return i, true
}

// lowerRunes lowers rune by rune, so offsets stay those of the text.
func lowerRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return rs
}
