// Package notegen fills a data folder with many notes through the storage
// package, for benchmarks and the scaled end-to-end measurement: a reader
// who has written for years. It is a test helper, not a mode of the program.
package notegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// batch is how many notes go into one import transaction.
const batch = 5000

// words is the vocabulary notes are written from: the book's own terms and
// plain English, so searches over notes find something and miss something.
var words = strings.Fields(`the model layer attention parallelism pipeline tensor expert
routing sparse dense scaling law data tokens training inference memory cache
quantization distillation alignment reward feedback safety evaluation benchmark
prompt context window retrieval agent reasoning chain thought gradient optimizer
batch schedule warmup loss curve compute budget hardware cluster bandwidth latency
throughput kernel fusion precision mixed checkpoint shard replica stage micro
question idea compare contrast follow read later why how what when remember
important unclear surprising agree disagree citation figure table section`)

// Notes makes n notes of about size bytes each, spread round-robin over
// every written topic's sections and blocks, with a few tags. seed makes
// the text repeatable; ids are new each call.
func Notes(book *library.Book, n, size int, seed uint64) []storage.Note {
	type place struct {
		topic, section string
		block          int
	}
	var places []place
	for _, t := range book.Topics() {
		if !t.Written || t.Generated {
			continue
		}
		for _, s := range t.Sections {
			for bi, b := range s.Blocks {
				if b.Text == "" {
					continue
				}
				places = append(places, place{t.ID, s.Anchor, bi})
			}
		}
	}
	if len(places) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]storage.Note, 0, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		p := places[i%len(places)]
		b.Reset()
		fmt.Fprintf(&b, "Note %d on %s\n\n", i, p.topic)
		for b.Len() < size {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(12) == 0 {
				b.WriteString(".\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "\n\n#%s #n%d", words[rng.IntN(len(words))], i%97)
		at := base.Add(time.Duration(i) * time.Minute)
		out = append(out, storage.Note{
			ID: storage.NewID(at), Topic: p.topic, Section: p.section, Block: p.block,
			Body: b.String(), Created: at, Updated: at,
		})
	}
	return out
}

// Fill adds n notes of about 2 KB to the store in a few large imports (one
// transaction each), so 100,000 notes take seconds, not a fsync apiece.
func Fill(store *storage.Store, book *library.Book, n int, seed uint64) error {
	notes := Notes(book, n, 2000, seed)
	if n > 0 && len(notes) == 0 {
		return fmt.Errorf("notegen: the book has no written text to anchor notes on")
	}
	for len(notes) > 0 {
		k := min(batch, len(notes))
		// Highlights non-nil: not an old export whose passage notes become highlights.
		rep, err := store.Import(storage.Export{Version: storage.ExportVersion, Exported: time.Now(),
			Notes: notes[:k], Highlights: []storage.Highlight{}})
		if err != nil {
			return fmt.Errorf("notegen: %w", err)
		}
		if rep.NotesAdded != k {
			return fmt.Errorf("notegen: %d of %d notes added", rep.NotesAdded, k)
		}
		notes = notes[k:]
	}
	return nil
}

// FillDir makes a data folder dir holding n generated notes (see Fill).
func FillDir(dir string, book *library.Book, n int, seed uint64) error {
	st, err := storage.Open(storage.PathIn(dir), storage.Options{})
	if err != nil {
		return err
	}
	if err := Fill(st, book, n, seed); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

// Dirs makes data folders of generated notes for a test binary's
// benchmarks, each count once (seed 1), under one temporary folder that
// RemoveAll takes away.
type Dirs struct {
	mu   sync.Mutex
	root string
	dirs map[int]string
}

// For is the data folder holding n notes, made on first use.
func (d *Dirs) For(book *library.Book, n int) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root == "" {
		root, err := os.MkdirTemp("", "rr-notegen-")
		if err != nil {
			return "", err
		}
		d.root, d.dirs = root, map[int]string{}
	}
	if dir, ok := d.dirs[n]; ok {
		return dir, nil
	}
	dir := filepath.Join(d.root, fmt.Sprint(n))
	if err := FillDir(dir, book, n, 1); err != nil {
		return "", err
	}
	d.dirs[n] = dir
	return dir, nil
}

// RemoveAll takes away every folder For made.
func (d *Dirs) RemoveAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root != "" {
		os.RemoveAll(d.root)
		d.root, d.dirs = "", nil
	}
}
