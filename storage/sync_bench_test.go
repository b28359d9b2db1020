package storage

import (
	"fmt"
	"testing"
	"time"
)

// importNotes fills a store with n notes of about 400 bytes in one
// transaction and returns their ids.
func importNotes(b testing.TB, s *Store, n int, at time.Time) []string {
	b.Helper()
	e := Export{Version: ExportVersion, Exported: at}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = NewID(at)
		e.Notes = append(e.Notes, Note{ID: ids[i], Topic: "data", Block: -1,
			Body: fmt.Sprintf("note %d #bench\n%s", i, longText(380)), Created: at, Updated: at})
	}
	if _, err := s.Import(e); err != nil {
		b.Fatal(err)
	}
	return ids
}

// BenchmarkSyncRoundNothingNew10000Notes: a round with 10,000 notes synced
// and nothing new on either side (target ≤ 50 ms).
func BenchmarkSyncRoundNothingNew10000Notes(b *testing.B) {
	folder := b.TempDir()
	a, other := newStore(b, nil), newStore(b, nil)
	importNotes(b, a, 10000, time.Now())
	for _, s := range []*Store{a, other, a} {
		if _, err := s.Sync(folder, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := a.Sync(folder, SyncOptions{})
		if err != nil || !rep.Quiet {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}

// BenchmarkSyncApply1000RemoteChanges: one round that merges 1,000 edits
// another device made to notes of a 10,000-note library (target ≤ 1 s).
func BenchmarkSyncApply1000RemoteChanges(b *testing.B) {
	folder := b.TempDir()
	a, other := newStore(b, nil), newStore(b, nil)
	ids := importNotes(b, a, 10000, time.Now().Add(-time.Hour))
	for _, s := range []*Store{a, other} {
		if _, err := s.Sync(folder, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j := 0; j < 1000; j++ {
			id := ids[(i*1000+j)%len(ids)]
			if _, err := a.SaveNote(Note{ID: id, Topic: "data", Block: -1, Body: fmt.Sprintf("edit %d.%d %s", i, j, longText(380))}); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := a.Sync(folder, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := other.Sync(folder, SyncOptions{})
		if err != nil || rep.Applied != 1000 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}

// BenchmarkSyncRoundOneLocalEdit10000Notes: a round after one note was
// edited here, which scans the 10,000 notes for what changed.
func BenchmarkSyncRoundOneLocalEdit10000Notes(b *testing.B) {
	folder := b.TempDir()
	a := newStore(b, nil)
	ids := importNotes(b, a, 10000, time.Now().Add(-time.Hour))
	if _, err := a.Sync(folder, SyncOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := a.SaveNote(Note{ID: ids[i%len(ids)], Topic: "data", Block: -1, Body: fmt.Sprint("edit ", i)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := a.Sync(folder, SyncOptions{})
		if err != nil || rep.Sent != 1 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}

// benchHighlights fills a store with n highlights with notes of about
// 300 bytes in one import and returns their ids.
func benchHighlights(b testing.TB, s *Store, n int, at time.Time) []string {
	b.Helper()
	e := Export{Version: ExportVersion, Exported: at}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = NewID(at)
		h := Highlight{ID: ids[i], Topic: "data", Section: "scale", Block: i % 40, Start: 4, End: 9,
			Quote: "scale", Prefix: "the ", Suffix: " of data", Color: Yellow,
			Note: fmt.Sprintf("highlight %d %s", i, longText(300)), Created: at, Updated: at}
		h.Checksum = h.sum()
		e.Highlights = append(e.Highlights, h)
	}
	if _, err := s.Import(e); err != nil {
		b.Fatal(err)
	}
	return ids
}

// BenchmarkSyncApply1000RemoteHighlightEdits: one round that merges 1,000
// highlight edits (colour and note; the older note goes to history) another
// device made, in a library of 10,000 notes and 5,000 highlights (target ≤ 1 s).
func BenchmarkSyncApply1000RemoteHighlightEdits(b *testing.B) {
	folder := b.TempDir()
	a, other := newStore(b, nil), newStore(b, nil)
	importNotes(b, a, 10000, time.Now().Add(-time.Hour))
	ids := benchHighlights(b, a, 5000, time.Now().Add(-time.Hour))
	for _, s := range []*Store{a, other} {
		if _, err := s.Sync(folder, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j := 0; j < 1000; j++ {
			h, err := a.Highlight(ids[(i*1000+j)%len(ids)])
			if err != nil {
				b.Fatal(err)
			}
			h.Color, h.Note = Colors[(i+j)%len(Colors)], fmt.Sprintf("edit %d.%d %s", i, j, longText(300))
			if _, err := a.SaveHighlight(h); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := a.Sync(folder, SyncOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := other.Sync(folder, SyncOptions{})
		if err != nil || rep.Applied != 1000 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}

// BenchmarkSyncRoundOneLocalEditWithHighlights: a round after one note was
// edited here, which scans 10,000 notes and 5,000 highlights.
func BenchmarkSyncRoundOneLocalEditWithHighlights(b *testing.B) {
	folder := b.TempDir()
	a := newStore(b, nil)
	ids := importNotes(b, a, 10000, time.Now().Add(-time.Hour))
	benchHighlights(b, a, 5000, time.Now().Add(-time.Hour))
	if _, err := a.Sync(folder, SyncOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := a.SaveNote(Note{ID: ids[i%len(ids)], Topic: "data", Block: -1, Body: fmt.Sprint("edit ", i)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := a.Sync(folder, SyncOptions{})
		if err != nil || rep.Sent != 1 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}
