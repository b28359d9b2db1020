package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"roadmapreader/app/library"
)

// Hit is one match of find-in-chapter: a block of a section (Block -1 for
// the section heading) and the byte range in that block's text.
type Hit struct {
	Section    string
	Block      int
	Start, End int
}

// FindInTopic finds every case-insensitive occurrence of query in a chapter,
// in reading order. Whitespace in the query matches any run of spaces.
func FindInTopic(t *library.Topic, query string) []Hit {
	words := strings.Fields(query)
	if t == nil || len(words) == 0 {
		return nil
	}
	var hits []Hit
	for _, s := range t.Sections {
		for _, r := range findAll(s.Title, words) {
			hits = append(hits, Hit{Section: s.Anchor, Block: -1, Start: r[0], End: r[1]})
		}
		for i, b := range s.Blocks {
			for _, r := range findAll(b.Text, words) {
				hits = append(hits, Hit{Section: s.Anchor, Block: i, Start: r[0], End: r[1]})
			}
		}
	}
	return hits
}

// findAll returns the byte ranges where the words occur in order, separated
// only by white space, ignoring case.
func findAll(text string, words []string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		end, ok := matchAt(text, i, words)
		if ok {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

func matchAt(text string, i int, words []string) (int, bool) {
	for wi, w := range words {
		if wi > 0 {
			j := i
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r) {
					break
				}
				j += size
			}
			if j == i {
				return 0, false
			}
			i = j
		}
		n, ok := hasFoldPrefix(text[i:], w)
		if !ok {
			return 0, false
		}
		i += n
	}
	return i, true
}

// hasFoldPrefix reports whether s starts with prefix ignoring case, and how
// many bytes of s the prefix covers.
func hasFoldPrefix(s, prefix string) (int, bool) {
	i := 0
	for _, pr := range prefix {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != pr && unicode.ToLower(r) != unicode.ToLower(pr) {
			return 0, false
		}
		i += size
	}
	return i, true
}
