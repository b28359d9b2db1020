package study

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode"
)

// bibEntry is one entry as a BibTeX reader sees it.
type bibEntry struct {
	Type, Key string
	Fields    map[string]string
}

// parseBibTeX is a strict reader of the subset WriteBibTeX writes, the way
// Zotero and biber read it: @type{key, name = {value}, ...}. Braces must
// balance (an unescaped brace or a stray % would break the file), and a
// value's text is unescaped back.
func parseBibTeX(src string) ([]bibEntry, error) {
	var out []bibEntry
	i := 0
	skipSpace := func() {
		for i < len(src) && unicode.IsSpace(rune(src[i])) {
			i++
		}
	}
	for {
		skipSpace()
		if i >= len(src) {
			return out, nil
		}
		if src[i] != '@' {
			return nil, fmt.Errorf("offset %d: want @, have %q", i, src[i:min(len(src), i+20)])
		}
		j := strings.IndexByte(src[i:], '{')
		if j < 0 {
			return nil, fmt.Errorf("offset %d: no {", i)
		}
		e := bibEntry{Type: src[i+1 : i+j], Fields: map[string]string{}}
		i += j + 1
		k := strings.IndexByte(src[i:], ',')
		e.Key = src[i : i+k]
		if strings.ContainsAny(e.Key, " {}\\%#") {
			return nil, fmt.Errorf("bad key %q", e.Key)
		}
		i += k + 1
		for {
			skipSpace()
			if i < len(src) && src[i] == '}' {
				i++
				break
			}
			eq := strings.IndexByte(src[i:], '=')
			if eq < 0 {
				return nil, fmt.Errorf("entry %s: no =", e.Key)
			}
			name := strings.TrimSpace(src[i : i+eq])
			i += eq + 1
			skipSpace()
			if src[i] != '{' {
				return nil, fmt.Errorf("entry %s field %s: value not braced", e.Key, name)
			}
			depth, start := 0, i
			for ; i < len(src); i++ {
				c := src[i]
				if c == '\\' {
					i++ // an escaped character never opens or closes
					continue
				}
				if c == '%' {
					return nil, fmt.Errorf("entry %s field %s: unescaped %% starts a comment", e.Key, name)
				}
				if c == '{' {
					depth++
				} else if c == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if depth != 0 {
				return nil, fmt.Errorf("entry %s field %s: braces do not balance", e.Key, name)
			}
			e.Fields[name] = unTeX(src[start+1 : i])
			i++
			skipSpace()
			if i < len(src) && src[i] == ',' {
				i++
			}
		}
		out = append(out, e)
	}
}

func unTeX(s string) string {
	s = strings.NewReplacer(`\textbackslash{}`, `\`, `\textasciicircum{}`, `^`, `\textasciitilde{}`, `~`,
		`\{`, "\x00", `\}`, "\x01", `\$`, `$`, `\&`, `&`, `\%`, `%`, `\#`, `#`, `\_`, `_`).Replace(s)
	s = strings.NewReplacer("{", "", "}", "").Replace(s) // grouping braces
	return strings.NewReplacer("\x00", "{", "\x01", "}").Replace(s)
}

func TestTeXEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"100% & more", `100\% \& more`},
		{"a_b #1 $x$", `a\_b \#1 \$x\$`},
		{"{braces}", `\{braces\}`},
		{`back\slash ~ ^`, `back\textbackslash{}slash \textasciitilde{} \textasciicircum{}`},
		{"Tramèr", "Tramèr"},
	}
	for _, tt := range tests {
		if got := TeXEscape(tt.in); got != tt.want {
			t.Errorf("TeXEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := unTeX(TeXEscape(tt.in)); back != tt.in {
			t.Errorf("round trip of %q = %q", tt.in, back)
		}
	}
}

func TestBibAuthors(t *testing.T) {
	tests := map[string]string{
		"Kaplan et al.":                      "Kaplan and others",
		"Narayanan, Shoeybi, Casper, et al.": "Narayanan and Shoeybi and Casper and others",
		"Devlin, Chang, Lee, Toutanova":      "Devlin and Chang and Lee and Toutanova",
		"BAAI":                               "BAAI",
	}
	for in, want := range tests {
		if got := BibAuthors(in); got != want {
			t.Errorf("BibAuthors(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBibTeXRoundTrip writes the fixture's references (one full of TeX's
// special characters) and the real book's, and reads them back.
func TestBibTeXRoundTrip(t *testing.T) {
	for name, book := range map[string]func() ([]Reference, error){
		"fixture": func() ([]Reference, error) { return References(fixture(t, nil)) },
		"book":    func() ([]Reference, error) { return References(realBook(t)) },
	} {
		refs, err := book()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteBibTeX(&buf, refs); err != nil {
			t.Fatal(err)
		}
		entries, err := parseBibTeX(buf.String())
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, buf.String())
		}
		if len(entries) != len(refs) {
			t.Fatalf("%s: %d entries read back, %d written", name, len(entries), len(refs))
		}
		for i, e := range entries {
			r := refs[i]
			if e.Key != r.ID || e.Fields["title"] != r.Title || e.Fields["year"] != fmt.Sprint(r.Year) ||
				e.Fields["author"] != BibAuthors(r.Authors) || e.Type != EntryType(r.Venue) {
				t.Errorf("%s: entry %d read back as %+v; wrote %+v", name, i, e, r)
			}
			if r.ArXiv != "" && e.Fields["eprint"] != r.ArXiv {
				t.Errorf("%s: %s eprint = %q", name, r.ID, e.Fields["eprint"])
			}
		}
	}
	refs, _ := References(fixture(t, nil))
	var buf bytes.Buffer
	WriteBibTeX(&buf, refs)
	if !strings.Contains(buf.String(), `title = {{Privacy\_Leaks: 100\% of \#secrets \{really\}?}}`) {
		t.Errorf("special characters not escaped:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "@misc{kaplan") && !strings.Contains(buf.String(), "@inproceedings{kaplan2020scaling,") {
		t.Errorf("kaplan entry missing:\n%s", buf.String())
	}
}

// TestBibTeXReadsBackWithBibutils hands the book's BibTeX to bibutils'
// bib2xml, the converter behind many reference managers' imports, when it
// is installed (Debian: bibutils): every entry must come back under its key.
func TestBibTeXReadsBackWithBibutils(t *testing.T) {
	bin, err := exec.LookPath("bib2xml")
	if err != nil {
		t.Skip("bib2xml not installed (apt-get install bibutils)")
	}
	refs, err := References(realBook(t))
	if err != nil {
		t.Fatal(err)
	}
	var bib bytes.Buffer
	if err := WriteBibTeX(&bib, refs); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Stdin = &bib
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("bib2xml: %v\n%s", err, errOut.String())
	}
	if want := fmt.Sprintf("Processed %d references", len(refs)); !strings.Contains(errOut.String(), want) {
		t.Errorf("bib2xml says %q, want %q", strings.TrimSpace(errOut.String()), want)
	}
	for _, r := range refs {
		if !strings.Contains(out.String(), `<mods ID="`+r.ID+`">`) {
			t.Errorf("%s did not come back from bib2xml", r.ID)
		}
	}
}
