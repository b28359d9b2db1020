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
