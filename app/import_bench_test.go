package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

// hostileExport is a JSON export of about size bytes whose notes are made
// of words never seen before: the worst case for the search index.
func hostileExport(tb testing.TB, size int) []byte {
	tb.Helper()
	rng := rand.New(rand.NewPCG(uint64(size), 9))
	e := storage.Export{Version: storage.ExportVersion, Exported: time.Now()}
	total := 0
	for i := 0; total < size; i++ {
		var b strings.Builder
		for b.Len() < 2000 {
			for range 8 {
				b.WriteByte(byte('a' + rng.IntN(26)))
			}
			b.WriteByte(' ')
		}
		now := time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC)
		n := storage.Note{ID: fmt.Sprintf("n%08d", i), Topic: "data", Block: -1, Body: b.String(), Created: now, Updated: now}
		e.Notes = append(e.Notes, n)
		total += b.Len() + 200
	}
	data, err := json.Marshal(e)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func benchSession(tb testing.TB) *Session {
	tb.Helper()
	b, err := library.Load(assets.Book())
	if err != nil {
		tb.Fatal(err)
	}
	st, err := storage.Open(filepath.Join(tb.TempDir(), "reader.db"), storage.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	r, err := New(b, st)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkImport imports an export of all-new words into a fresh store:
// its time must grow linearly with the size (compare 1MB and 10MB).
func BenchmarkImport(b *testing.B) {
	for _, mb := range []int{1, 10} {
		data := hostileExport(b, mb<<20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				b.StopTimer()
				r := benchSession(b)
				b.StartTimer()
				if _, err := r.Import(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
