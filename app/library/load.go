package library

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Error is a problem in one file of the book, at one line (0 when unknown).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

type bookFile struct {
	Title     string     `yaml:"title"`
	Subtitle  string     `yaml:"subtitle"`
	Front     []string   `yaml:"front"`
	Back      []string   `yaml:"back"`
	Parts     []partFile `yaml:"parts"`
	Unwritten []string   `yaml:"unwritten"` // topics listed before their chapter exists
}

type partFile struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Summary string   `yaml:"summary"`
	Topics  []string `yaml:"topics"`
}

// Load reads book.yaml and chapters/*.md from fsys and checks the whole book.
// Every problem found is returned, joined, each naming its file and line.
func Load(fsys fs.FS) (*Book, error) {
	raw, err := fs.ReadFile(fsys, "book.yaml")
	if err != nil {
		return nil, fmt.Errorf("load book: %w", err)
	}
	var bf bookFile
	if err := decodeYAML("book.yaml", 0, raw, &bf); err != nil {
		return nil, err
	}
	var errs []error
	add := func(e error) { errs = append(errs, e) }

	b := &Book{Title: bf.Title, Subtitle: bf.Subtitle, byID: map[string]*Topic{}}
	unwritten := map[string]bool{}
	for _, id := range bf.Unwritten {
		unwritten[id] = true
	}
	listed := map[string]bool{}
	newTopic := func(id string, p *Part) *Topic {
		if !validID(id) {
			add(errorf("book.yaml", 0, "topic id %q: use lower-case letters, digits and '-'", id))
		}
		if listed[id] {
			add(errorf("book.yaml", 0, "topic %q is listed twice", id))
		}
		listed[id] = true
		t := &Topic{ID: id, Part: p, File: "chapters/" + id + ".md", Title: humanize(id)}
		b.topics = append(b.topics, t)
		b.byID[id] = t
		return t
	}
	for _, id := range bf.Front {
		b.Front = append(b.Front, newTopic(id, nil))
	}
	partIDs := map[string]bool{}
	for _, pf := range bf.Parts {
		if partIDs[pf.ID] {
			add(errorf("book.yaml", 0, "part %q is listed twice", pf.ID))
		}
		partIDs[pf.ID] = true
		if pf.Title == "" {
			add(errorf("book.yaml", 0, "part %q has no title", pf.ID))
		}
		p := &Part{ID: pf.ID, Title: pf.Title, Summary: pf.Summary}
		for _, id := range pf.Topics {
			p.Topics = append(p.Topics, newTopic(id, p))
		}
		b.Parts = append(b.Parts, p)
	}
	for _, id := range bf.Back {
		b.Back = append(b.Back, newTopic(id, nil))
	}
	for i, t := range b.topics {
		t.Index = i
	}

	// Chapters on disk.
	entries, err := fs.ReadDir(fsys, "chapters")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("load book: %w", err)
	}
	var links []linkAt
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			continue
		}
		id := strings.TrimSuffix(name, ".md")
		file := "chapters/" + name
		t := b.byID[id]
		if id == GlossaryID || id == ReferencesID {
			add(errorf(file, 0, "%q is made by the program from the chapters; remove the file", id))
			continue
		}
		if t == nil {
			add(errorf(file, 0, "chapter %q is not listed in book.yaml", id))
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			add(fmt.Errorf("%s: %w", file, err))
			continue
		}
		ch, err := parseChapter(file, data)
		if err != nil {
			add(err)
			t.Written = true // it exists; its own error says what is wrong
			continue
		}
		t.Title, t.Summary, t.Related, t.Terms = ch.title, ch.summary, ch.related, ch.terms
		t.Sections, t.Words, t.Written = ch.sections, ch.words, true
		for i := range t.Terms {
			t.Terms[i].Topic = id
		}
		for _, s := range t.Sections {
			s.Topic = t
			for _, blk := range s.Blocks {
				if blk.Kind == Image {
					if _, err := fs.Stat(fsys, blk.Src); err != nil {
						add(errorf(file, blk.Line, "image %q not found in the book", blk.Src))
					}
				}
			}
		}
		for _, l := range ch.links {
			l.file = file
			if l.Topic == "" {
				l.Topic = id
			}
			links = append(links, l)
		}
		for _, r := range ch.related {
			links = append(links, linkAt{Link: Link{Topic: r}, file: file, line: 1})
		}
	}
	for _, t := range b.topics {
		if !t.Written && !unwritten[t.ID] {
			add(errorf("book.yaml", 0, "topic %q is listed but %s does not exist", t.ID, t.File))
		}
		if t.Written && unwritten[t.ID] {
			add(errorf("book.yaml", 0, "topic %q is marked unwritten but %s exists", t.ID, t.File))
		}
	}
	for _, l := range links {
		t := b.byID[l.Topic]
		switch {
		case t == nil:
			add(errorf(l.file, l.line, "link to unknown topic %q", l.Topic))
		case l.Section != "" && t.Written && t.Section(l.Section) == nil:
			add(errorf(l.file, l.line, "link to unknown section %q of topic %q", l.Section, l.Topic))
		}
	}
	errs = append(errs, checkGlossary(b.topics)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	findUses(b.topics)
	b.addGenerated()
	return b, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// decodeYAML decodes strictly and reports the line in the file itself
// (offset is the number of lines before the YAML starts).
func decodeYAML(file string, offset int, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + offset
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		return errorf(file, line, "front matter does not parse: %s", msg)
	}
	return nil
}

func checkUTF8(file string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return errorf(file, line, "invalid UTF-8 at byte %d", i)
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return errorf(file, 0, "invalid UTF-8")
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func validID(id string) bool { return idPattern.MatchString(id) }

// humanize turns an id into a title for a topic whose chapter is not written yet.
func humanize(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func sortTerms(ts []Term) {
	sort.SliceStable(ts, func(i, j int) bool {
		return strings.ToLower(ts[i].Term) < strings.ToLower(ts[j].Term)
	})
}

// cleanImagePath keeps images inside the book: relative, no "..".
func cleanImagePath(src string) (string, bool) {
	if strings.Contains(src, "://") || strings.HasPrefix(src, "/") {
		return "", false
	}
	p := path.Clean(src)
	if p == ".." || strings.HasPrefix(p, "../") || !strings.HasPrefix(p, "figures/") {
		return "", false
	}
	return p, true
}
