package library

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The glossary holds one entry a term. A term is defined by one chapter;
// every other chapter whose text uses it is listed with the entry. A term
// that abbreviates is written the way the chapters write it, "Mixture of
// experts (MoE)": the expansion, then the short form in brackets.

// SplitAcronym reads "Mixture of experts (MoE)" as its long and short forms.
// A short form is one word with at least two capitals ("RLHF", "MoE").
func SplitAcronym(term string) (long, short string, ok bool) {
	term = strings.TrimSpace(term)
	if !strings.HasSuffix(term, ")") {
		return "", "", false
	}
	open := strings.LastIndexByte(term, '(')
	if open <= 0 {
		return "", "", false
	}
	long, short = strings.TrimSpace(term[:open]), term[open+1:len(term)-1]
	if long == "" || !IsAcronym(short) {
		return "", "", false
	}
	return long, short, true
}

// IsAcronym reports whether s is one word written mostly in capitals, two
// at least ("RLHF", "MoE", "GDT_TS", "ZeRO"), the way abbreviations are;
// "LLM-as-a-judge" is a phrase that holds one.
func IsAcronym(s string) bool {
	caps, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			caps++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || strings.ContainsRune("-_.·", r):
		default:
			return false
		}
	}
	return caps >= 2 && 2*caps >= letters
}

// termKeys are the names a term answers to, folded: "Mixture of experts
// (MoE)" is also "mixture of experts" and "moe", so "MoE" defined in another
// chapter is the same term.
func termKeys(term string) []string {
	keys := []string{foldTerm(term)}
	if long, short, ok := SplitAcronym(term); ok {
		keys = append(keys, foldTerm(long), foldTerm(short))
	}
	return keys
}

func foldTerm(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// checkGlossary refuses a term defined by two chapters, naming both files.
func checkGlossary(topics []*Topic) []error {
	var errs []error
	first := map[string]*Topic{}
	for _, t := range topics {
		if !t.Written || t.Generated {
			continue
		}
		for _, term := range t.Terms {
			for _, k := range termKeys(term.Term) {
				if prev, ok := first[k]; ok && prev != t {
					errs = append(errs, errorf(t.File, 0, "glossary term %q is already defined in %s: keep one definition", term.Term, prev.File))
					break
				}
				first[k] = t
			}
		}
	}
	return errs
}

// chapterText is a chapter's text as written and in lower case, for
// finding the terms it uses.
type chapterText struct {
	text, lower string
	words       map[string]bool // lower-case words, to rule a term out before scanning
}

func newChapterText(text string) chapterText {
	c := chapterText{text: text, lower: strings.ToLower(text), words: map[string]bool{}}
	for _, w := range strings.FieldsFunc(c.lower, func(r rune) bool { return !isWordChar(r) }) {
		c.words[w] = true
	}
	return c
}

// findUses fills each term's UsedIn: the other chapters whose text uses it.
func findUses(topics []*Topic) {
	texts := map[*Topic]chapterText{}
	for _, t := range topics {
		if !t.Written || t.Generated {
			continue
		}
		var b strings.Builder
		for _, s := range t.Sections {
			for _, blk := range s.Blocks {
				b.WriteString(blk.Text)
				b.WriteByte('\n')
			}
		}
		texts[t] = newChapterText(b.String())
	}
	for _, t := range topics {
		for i := range t.Terms {
			term := &t.Terms[i]
			term.UsedIn = nil
			for _, u := range topics {
				if u != t && texts[u].text != "" && usesTerm(texts[u], term.Term) {
					term.UsedIn = append(term.UsedIn, u.ID)
				}
			}
		}
	}
}

// usesTerm reports whether text uses a term: its long form in any case, at
// the start of a word and ending a word (a plural "s" allowed), or its short
// form exactly as written.
func usesTerm(c chapterText, term string) bool {
	long, short, ok := SplitAcronym(term)
	if !ok {
		long = term
	}
	if ok && containsWord(c.text, short) {
		return true
	}
	long = strings.ToLower(long)
	for _, w := range strings.FieldsFunc(long, func(r rune) bool { return !isWordChar(r) }) {
		if !c.words[w] && !c.words[w+"s"] {
			return false // a word of the term is nowhere in the chapter
		}
	}
	return containsWord(c.lower, long)
}

// containsWord reports whether needle stands in hay as a word of its own
// (or its plural).
func containsWord(hay, needle string) bool {
	for from := 0; ; {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(needle)
		from = i + 1
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(hay[:i]); isWordChar(r) {
				continue
			}
		}
		rest := hay[end:]
		rest = strings.TrimPrefix(rest, "s")
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isWordChar(r) {
			return true
		}
	}
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// glossaryNote is what a glossary entry says after its definition: the
// chapter that defines the term and the others that use it.
func (b *Book) glossaryNote(term Term, link func(*Topic) string) string {
	from := b.byID[term.Topic]
	s := link(from)
	if len(term.UsedIn) == 0 {
		return s
	}
	uses := make([]string, 0, len(term.UsedIn))
	for _, id := range term.UsedIn {
		if t := b.byID[id]; t != nil {
			uses = append(uses, link(t))
		}
	}
	return fmt.Sprintf("%s; also in %s", s, strings.Join(uses, ", "))
}
