package app

import (
	"roadmapreader/app/library"
	"roadmapreader/app/search"
)

// aboutTheProgram is the section of the book that talks about this program
// rather than the field ("it tolerates typos, so "tranformer" still finds
// transformer"): its passages rank below the chapters' own text.
const aboutTheProgram = "introduction#how-to-use-this-reader"

// aboutTheProgramWeight scales the matches of that section's passages: below
// a corrected word (0.3), so the help text's deliberate typo never comes first.
const aboutTheProgramWeight = 0.2

// NewIndex builds the search index over the book and the reader's own
// documents (notes, bookmarks), with the book's acronyms.
func NewIndex(b *library.Book, own []search.Doc) *search.Index {
	ix := search.NewIndex(append(SearchDocs(b), own...))
	ix.SetAliases(Aliases(b))
	return ix
}

// Aliases gathers the acronyms the book spells out, from its glossary terms
// and headings written "Mixture of experts (MoE)", so that a search for
// either form finds both.
func Aliases(b *library.Book) []search.Alias {
	var out []search.Alias
	seen := map[search.Alias]bool{}
	add := func(title string) {
		long, short, ok := library.SplitAcronym(title)
		a := search.Alias{Short: short, Long: long}
		if ok && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, t := range b.Topics() {
		if t.Generated {
			continue
		}
		for _, term := range t.Terms {
			add(term.Term)
		}
		for _, s := range t.Sections {
			add(s.Title)
			for _, blk := range s.Blocks {
				if blk.Kind == library.Heading {
					add(blk.Text)
				}
			}
		}
	}
	return out
}
