package search

import "github.com/sahilm/fuzzy"

// Naive is the baseline the index is measured against: sahilm/fuzzy over
// every document's title and text, best score first. It finds letters
// scattered over a whole paragraph, so it ranks badly, and it reads every
// character of every document for every query.
func Naive(docs []Doc, query string, limit int) []Result {
	if limit <= 0 {
		limit = DefaultLimit
	}
	matches := fuzzy.FindFrom(query, naiveSource(docs))
	if len(matches) > limit {
		matches = matches[:limit]
	}
	out := make([]Result, len(matches))
	for i, m := range matches {
		d := docs[m.Index]
		s := 0
		if len(m.MatchedIndexes) > 0 {
			s = max(0, m.MatchedIndexes[0]-snippetBytes/3)
		}
		for s > 0 && s < len(m.Str) && m.Str[s]&0xC0 == 0x80 {
			s--
		}
		e := min(len(m.Str), s+snippetBytes)
		for e < len(m.Str) && m.Str[e]&0xC0 == 0x80 {
			e++
		}
		var marks [][2]int
		for _, j := range m.MatchedIndexes {
			if j >= s && j < e {
				_, size := decodeRune(m.Str, j)
				marks = addMark(marks, j-s, min(j+size, e)-s)
			}
		}
		out[i] = Result{Doc: d, Score: float64(m.Score), Snippet: m.Str[s:e], Marks: marks, Match: "fuzzy"}
	}
	return out
}

type naiveSource []Doc

func (s naiveSource) Len() int { return len(s) }
func (s naiveSource) String(i int) string {
	if s[i].Title == "" {
		return s[i].Text
	}
	if s[i].Text == "" {
		return s[i].Title
	}
	return s[i].Title + " " + s[i].Text
}
