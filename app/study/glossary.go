package study

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"roadmapreader/app/library"
)

// TermUse is the first use of a glossary term in a section: the page marks
// it (a dotted underline) and a touch shows the definition.
type TermUse struct {
	Term       string `json:"term"`       // as the glossary writes it
	Definition string `json:"definition"` // its definition
	DefinedIn  string `json:"definedIn"`  // the topic whose front matter defines it
	Section    string `json:"section"`
	Block      int    `json:"block"`
	Start, End int    `json:"-"`    // byte offsets in the block's Markdown source
	Text       string `json:"text"` // the words as the text writes them
}

// glossaryForm is one way a term is written in the text: "mixture of
// experts" (any case) or its acronym "MoE" (this case only).
type glossaryForm struct {
	text      string
	exact     bool // match case
	term      library.Term
	termIndex int
}

// Glossary finds the first use of each glossary term in each section.
type Glossary struct {
	forms []glossaryForm
}

var parenthetical = regexp.MustCompile(`\s*\(([^)]*)\)\s*$`)

// NewGlossary prepares the book's glossary for matching. A term "Mixture of
// experts (MoE)" is found as "mixture of experts" in any case and as "MoE"
// in that case; a term is also found with a plural s.
func NewGlossary(terms []library.Term) *Glossary {
	g := &Glossary{}
	seen := map[string]bool{}
	for i, t := range terms {
		name := strings.TrimSpace(t.Term)
		if m := parenthetical.FindStringSubmatchIndex(name); m != nil {
			abbr := strings.TrimSpace(name[m[2]:m[3]])
			name = strings.TrimSpace(name[:m[0]])
			if abbr != "" && !seen[abbr] {
				seen[abbr] = true
				g.forms = append(g.forms, glossaryForm{text: abbr, exact: true, term: t, termIndex: i})
			}
		}
		low := strings.ToLower(name)
		if name == "" || seen[low] {
			continue
		}
		seen[low] = true
		g.forms = append(g.forms, glossaryForm{text: low, exact: isAcronym(name), term: t, termIndex: i})
		if g.forms[len(g.forms)-1].exact {
			g.forms[len(g.forms)-1].text = name
		}
	}
	// Longer forms first, so "knowledge graph embedding" wins over "knowledge graph".
	sort.SliceStable(g.forms, func(i, j int) bool { return len(g.forms[i].text) > len(g.forms[j].text) })
	return g
}

// isAcronym says whether a term is written in capitals (FLOPS, HBM): those
// match only as written, never inside ordinary words.
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2 && !strings.Contains(s, " ")
}

var (
	mdLinkSpan = regexp.MustCompile(`!?\[[^\]]*\]\([^)]*\)`)
	codeSpan   = regexp.MustCompile("`[^`]*`")
	autoLink   = regexp.MustCompile(`<[a-z]+:[^>]*>|https?://\S+`)
)

// excluded are the byte ranges of a block's Markdown where a term is never
// marked: links (text and address), code spans and bare addresses.
func excluded(md string) [][]int {
	var out [][]int
	for _, re := range []*regexp.Regexp{mdLinkSpan, codeSpan, autoLink} {
		out = append(out, re.FindAllStringIndex(md, -1)...)
	}
	return out
}

func inside(ranges [][]int, start, end int) bool {
	for _, r := range ranges {
		if start < r[1] && end > r[0] {
			return true
		}
	}
	return false
}

// Uses returns the first use of each term in each section of a topic, in
// reading order. Headings, code blocks and images are never marked, nor are
// the generated pages (the glossary itself, the references).
func (g *Glossary) Uses(t *library.Topic) []TermUse {
	if t.Generated {
		return nil
	}
	var out []TermUse
	for _, s := range t.Sections {
		done := map[int]bool{} // term index → already marked in this section
		for bi, blk := range s.Blocks {
			switch blk.Kind {
			case library.Paragraph, library.List, library.Quote, library.Table:
			default:
				continue
			}
			md := blk.Markdown
			lower := asciiLower(md)
			var ex [][]int
			var taken [][]int
			for _, f := range g.forms {
				if done[f.termIndex] {
					continue
				}
				hay := lower
				if f.exact {
					hay = md
				}
				if start, end, ok := findWord(hay, f.text, func(a, b int) bool {
					if ex == nil {
						ex = excluded(md)
					}
					return inside(ex, a, b) || inside(taken, a, b)
				}); ok {
					done[f.termIndex] = true
					taken = append(taken, []int{start, end})
					out = append(out, TermUse{Term: f.term.Term, Definition: f.term.Definition, DefinedIn: f.term.Topic,
						Section: s.Anchor, Block: bi, Start: start, End: end, Text: md[start:end]})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Section != out[j].Section {
			return sectionIndex(t, out[i].Section) < sectionIndex(t, out[j].Section)
		}
		if out[i].Block != out[j].Block {
			return out[i].Block < out[j].Block
		}
		return out[i].Start < out[j].Start
	})
	return out
}

// asciiLower lowers ASCII letters only, so byte offsets stay those of the source.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func sectionIndex(t *library.Topic, anchor string) int {
	for i, s := range t.Sections {
		if s.Anchor == anchor {
			return i
		}
	}
	return -1
}

// findWord finds the first occurrence of word in hay that stands as a whole
// word (a plural s allowed) and that skip does not refuse.
func findWord(hay, word string, skip func(start, end int) bool) (int, int, bool) {
	from := 0
	for {
		i := strings.Index(hay[from:], word)
		if i < 0 {
			return 0, 0, false
		}
		start := from + i
		end := start + len(word)
		if end < len(hay) && (hay[end] == 's') && !isWordByte(hay, end+1) {
			end++
		}
		if !isWordByteBefore(hay, start) && !isWordByte(hay, end) && !skip(start, end) {
			return start, end, true
		}
		from = start + 1
	}
}

func isWordByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

func isWordByteBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}
