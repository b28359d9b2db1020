package study

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"roadmapreader/app/library"
)

// Reference is one work of the book's Further reading, de-duplicated across
// chapters: a work cited in three chapters is one Reference whose CitedIn
// names the three.
type Reference struct {
	ID      string   `json:"id"` // a BibTeX-style key, kaplan2020scaling; unique in the book
	Authors string   `json:"authors"`
	Title   string   `json:"title"`
	Venue   string   `json:"venue"`
	Year    int      `json:"year"`
	ArXiv   string   `json:"arxiv,omitempty"`
	DOI     string   `json:"doi,omitempty"`
	URL     string   `json:"url,omitempty"`
	CitedIn []string `json:"citedIn"` // topic ids, in reading order
	CitedAt []Place  `json:"citedAt"` // where each of CitedIn lists it
	Place   Place    `json:"place"`   // the first citation
}

// Link is the address to open: the URL the book gives, else the DOI, else arXiv.
func (r Reference) Link() string {
	switch {
	case r.URL != "":
		return r.URL
	case r.DOI != "":
		return "https://doi.org/" + r.DOI
	case r.ArXiv != "":
		return "https://arxiv.org/abs/" + r.ArXiv
	}
	return ""
}

// FirstAuthor is the surname the list starts with.
func (r Reference) FirstAuthor() string { return firstAuthor(r.Authors) }

var (
	arxivRe = regexp.MustCompile(`(?i)\barXiv:\s*(\d{4}\.\d{4,5})(v\d+)?`)
	doiRe   = regexp.MustCompile(`(?i)\b(?:doi:\s*|https?://doi\.org/)(10\.\d{4,9}/[^\s,]+[^\s,.])`)
	urlRe   = regexp.MustCompile(`https?://[^\s,]+[^\s,.]`)
)

// ParseReference reads one Further reading item, "Authors. Title. Venue, Year."
func ParseReference(text string) (Reference, error) {
	s := strings.TrimSpace(text)
	// "Authors. Title. Venue, Year. arXiv:2010.11929." — an identifier may
	// follow the year. (Plain string work: anchored-at-the-end regexps
	// backtrack from every position and cost most of the parse.)
	ids := ""
	for {
		i := strings.LastIndexAny(s, " \t")
		if i < 0 {
			break
		}
		tok := strings.TrimSuffix(s[i+1:], ".")
		low := strings.ToLower(tok)
		if !strings.HasPrefix(low, "arxiv:") && !strings.HasPrefix(low, "doi:") && !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
			break
		}
		ids = tok + " " + ids
		s = strings.TrimRight(strings.TrimSpace(s[:i]), ".,;")
		s += "."
	}
	year, cut, ok := yearAtTheEnd(s)
	if !ok {
		return Reference{}, fmt.Errorf("reference %q: no year at the end (want \"Authors. Title. Venue, Year.\")", text)
	}
	body := s[:cut]
	authors, rest, ok := cutAuthors(body)
	if !ok {
		return Reference{}, fmt.Errorf("reference %q: no authors (want \"Authors. Title. Venue, Year.\")", text)
	}
	title, venue := cutTitle(rest)
	if title == "" || venue == "" {
		return Reference{}, fmt.Errorf("reference %q: want \"Authors. Title. Venue, Year.\"", text)
	}
	r := Reference{Authors: authors, Title: title, Venue: venue, Year: year}
	all := s + " " + ids
	low := strings.ToLower(all)
	if strings.Contains(low, "arxiv:") {
		if a := arxivRe.FindStringSubmatch(all); a != nil {
			r.ArXiv = a[1]
		}
	}
	if strings.Contains(low, "doi") {
		if d := doiRe.FindStringSubmatch(all); d != nil {
			r.DOI = d[1]
		}
	}
	if r.DOI == "" && strings.Contains(low, "http") {
		r.URL = urlRe.FindString(all)
	}
	return r, nil
}

// yearAtTheEnd reads ", 2020." at the end of s: the year and where the comma is.
func yearAtTheEnd(s string) (year, cut int, ok bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) < 6 {
		return 0, 0, false
	}
	y, err := strconv.Atoi(s[len(s)-4:])
	if err != nil || y < 1900 || y > 2099 {
		return 0, 0, false
	}
	rest := strings.TrimRight(s[:len(s)-4], " ")
	if !strings.HasSuffix(rest, ",") {
		return 0, 0, false
	}
	return y, len(rest) - 1, true
}

// cutAuthors splits off the author list: everything to the first ". " that
// is not the dot of "et al" or of an initial ("J. Smith").
func cutAuthors(s string) (authors, rest string, ok bool) {
	from := 0
	for {
		i := strings.Index(s[from:], ". ")
		if i < 0 {
			return "", "", false
		}
		i += from
		word := s[strings.LastIndexAny(s[:i], " ,")+1 : i]
		if len([]rune(word)) == 1 && unicode.IsUpper([]rune(word)[0]) {
			from = i + 2 // an initial
			continue
		}
		a := strings.TrimSpace(s[:i])
		if strings.HasSuffix(a, "et al") {
			a += "."
		}
		return a, strings.TrimSpace(s[i+2:]), a != ""
	}
}

