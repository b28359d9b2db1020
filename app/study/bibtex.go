package study

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// WriteBibTeX writes the references as BibTeX for Zotero, JabRef or LaTeX:
// preprints as @misc with their arXiv id, journals as @article, the rest as
// @inproceedings. Characters special to TeX are escaped; the text stays
// UTF-8, which biber, Zotero and JabRef read as is.
func WriteBibTeX(w io.Writer, refs []Reference) error {
	var b strings.Builder
	for i, r := range refs {
		if i > 0 {
			b.WriteByte('\n')
		}
		kind := EntryType(r.Venue)
		fmt.Fprintf(&b, "@%s{%s,\n", kind, r.ID)
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
			}
		}
		field("author", TeXEscape(BibAuthors(r.Authors)))
		field("title", "{"+TeXEscape(r.Title)+"}") // double braces keep the book's capitals
		switch kind {
		case "article":
			field("journal", TeXEscape(r.Venue))
		case "inproceedings":
			field("booktitle", TeXEscape(r.Venue))
		default:
			field("howpublished", TeXEscape(r.Venue))
		}
		field("year", fmt.Sprint(r.Year))
		if r.ArXiv != "" {
			field("eprint", r.ArXiv)
			field("archiveprefix", "arXiv")
		}
		field("doi", TeXEscape(r.DOI))
		if r.URL != "" {
			field("url", urlEscape(r.URL))
		} else if l := r.Link(); l != "" {
			field("url", urlEscape(l))
		}
		b.WriteString("}\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var journalRe = regexp.MustCompile(`(?i)\b(journal|transactions|jmlr|tmlr|tacl|nature|science|cell|proceedings of the national|pnas|letters|review)\b`)

// EntryType is the BibTeX type of a venue: misc, article or inproceedings.
func EntryType(venue string) string {
	switch {
	case isPreprint(venue):
		return "misc"
	case journalRe.MatchString(venue):
		return "article"
	}
	return "inproceedings"
}

// BibAuthors writes an author list the BibTeX way: "Kaplan, McCandlish, et
// al." becomes "Kaplan and McCandlish and others".
func BibAuthors(authors string) string {
	a := strings.TrimSpace(authors)
	others := false
	for _, suffix := range []string{", et al.", " et al.", ", et al", " et al"} {
		if strings.HasSuffix(a, suffix) {
			a, others = strings.TrimSuffix(a, suffix), true
			break
		}
	}
	var names []string
	for _, n := range strings.Split(a, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if others {
		names = append(names, "others")
	}
	return strings.Join(names, " and ")
}

var texSpecial = strings.NewReplacer(
	`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `$`, `\$`, `&`, `\&`, `%`, `\%`,
	`#`, `\#`, `_`, `\_`, `^`, `\textasciicircum{}`, `~`, `\textasciitilde{}`,
)

// TeXEscape escapes the characters TeX gives a meaning to.
func TeXEscape(s string) string { return texSpecial.Replace(s) }

// urlEscape keeps a URL usable in BibTeX: only braces and percent signs,
// which would end the field or start a comment, are encoded.
func urlEscape(s string) string {
	return strings.NewReplacer("%", `\%`, "{", "%7B", "}", "%7D").Replace(s)
}
