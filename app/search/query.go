package search

import (
	"strings"
	"unicode/utf8"
)

const (
	maxQueryBytes = 256 // a longer query is cut: nobody types more into a search box
	maxQueryWords = 12  // further words are ignored
	// maxTitlePattern keeps sahilm/fuzzy's adjacency bonus, which doubles at
	// every adjacent character, far from overflowing.
	maxTitlePattern = 56
)

// qword is one word of a query.
type qword struct {
	text   string // normalised; the joined form for a compound ("gpt3" for "GPT-3")
	src    string // as typed, for "did you mean"
	phrase bool   // inside quotes and not the first word there: must directly follow the previous word
	quoted bool   // inside quotes: kept even when it is a stop word
}

// query is a parsed query.
type query struct {
	words   []qword
	pattern string // the query as typed, quotes dropped, spaces collapsed: matched against titles
	norm    string // lower-case words joined by spaces: equal to a title's norm means an exact title match
	open    bool   // the last quote is not closed: its last word may still be being typed
}

// parseQuery splits a query into words. Text in double quotes is a phrase:
// its words must appear one after another. An unclosed quote runs to the end.
func parseQuery(s string, tz *tokenizer) query {
	if len(s) > maxQueryBytes {
		s = s[:maxQueryBytes]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	var q query
	var norm strings.Builder
	inQuote := false
	for seg := range strings.SplitSeq(s, `"`) {
		first := true
		start := len(q.words)
		tz.run(seg, func(ev *event) {
			switch ev.kind {
			case evWord:
				if norm.Len() > 0 {
					norm.WriteByte(' ')
				}
				norm.Write(ev.word)
				q.words = append(q.words, qword{text: string(ev.word), src: seg[ev.start:ev.end], phrase: inQuote && !first, quoted: inQuote})
				first = false
			case evJoined:
				// The parts of a compound become one word: "gpt-3" must find
				// "GPT-3" and "GPT3", and a part such as "3" alone would
				// match far too much.
				k := len(q.words) - ev.span
				if k < start {
					return
				}
				phrase := q.words[k].phrase
				q.words = append(q.words[:k], qword{text: string(ev.word), src: seg[ev.start:ev.end], phrase: phrase, quoted: inQuote})
			}
		})
		inQuote = !inQuote
	}
	if len(q.words) > maxQueryWords {
		q.words = q.words[:maxQueryWords]
	}
	q.norm = norm.String()
	q.open = strings.Count(s, `"`)%2 == 1
	q.pattern = strings.Join(strings.Fields(strings.ReplaceAll(s, `"`, " ")), " ")
	if utf8.RuneCountInString(q.pattern) > maxTitlePattern {
		q.pattern = ""
	}
	return q
}
