package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"

	"roadmapreader/app/search"
)

// The benchmark library: the real book plus 1,000 notes is 1×; 10× and 100×
// add generated books and notes that mimic the real one (its words, word
// pairs, document kinds and lengths, and a vocabulary that keeps growing
// the way real text's does). 100× is some 7 million words.

var scales = []int{1, 10, 100}

// queries are typed letter by letter, then a phrase, a typo and a miss.
// Then questions as people type them: stop words, names spelled apart, an
// acronym, a filter with an excluded word, a quoted phrase, and two words no
// passage holds together (the any-word fallback).
var queries = []string{"t", "tr", "tra", "transformer", "tranformer", "pts", "gpt-3", "pipe p", "pipe par", "pipeline parallelism", "zzqxv",
	"who wrote megatron", "wu dao", "alpha fold", "rlhf", "transformer -vision in:text", `"pipeline parallelism"`, "attention zebra"}

// naiveAt100 are the queries the naive baseline also runs at 100× (each
// takes about a second there).
var naiveAt100 = map[string]bool{"transformer": true, "pipe par": true}

var (
	libMu    sync.Mutex
	libDocs  = map[int][]search.Doc{}
	libIndex = map[int]*search.Index{}
)

func benchLibrary(b *testing.B, scale int) ([]search.Doc, *search.Index) {
	libMu.Lock()
	defer libMu.Unlock()
	if docs, ok := libDocs[scale]; ok {
		return docs, libIndex[scale]
	}
	b.StopTimer()
	defer b.StartTimer()
	docs := generateLibrary(bookDocs(b), scale, 1)
	libDocs[scale] = docs
	libIndex[scale] = search.NewIndex(docs)
	libIndex[scale].SetAliases([]search.Alias{
		{Short: "RLHF", Long: "Reinforcement learning from human feedback"},
		{Short: "MoE", Long: "Mixture of experts"},
	})
	return docs, libIndex[scale]
}

func BenchmarkSearch(b *testing.B) {
	for _, scale := range scales {
		for _, q := range queries {
			b.Run(fmt.Sprintf("%dx/%s", scale, q), func(b *testing.B) {
				_, ix := benchLibrary(b, scale)
				ctx := context.Background()
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					ix.Search(ctx, q, search.DefaultLimit)
				}
			})
		}
	}
}

func BenchmarkNaive(b *testing.B) {
	for _, scale := range scales {
		for _, q := range queries {
			if scale == 100 && !naiveAt100[q] {
				continue
			}
			b.Run(fmt.Sprintf("%dx/%s", scale, q), func(b *testing.B) {
				docs, _ := benchLibrary(b, scale)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					search.Naive(docs, q, search.DefaultLimit)
				}
			})
		}
	}
}

// BenchmarkBuild measures building the index, and its memory: the index's
// own estimate (index-bytes) and the heap it really holds (heap-bytes), both
// including the documents' strings (text-bytes).
func BenchmarkBuild(b *testing.B) {
	for _, scale := range scales {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			docs, _ := benchLibrary(b, scale)
			var st search.Stats
			var heap uint64
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				var m0 runtime.MemStats
				runtime.ReadMemStats(&m0)
				b.StartTimer()
				ix := search.NewIndex(docs)
				b.StopTimer()
				runtime.GC()
				var m1 runtime.MemStats
				runtime.ReadMemStats(&m1)
				heap = m1.HeapAlloc - m0.HeapAlloc
				st = ix.Stats()
				runtime.KeepAlive(ix)
				b.StartTimer()
			}
			text := 0
			for _, d := range docs {
				text += len(d.ID) + len(d.Title) + len(d.Text) + len(d.Path) + len(d.Topic) + len(d.Section)
			}
			b.ReportMetric(float64(st.Docs), "docs")
			b.ReportMetric(float64(st.Words), "words")
			b.ReportMetric(float64(st.Vocabulary), "vocabulary")
			b.ReportMetric(float64(st.Bytes), "index-bytes")
			b.ReportMetric(float64(heap+uint64(text)), "heap-bytes")
			b.ReportMetric(float64(st.TextBytes), "text-bytes")
		})
	}
}

