package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer turns text into normalised words: lower case, letters and
// digits only. Words joined by a connector ("GPT-3", "pre-training",
// "GPT-3.5", "model's") are compounds: each part is a word of its own and the
// parts run together form one more word ("gpt3", "pretraining"), so "gpt3"
// finds GPT-3 and "gpt 3" finds it too.

type evKind uint8

const (
	evWord   evKind = iota // one word
	evJoined               // the joined form of the compound whose parts were just emitted
	evBreak                // a sentence or line boundary: adjacency does not cross it
)

type event struct {
	kind       evKind
	start, end int    // byte range in the source; a joined form covers all its parts
	span       int    // number of parts of a joined form
	word       []byte // normalised; valid only during the callback
}

const (
	maxParts     = 16 // a longer run of connected words is cut into compounds of this many parts
	maxWordBytes = 48 // longer words are cut: the vocabulary stays small and a prefix still finds them
)

type part struct{ start, end, bstart, bend int }

// tokenizer holds reusable buffers, so tokenizing allocates nothing.
type tokenizer struct {
	buf   []byte
	parts []part
	ev    event
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isConnector(r rune) bool {
	switch r {
	case '-', '.', '_', '\'', '’', '‐', '‑', '·': // '·' as in DALL·E
		return true
	}
	return false
}

// isBreakAt reports whether the non-word rune r at s[i] ends a sentence or a
// line. A full stop after an abbreviation or an initial ("et al.", "e.g.",
// "J. Smith") ends nothing.
func isBreakAt(s string, i int, r rune, size int) bool {
	switch r {
	case '\n', '•':
		return true
	case '.', '!', '?':
		if i+size < len(s) {
			switch s[i+size] {
			case ' ', '\n', '\t', '"', ')':
			default:
				return false
			}
		}
		return r != '.' || !afterAbbreviation(s[:i])
	}
	return false
}

// afterAbbreviation reports whether s ends with an abbreviation that takes
// a full stop: a single letter, letters with dots inside, or a known one.
func afterAbbreviation(s string) bool {
	j := len(s)
	dots := false
	for j > 0 {
		c := s[j-1]
		if c == '.' {
			dots = true
		} else if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		j--
	}
	w := s[j:]
	if w == "" || w[0] == '.' {
		return false
	}
	if len(w) == 1 || dots {
		return true
	}
	switch strings.ToLower(w) {
	case "al", "vs", "cf", "fig", "figs", "eq", "no", "dr", "mr", "mrs", "ms", "prof", "approx", "ca", "vol", "pp":
		return true
	}
	return false
}

func appendLower(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// run calls emit for every word, joined form and boundary of s, in order.
// A boundary is reported only between two words.
func (tz *tokenizer) run(s string, emit func(*event)) {
	ev := &tz.ev
	pendingBreak, any := false, false
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if !isWordRune(r) {
			if !pendingBreak && isBreakAt(s, i, r, size) {
				pendingBreak = true
			}
			i += size
			continue
		}
		if pendingBreak && any {
			*ev = event{kind: evBreak, start: i, end: i}
			emit(ev)
		}
		pendingBreak, any = false, true
		tz.buf, tz.parts = tz.buf[:0], tz.parts[:0]
		for {
			ps, bs, full := i, len(tz.buf), false
			for i < len(s) {
				r, size = decodeRune(s, i)
				if !isWordRune(r) {
					break
				}
				if !full {
					if b := appendLower(tz.buf, r); len(b)-bs <= maxWordBytes {
						tz.buf = b
					} else {
						full = true
					}
				}
				i += size
			}
			tz.parts = append(tz.parts, part{ps, i, bs, len(tz.buf)})
			if i >= len(s) || len(tz.parts) == maxParts {
				break
			}
			r, size = decodeRune(s, i)
			if !isConnector(r) || i+size >= len(s) {
				break
			}
			if r2, _ := decodeRune(s, i+size); !isWordRune(r2) {
				break
			}
			i += size
		}
		for _, p := range tz.parts {
			*ev = event{kind: evWord, start: p.start, end: p.end, span: 1, word: tz.buf[p.bstart:p.bend]}
			emit(ev)
		}
		if n := len(tz.parts); n > 1 && len(tz.buf) <= maxWordBytes {
			*ev = event{kind: evJoined, start: tz.parts[0].start, end: tz.parts[n-1].end, span: n, word: tz.buf}
			emit(ev)
		}
	}
}
