package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Note is a personal note anchored at a topic, optionally a section, and
// optionally a block (paragraph) of it; Passage keeps the first ~80
// characters of that block so the note can be re-anchored when the text
// changes. Block is -1 when the note is about the whole section.
type Note struct {
	ID       string    `json:"id"`
	Topic    string    `json:"topic"`
	Section  string    `json:"section,omitempty"`
	Block    int       `json:"block"`
	Passage  string    `json:"passage,omitempty"`
	Body     string    `json:"body"`
	Tags     []string  `json:"tags,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Checksum string    `json:"checksum"`
}

// NoteSummary is everything about a note but its body, kept apart from the
// bodies: the notes list, the panel's order and a note's place in the book
// read it, so a session holds summaries in memory and reads a body only when
// it is shown (a reader with 100,000 notes has 200 MB of them).
type NoteSummary struct {
	ID      string    `json:"id"`
	Topic   string    `json:"topic"`
	Section string    `json:"section,omitempty"`
	Block   int       `json:"block"`
	Passage string    `json:"passage,omitempty"`
	Title   string    `json:"title"`
	Tags    []string  `json:"tags,omitempty"`
	Size    int       `json:"size"` // the body's length in bytes
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Note is the summary as a note without its body.
func (sum NoteSummary) Note() Note {
	return Note{ID: sum.ID, Topic: sum.Topic, Section: sum.Section, Block: sum.Block, Passage: sum.Passage,
		Tags: sum.Tags, Created: sum.Created, Updated: sum.Updated}
}

// NoteVersion is an earlier body of a note.
type NoteVersion struct {
	NoteID string    `json:"noteId"`
	Body   string    `json:"body"`
	Saved  time.Time `json:"saved"`
}

// TrashedNote is a deleted note, kept for 30 days.
type TrashedNote struct {
	Note
	DeletedAt time.Time `json:"deletedAt"`
}

// Summary is the note's entry in the notes list.
func (n Note) Summary() NoteSummary {
	return NoteSummary{ID: n.ID, Topic: n.Topic, Section: n.Section, Block: n.Block, Passage: n.Passage,
		Title: n.Title(), Tags: n.Tags, Size: len(n.Body), Created: n.Created, Updated: n.Updated}
}

const (
	titleMax     = 80
	untitledNote = "Untitled note"
)

// clip cuts s to at most max runes, at a word boundary when one is near,
// marking the cut with an ellipsis.
func clip(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max-1]
	cut := len(r)
	for i := len(r) - 1; i > max*2/3; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "…"
}

const tagMax = 64

// ParseTags finds the #tags in a body: a '#' at the start of a word followed
// by letters, digits, '_' or '-' (at least one letter). Lower-cased, unique,
// sorted. A heading ("# Title"), a '#' inside a word or URL ("C#", "a/#b"),
// a number ("#1") and anything in code are not tags.
func ParseTags(body string) []string {
	seen := map[string]bool{}
	inFence := false
	for _, line := range strings.Split(body, "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		scanTags(stripCodeSpans(line), seen)
	}
	tags := make([]string, 0, len(seen))
	for t := range seen {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	if len(tags) == 0 {
		return nil
	}
	return tags
}

func stripCodeSpans(line string) string {
	if !strings.Contains(line, "`") {
		return line
	}
	var b strings.Builder
	in := false
	for _, r := range line {
		if r == '`' {
			in = !in
			b.WriteRune(' ')
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func scanTags(line string, seen map[string]bool) {
	runes := []rune(line)
	for i := 0; i < len(runes); i++ {
		if runes[i] != '#' {
			continue
		}
		if i > 0 && !tagBoundary(runes[i-1]) {
			continue
		}
		j := i + 1
		letter := false
		for j < len(runes) && isTagRune(runes[j]) {
			if unicode.IsLetter(runes[j]) {
				letter = true
			}
			j++
		}
		tag := strings.TrimRight(string(runes[i+1:j]), "-_")
		i = j - 1
		if !letter || tag == "" || utf8.RuneCountInString(tag) > tagMax {
			continue
		}
		seen[strings.ToLower(tag)] = true
	}
}

func tagBoundary(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{\"',;", r)
}

func isTagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-'
}

// checksum is the hex sha256 of a body.
func checksum(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}

// intact reports whether the note's body still matches its checksum.
func (n Note) intact() bool { return n.Checksum == checksum(n.Body) }

// NewID returns a fresh id: 48 bits of Unix milliseconds then 80 random bits,
// as 32 hex digits, so ids sort by creation and never clash across machines.
func NewID(now time.Time) string {
	var b [16]byte
	var ms [8]byte
	binary.BigEndian.PutUint64(ms[:], uint64(now.UnixMilli()))
	copy(b[:6], ms[2:])
	if _, err := rand.Read(b[6:]); err != nil {
		panic(fmt.Sprintf("storage: no randomness for ids: %v", err)) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b[:])
}

const idMax = 64

// validID accepts the ids this package makes and those of a reasonable
// export: 1-64 letters, digits, '-' or '_' (no separators, no surprises
// inside bucket keys or file names).
func validID(id string) bool {
	if id == "" || len(id) > idMax {
		return false
	}
	for _, r := range id {
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')) {
			return false
		}
	}
	return true
}