// BenchmarkUpsertNote is the cost of saving a note into the 1× index.
func BenchmarkUpsertNote(b *testing.B) {
	_, ix := benchLibrary(b, 1)
	note := search.Doc{ID: "note:bench", Kind: search.Note, Text: "Compare pipeline bubbles in GPipe with PipeDream's 1F1B schedule before the exam."}
	b.ReportAllocs()
	for b.Loop() {
		ix.Upsert(note)
	}
}

// generateLibrary is the book plus scale×1,000 notes, and scale-1 generated
// books of the book's size.
func generateLibrary(book []search.Doc, scale int, seed uint64) []search.Doc {
	g := newGenerator(book, seed)
	out := append([]search.Doc(nil), book...)
	for c := 1; c < scale; c++ {
		for _, d := range book {
			nd := d
			nd.ID = fmt.Sprintf("%s~%d", d.ID, c)
			if d.Title != "" {
				nd.Title = g.title(len(strings.Fields(d.Title)))
			}
			if d.Text != "" {
				nd.Text = g.text(len(strings.Fields(d.Text)))
			}
			out = append(out, nd)
		}
	}
	for i := range scale * 1000 {
		out = append(out, search.Doc{ID: fmt.Sprintf("note:gen%d", i), Kind: search.Note, Topic: "data", Block: -1,
			Text: g.text(8 + g.rnd.IntN(50))})
	}
	return out
}

// generator writes text from the book's word pairs, now and then putting
// in a word never seen before (a name, a model, a dataset) or one of those
// again, so the vocabulary grows as a bigger real library's would.
type generator struct {
	rnd    *rand.Rand
	words  []string
	next   map[string][]string
	starts []string
	coined []string
}

func newGenerator(book []search.Doc, seed uint64) *generator {
	g := &generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), next: map[string][]string{}}
	for _, d := range book {
		ws := strings.Fields(d.Text)
		for i, w := range ws {
			g.words = append(g.words, w)
			if i == 0 || strings.HasSuffix(ws[i-1], ".") {
				g.starts = append(g.starts, w)
			}
			if i+1 < len(ws) {
				g.next[w] = append(g.next[w], ws[i+1])
			}
		}
	}
	if len(g.starts) == 0 {
		g.starts = []string{"Models"}
		g.words = g.starts
	}
	return g
}

var syllables = strings.Fields("ka lo ri ven tra mo del sa pi qu or ex zen bel tor ami gra ph lux net form cal dyn ost ero")

func (g *generator) coin() string {
	var b strings.Builder
	for range 2 + g.rnd.IntN(3) {
		b.WriteString(syllables[g.rnd.IntN(len(syllables))])
	}
	w := b.String()
	switch g.rnd.IntN(4) {
	case 0:
		w = strings.ToUpper(w[:1]) + w[1:]
	case 1:
		w = strings.ToUpper(w[:3]) + fmt.Sprintf("-%d", 1+g.rnd.IntN(200))
	}
	return w
}

func (g *generator) word(prev string) string {
	switch r := g.rnd.IntN(1000); {
	case r < 12:
		w := g.coin()
		g.coined = append(g.coined, w)
		return w
	case r < 30 && len(g.coined) > 0:
		return g.coined[g.rnd.IntN(len(g.coined))]
	}
	if f := g.next[prev]; len(f) > 0 {
		return f[g.rnd.IntN(len(f))]
	}
	return g.starts[g.rnd.IntN(len(g.starts))]
}

func (g *generator) text(n int) string {
	var b strings.Builder
	w := g.starts[g.rnd.IntN(len(g.starts))]
	for i := range max(n, 1) {
		if i > 0 {
			b.WriteByte(' ')
			w = g.word(w)
		}
		b.WriteString(w)
	}
	return b.String()
}

func (g *generator) title(n int) string {
	ws := strings.Fields(g.text(max(1, min(n, 8))))
	for i, w := range ws {
		ws[i] = strings.TrimRight(w, ".,;:")
	}
	t := strings.Join(ws, " ")
	if r := []rune(t); len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
		t = string(r)
	}
	return t
}
