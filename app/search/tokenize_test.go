package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
)

// tokens renders the tokenizer's events compactly: words as they are,
// joined forms as word+span, boundaries as "|".
func tokens(s string) string {
	var tz tokenizer
	var out []string
	tz.run(s, func(ev *event) {
		switch ev.kind {
		case evWord:
			out = append(out, string(ev.word))
		case evJoined:
			out = append(out, fmt.Sprintf("%s+%d", ev.word, ev.span))
		case evBreak:
			out = append(out, "|")
		}
	})
	return strings.Join(out, " ")
}

func TestTokenizerNormalisesAndJoinsCompounds(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Transformer", "transformer"},
		{"GPT-3 model", "gpt 3 gpt3+2 model"},
		{"GPT-3.5", "gpt 3 5 gpt35+3"},
		{"pre-training, fine-tuning", "pre training pretraining+2 fine tuning finetuning+2"},
		{"the model's weights", "the model s models+2 weights"},
		{"AlphaFold2 and mT5", "alphafold2 and mt5"},
		{"DALL·E 2", "dall e dalle+2 2"},
		{"2019–2022", "2019 2022"}, // an en dash is a range, not a compound
		{"state-of-the-art", "state of the art stateoftheart+4"},
		{"ÜBER Straße Ωmega", "über straße ωmega"},
		{"-leading and trailing- ", "leading and trailing"},
		{"a--b", "a b"}, // two connectors do not join
		{"(C4) [T5] {x}", "c4 t5 x"},
		{"", ""},
		{"... !!! ", ""},
	}
	for _, tt := range tests {
		if got := tokens(tt.in); got != tt.want {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizerBreaksAtSentencesNotAbbreviations(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Data grew. Models grew.", "data grew | models grew"},
		{"Is it? Yes! No", "is it | yes | no"},
		{"Kaplan et al. showed it", "kaplan et al showed it"},
		{"tasks, e.g. translation", "tasks e g eg+2 translation"},
		{"J. Smith wrote", "j smith wrote"},
		{"the U.S. rules", "the u s us+2 rules"},
		{"first line\nsecond line", "first line | second line"},
		{"• one\n• two", "one | two"},
		{"GPT-3.5. Then", "gpt 3 5 gpt35+3 | then"},
		{"a ratio 3.5 kept", "a ratio 3 5 35+2 kept"},
		{"ends with a stop.", "ends with a stop"},
		{"semi; colon: still one", "semi colon still one"},
	}
	for _, tt := range tests {
		if got := tokens(tt.in); got != tt.want {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizerReportsSourceOffsets(t *testing.T) {
	s := "Big GPT-3 models"
	var tz tokenizer
	var got []string
	tz.run(s, func(ev *event) {
		if ev.kind != evBreak {
			got = append(got, s[ev.start:ev.end])
		}
	})
	want := "Big GPT 3 GPT-3 models"
	if strings.Join(got, " ") != want {
		t.Errorf("source ranges = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestTokenizerCutsLongWords(t *testing.T) {
	long := strings.Repeat("ab", 100)
	got := tokens(long + " end")
	words := strings.Fields(got)
	if len(words) != 2 || len(words[0]) != maxWordBytes || words[1] != "end" {
		t.Errorf("tokens(200-letter word) = %q, want a %d-byte word then \"end\"", got, maxWordBytes)
	}
	// A compound too long to join keeps its parts only.
	parts := strings.Repeat("abcdefgh-", 10) + "z"
	if got := tokens(parts); strings.Contains(got, "+") {
		t.Errorf("tokens(long compound) = %q, want no joined form", got)
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in      string
		words   string // text, with ^ before a word that must follow the previous one
		pattern string
	}{
		{"transformer", "transformer", "transformer"},
		{"  Pipe   par ", "pipe par", "Pipe par"},
		{"GPT-3 model", "gpt3 model", "GPT-3 model"},
		{`"pipeline parallelism" zero`, "pipeline ^parallelism zero", "pipeline parallelism zero"},
		{`data "model parallel`, "data model ^parallel", "data model parallel"},
		{`"one" two`, "one two", "one two"},
		{"---", "", "---"},
		{"", "", ""},
	}
	var tz tokenizer
	for _, tt := range tests {
		q := parseQuery(tt.in, &tz)
		var ws []string
		for _, w := range q.words {
			if w.phrase {
				ws = append(ws, "^"+w.text)
			} else {
				ws = append(ws, w.text)
			}
		}
		if got := strings.Join(ws, " "); got != tt.words {
			t.Errorf("parseQuery(%q) words = %q, want %q", tt.in, got, tt.words)
		}
		if q.pattern != tt.pattern {
			t.Errorf("parseQuery(%q) pattern = %q, want %q", tt.in, q.pattern, tt.pattern)
		}
	}
}

func TestParseQueryLimitsWords(t *testing.T) {
	var tz tokenizer
	q := parseQuery(strings.Repeat("word ", 40), &tz)
	if len(q.words) != maxQueryWords {
		t.Errorf("40 words parsed into %d, want %d", len(q.words), maxQueryWords)
	}
	if q.pattern != "" {
		t.Errorf("a 200-byte query is matched against titles as %q; want no title pattern", q.pattern)
	}
	q = parseQuery(strings.Repeat("é", 300), &tz)
	if len(q.words) != 1 || len(q.words[0].text) > maxWordBytes {
		t.Errorf("a 600-byte word parsed into %d words", len(q.words))
	}
}

func TestOSACountsTranspositionsAsOneEdit(t *testing.T) {
	var rows [3][maxWordBytes + 8]int
	tests := []struct {
		a, b         string
		max          int
		full, prefix int
	}{
		{"transformer", "transformer", 2, 0, 0},
		{"trasnformer", "transformer", 2, 1, 1},
		{"tranformer", "transformer", 2, 1, 1},
		{"transformr", "transformer", 2, 1, 1},
		{"tarnsfromer", "transformer", 2, 2, 2},
		{"tranf", "transformer", 2, 3, 1}, // far from the word, near its start
		{"zzqxv", "transformer", 2, 3, 3},
		{"abc", "abd", 1, 1, 1},
		{"abc", "xyz", 1, 2, 2},
		{"ab", "ba", 1, 1, 1},
	}
	for _, tt := range tests {
		full, prefix := osa(tt.a, tt.b, tt.max, &rows)
		if full != tt.full || prefix != tt.prefix {
			t.Errorf("osa(%q, %q, %d) = %d, %d; want %d, %d", tt.a, tt.b, tt.max, full, prefix, tt.full, tt.prefix)
		}
	}
}

func TestTitleQualityPrefersWordStarts(t *testing.T) {
	tests := []struct {
		title string
		idx   []int
		want  float32
	}{
		{"Parallel Training System", []int{0, 9, 18}, 0.9},          // pts
		{"Multi-modal Model", []int{0, 6}, 0.9},                     // mm
		{"AlphaFold", []int{0, 5}, 0.9},                             // af: camel case
		{"Data", []int{1, 2, 3}, 0},                                 // ata: starts inside a word
		{"Cleaning, filtering", []int{0, 1, 3, 14}, 0.1 + 0.23*0.5}, // clip: scattered
		{"Why big models strain", []int{0, 13, 14, 18}, 0},          // wnor: mostly inside words
	}
	for _, tt := range tests {
		got := titleQuality(tt.title, tt.idx)
		if got < tt.want-1e-6 || got > tt.want+1e-6 {
			t.Errorf("titleQuality(%q, %v) = %v, want %v", tt.title, tt.idx, got, tt.want)
		}
	}
}

func TestRuneBitFoldsCaseLikeSahilm(t *testing.T) {
	for _, p := range [][2]rune{{'a', 'A'}, {'z', 'Z'}, {'k', 0x212A}, {'s', 0x17F}} {
		if runeBit(p[0]) != runeBit(p[1]) {
			t.Errorf("runeBit(%q) != runeBit(%q): a title with one would be skipped for a pattern with the other", p[0], p[1])
		}
	}
}

// The one-letter shortcut in matchTitles must accept the titles sahilm/fuzzy
// plus titleQuality accept.
func TestOneLetterTitlesMatchAsSahilmWould(t *testing.T) {
	titles := []string{"Parallel Training System", "Data", "AlphaFold", "Multi-modal Model", "the Transformer",
		"GPT-3 and the case for scale", "Key works", "Über alles", "ViT", "Ölmodell", "x", "2020 results"}
	ix := NewIndex(nil)
	for _, letter := range "ptadmgkvxüö2fs" {
		for _, title := range titles {
			ms := fuzzy.Find(string(letter), []string{title})
			want := len(ms) == 1 && titleQuality(title, ms[0].MatchedIndexes) == 0.9
			g := newTitleGroup(title, &ix.tz)
			got := g.initials&runeBit(letter) != 0 && hasWordStart(title, letter)
			if got != want {
				t.Errorf("%q on %q: shortcut %v, sahilm %v", letter, title, got, want)
			}
		}
	}
}