// cutTitle splits "Title. Venue" at the last sentence end: titles may end in
// "?" or "!", venues hold dots without spaces (arXiv:2001.08361).
func cutTitle(s string) (title, venue string) {
	best := -1
	for _, sep := range []string{". ", "? ", "! "} {
		if i := strings.LastIndex(s, sep); i > best {
			best = i
		}
	}
	if best < 0 {
		return "", ""
	}
	title = strings.TrimSpace(s[:best+1])
	title = strings.TrimSuffix(title, ".")
	return title, strings.TrimSpace(s[best+2:])
}

// firstAuthor is the surname that starts an author list ("Kaplan" of
// "Kaplan et al." and of "Kaplan, McCandlish, Henighan, et al.").
func firstAuthor(authors string) string {
	a := authors
	if i := strings.IndexAny(a, ","); i >= 0 {
		a = a[:i]
	}
	a = strings.TrimSuffix(strings.TrimSpace(a), " et al.")
	a = strings.TrimSuffix(a, " et al")
	fields := strings.Fields(a)
	if len(fields) == 0 {
		return ""
	}
	// "J. Smith" or "Jane Smith": the surname is the last word.
	return fields[len(fields)-1]
}

// fold lowers a string to ASCII letters and digits ("Tramèr" → "tramer").
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		case r == 'ß':
			b.WriteString("ss")
		}
	}
	return b.String()
}

// identity is what makes two citations the same work: the first author and
// the title, letters and digits only. Venue, year and the length of the
// author list may differ between chapters (an arXiv preprint and its
// conference version are one work).
func identity(r Reference) string {
	return fold(r.FirstAuthor()) + "|" + fold(r.Title)
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "on": true, "of": true, "for": true,
	"to": true, "in": true, "and": true, "with": true, "from": true, "are": true, "is": true, "at": true,
	"by": true, "via": true, "towards": true, "toward": true, "how": true, "what": true, "do": true, "we": true}

// Key is the BibTeX-style key of a work: surname, year, first word of the
// title that is not a small word (kaplan2020scaling).
func Key(r Reference) string {
	word := ""
	for _, w := range strings.FieldsFunc(r.Title, func(c rune) bool { return c == ' ' || c == '-' || c == ':' || c == '/' || c == '_' }) {
		f := fold(w)
		if f != "" && !stopWords[f] && strings.Trim(f, "0123456789") != "" { // "The 2023 Index" → index
			word = f
			break
		}
	}
	name := fold(r.FirstAuthor())
	if name == "" {
		name = "anon"
	}
	return name + strconv.Itoa(r.Year) + word
}

// References gathers every chapter's Further reading into one list, one
// entry a work, sorted by first author, year and title. An item that does not
// parse is an error naming its chapter.
func References(b *library.Book) ([]Reference, error) {
	byID := map[string]int{}
	var out []Reference
	for _, t := range chapters(b) {
		s := t.Section(FurtherReadingAnch)
		if s == nil {
			continue
		}
		for bi, blk := range s.Blocks {
			if blk.Kind != library.List {
				continue
			}
			for _, item := range listItems(blk.Text) {
				r, err := ParseReference(item)
				if err != nil {
					return nil, fmt.Errorf("%s, line %d: %w", t.File, blk.Line, err)
				}
				id := identity(r)
				at := Place{Topic: t.ID, Section: s.Anchor, Block: bi}
				if i, ok := byID[id]; ok {
					out[i] = merge(out[i], r, at)
					continue
				}
				r.CitedIn, r.CitedAt, r.Place = []string{t.ID}, []Place{at}, at
				byID[id] = len(out)
				out = append(out, r)
			}
		}
	}
	// Fold the sort keys once: folding is the costly part.
	type keyed struct {
		author, title string
		ref           Reference
	}
	ks := make([]keyed, len(out))
	for i, r := range out {
		ks[i] = keyed{fold(r.FirstAuthor()), fold(r.Title), r}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.author != b.author {
			return a.author < b.author
		}
		if a.ref.Year != b.ref.Year {
			return a.ref.Year < b.ref.Year
		}
		return a.title < b.title
	})
	for i := range ks {
		out[i] = ks[i].ref
	}
	assignKeys(out)
	return out, nil
}

// merge folds a second citation of the same work into the first: the fuller
// author list, a published venue over a preprint, every identifier either gives.
func merge(a, b Reference, at Place) Reference {
	if len(b.Authors) > len(a.Authors) {
		a.Authors = b.Authors
	}
	if a.ArXiv == "" {
		a.ArXiv = b.ArXiv
	}
	if a.DOI == "" {
		a.DOI = b.DOI
	}
	if a.URL == "" {
		a.URL = b.URL
	}
	if isPreprint(a.Venue) && !isPreprint(b.Venue) {
		a.Venue, a.Year = b.Venue, b.Year
	}
	for _, c := range a.CitedIn {
		if c == at.Topic {
			return a
		}
	}
	a.CitedIn = append(a.CitedIn, at.Topic)
	a.CitedAt = append(a.CitedAt, at)
	return a
}

func isPreprint(venue string) bool { return strings.HasPrefix(strings.ToLower(venue), "arxiv") }

// assignKeys gives every work its key; works that would share one get a
// letter each in list order (smith2021deep, smith2021deepb).
func assignKeys(refs []Reference) {
	count := map[string]int{}
	for i := range refs {
		k := Key(refs[i])
		count[k]++
		if n := count[k]; n > 1 {
			k += string(rune('a' + n - 1))
		}
		refs[i].ID = k
	}
}
