// Package search is the index and query engine behind the search palette and
// the `search` subcommand: one query across topic titles, section headings,
// passages, glossary terms, references, notes, bookmarks and highlights.
//
// Two matchers, each used where it fits. Short fields (a Doc's Title) match
// as a whole string with sahilm/fuzzy, quick-switcher style, so "pts" finds
// Parallel Training System. Prose (a Doc's Text) never goes through a
// character-subsequence matcher, which across a paragraph would find letters
// scattered over hundreds of characters; it is searched through an inverted
// index of normalised words where every query word must start a word of the
// document. A query word that starts no word at all is corrected against the
// vocabulary (sahilm/fuzzy plus an edit distance that counts a swap of two
// letters as one edit).
//
// The index layout, in short: a vocabulary (word ids, plus the ids sorted by
// spelling for prefix ranges), one posting list per word (the documents that
// hold it), and one forward list per document (its words in order) used only
// to rank adjacent query words higher among the best candidates.
package search

// Kind says what a document is.
type Kind int

// The kinds of document the index holds.
const (
	Topic Kind = iota
	Section
	Passage
	Term
	Reference
	Note
	Bookmark
	Highlight // the reader's marked words: the quote and its note
)

var kindNames = [...]string{"topic", "section", "passage", "term", "reference", "note", "bookmark", "highlight"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Doc is one searchable thing and the place it opens.
type Doc struct {
	ID    string // unique key: "topic:data", "sec:data#overview", "p:data#overview/3", a note's own id (no colon), "bm:<id>", "hl:<id>"
	Kind  Kind
	Title string   // short field matched quick-switcher style; "" for prose-only docs
	Text  string   // prose matched word by word
	Path  string   // "Part › Topic › Section", for display
	Tags  []string // the #tags it carries, lower-case: used for kinds whose text is not kept (SetTextLoader)

	Topic, Section string
	Block          int     // -1 for the whole section
	Weight         float32 // scales its matches; 0 means 1, below 1 for text about the program rather than the field
}

// Result is one hit.
type Result struct {
	Doc     Doc
	Score   float64
	Snippet string   // the sentence (or title) holding the hit, trimmed to about 160 bytes
	Marks   [][2]int // byte ranges of Snippet to highlight, in order, not overlapping
	Match   string   // "exact", "prefix", "fuzzy" (the weakest word match) or "title" (whole-title fuzzy match)
}

// Response is the answer to one query.
type Response struct {
	Query      string
	Results    []Result
	DidYouMean []string // corrected queries, best first, when a word had to be corrected or nothing matched
	AnyOf      []string // set when every word together found too little: the later results hold any of these words
	Notice     string   // a filter the engine did not understand, said for the reader
}
