package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func sampleHighlight() Highlight {
	return Highlight{Topic: "parallel-training-system", Section: "zero", Block: 2, Start: 10, End: 24,
		Quote: "optimizer state", Prefix: "ZeRO shards the ", Suffix: " across ranks", Note: "Remember **this**"}
}

func mustHighlight(t testing.TB, s *Store, h Highlight) Highlight {
	t.Helper()
	saved, err := s.SaveHighlight(h)
	if err != nil {
		t.Fatalf("SaveHighlight: %v", err)
	}
	return saved
}

func TestHighlightSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	s := openAt(t, dir, c)
	h := mustHighlight(t, s, sampleHighlight())
	if h.ID == "" || h.Color != DefaultColor || !h.Created.Equal(c.Now()) || h.Checksum == "" {
		t.Fatalf("saved = %+v", h)
	}
	s.Close()
	s = openAt(t, dir, c)
	defer s.Close()
	got, err := s.Highlight(h.ID)
	if err != nil || got != h {
		t.Fatalf("after reopen: %+v, %v; want %+v", got, err, h)
	}
	all, err := s.Highlights()
	if err != nil || len(all) != 1 || all[0] != h {
		t.Fatalf("Highlights = %+v, %v", all, err)
	}
}

func TestSaveHighlightRefusesBadInput(t *testing.T) {
	s := newStore(t, nil)
	cases := map[string]func(*Highlight){
		"no topic":       func(h *Highlight) { h.Topic = " " },
		"no quote":       func(h *Highlight) { h.Quote = "" },
		"unknown colour": func(h *Highlight) { h.Color = "orange" },
		"end before":     func(h *Highlight) { h.End = h.Start - 1 },
		"negative block": func(h *Highlight) { h.Block = -1 },
		"bad id":         func(h *Highlight) { h.ID = "a/b" },
		"long prefix":    func(h *Highlight) { h.Prefix = strings.Repeat("x", 65) },
	}
	for name, spoil := range cases {
		h := sampleHighlight()
		spoil(&h)
		if _, err := s.SaveHighlight(h); err == nil {
			t.Errorf("%s: saved", name)
		}
	}
	if all, _ := s.Highlights(); len(all) != 0 {
		t.Errorf("refused highlights were stored: %+v", all)
	}
}

func TestHighlightNoteHistoryTrashRestore(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	h := mustHighlight(t, s, sampleHighlight())
	c.Advance(time.Hour)
	h.Note = "second thoughts"
	h.Color = Green
	h2 := mustHighlight(t, s, h)
	if !h2.Created.Equal(h.Created) || !h2.Updated.Equal(c.Now()) || h2.Color != Green {
		t.Fatalf("updated = %+v", h2)
	}
	hist, err := s.HighlightHistory(h.ID)
	if err != nil || len(hist) != 1 || hist[0].Body != "Remember **this**" {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	c.Advance(time.Hour)
	back, err := s.RestoreHighlightVersion(h.ID, hist[0].Saved)
	if err != nil || back.Note != "Remember **this**" || back.Color != Green {
		t.Fatalf("restored version = %+v, %v", back, err)
	}
	if hist, _ := s.HighlightHistory(h.ID); len(hist) != 2 || hist[0].Body != "second thoughts" {
		t.Fatalf("history after restoring a version = %+v", hist)
	}
	h.Note = "second thoughts"
	h2 = mustHighlight(t, s, h)
	if err := s.DeleteHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Highlight(h.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted highlight still served: %v", err)
	}
	trash, err := s.HighlightTrash()
	if err != nil || len(trash) != 1 || trash[0].Note != "second thoughts" {
		t.Fatalf("trash = %+v, %v", trash, err)
	}
	back, err = s.RestoreHighlight(h.ID)
	if err != nil || back != h2 {
		t.Fatalf("restored = %+v, %v", back, err)
	}
	if trash, _ := s.HighlightTrash(); len(trash) != 0 {
		t.Fatalf("trash after restore = %+v", trash)
	}
}

func TestHighlightTrashPurgedAfter30Days(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	s := openAt(t, dir, c)
	h := mustHighlight(t, s, sampleHighlight())
	h.Note = "v2"
	mustHighlight(t, s, h)
	if err := s.DeleteHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	c.Advance(29 * 24 * time.Hour)
	s = openAt(t, dir, c)
	if trash, _ := s.HighlightTrash(); len(trash) != 1 {
		t.Fatalf("purged too early: %+v", trash)
	}
	s.Close()
	c.Advance(2 * 24 * time.Hour)
	s = openAt(t, dir, c)
	defer s.Close()
	if trash, _ := s.HighlightTrash(); len(trash) != 0 {
		t.Fatalf("not purged: %+v", trash)
	}
	if _, err := s.HighlightHistory(h.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("history of purged highlight: %v", err)
	}
}

func TestDamagedHighlightIsNotServed(t *testing.T) {
	s := newStore(t, nil)
	h := mustHighlight(t, s, sampleHighlight())
	good := mustHighlight(t, s, Highlight{Topic: "data", Section: "x", Quote: "fine", End: 4})
	// Flip the quote inside the stored record, as a bad disk would.
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketHighlights)
		raw := bytes.Replace(b.Get([]byte(h.ID)), []byte("optimizer"), []byte("optimiser"), 1)
		return b.Put([]byte(h.ID), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Highlight(h.ID); !errors.Is(err, ErrDamaged) {
		t.Fatalf("damaged highlight served: %v", err)
	}
	all, err := s.Highlights()
	if err != nil || len(all) != 1 || all[0].ID != good.ID {
		t.Fatalf("Highlights = %+v, %v", all, err)
	}
	if d := s.Damaged(); len(d) != 1 || d[0] != h.ID {
		t.Fatalf("Damaged = %v", d)
	}
	if err := s.Check(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), h.ID) {
		t.Fatalf("Check = %v", err)
	}
}

// writeV2 builds a schema-2 file by hand: the buckets of schemas 1 and 2,
// with the given notes, trashed notes and raw records.
func writeV2(t *testing.T, path string, notes []Note, trash []TrashedNote, raw map[string]string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "notes", "notesummary", "bookmarks", "progress", "settings", "history", "trash"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		put := func(bucket, key string, v any) error {
			raw, _ := json.Marshal(v)
			return tx.Bucket([]byte(bucket)).Put([]byte(key), raw)
		}
		if err := put("meta", "schema", 2); err != nil {
			return err
		}
		for _, n := range notes {
			if err := put("notes", n.ID, n); err != nil {
				return err
			}
			if err := put("notesummary", n.ID, n.Summary()); err != nil {
				return err
			}
		}
		for _, tn := range trash {
			if err := put("trash", tn.ID, tn); err != nil {
				return err
			}
		}
		for k, v := range raw {
			if err := tx.Bucket([]byte("notes")).Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		// An earlier body of the passage note, to show history follows it.
		hb, err := tx.Bucket([]byte("history")).CreateBucket([]byte(notes[0].ID))
		if err != nil {
			return err
		}
		v, _ := json.Marshal(versionRecord{NoteVersion: NoteVersion{NoteID: notes[0].ID, Body: "first draft", Saved: notes[0].Created}})
		return hb.Put(timeKey(notes[0].Created), v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func v2Note(id string, at time.Time, section string, block int, passage, body string) Note {
	n := Note{ID: id, Topic: "parallel-training-system", Section: section, Block: block, Passage: passage,
		Body: body, Created: at, Updated: at.Add(time.Minute)}
	n.Checksum = checksum(n.Body)
	n.Tags = ParseTags(n.Body)
	return n
}

// TestOpenMigratesPassageNotesIntoHighlights opens a schema-2 file: every
// passage note becomes a highlight carrying its text (same id, same times,
// its history kept); section notes and a damaged note stay notes.
func TestOpenMigratesPassageNotesIntoHighlights(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	c := newClock()
	at := c.Now().Add(-48 * time.Hour)
	passage := v2Note(NewID(at), at, "zero", 1, "ZeRO removes the redundancy of data parallelism by sharding the optimizer…", "Compare with #fsdp\n\nsecond paragraph")
	section := v2Note(NewID(at.Add(time.Second)), at, "zero", -1, "", "A section note")
	trashed := TrashedNote{Note: v2Note(NewID(at.Add(2*time.Second)), at, "pipeline", 0, "GPipe splits a batch", "deleted passage note"), DeletedAt: at.Add(time.Hour)}
	damagedID := NewID(at.Add(3 * time.Second))
	damaged := `{"id":"` + damagedID + `","topic":"data","section":"x","block":0,"passage":"p","body":"b","checksum":"00"}`
	writeV2(t, path, []Note{passage, section}, []TrashedNote{trashed}, map[string]string{damagedID: damaged})

	s := openAt(t, dir, c)
	if v := storedSchema(t, s); v != SchemaVersion {
		t.Errorf("schema = %d, want %d", v, SchemaVersion)
	}
	hs, err := s.Highlights()
	if err != nil || len(hs) != 1 {
		t.Fatalf("highlights = %+v, %v", hs, err)
	}
	h := hs[0]
	want := Highlight{ID: passage.ID, Topic: passage.Topic, Section: "zero", Block: 1, Start: 0, End: 73,
		Quote: "ZeRO removes the redundancy of data parallelism by sharding the optimizer", Color: DefaultColor,
		Note: passage.Body, Created: passage.Created, Updated: passage.Updated}
	want.Checksum = want.sum()
	if h != want {
		t.Errorf("migrated highlight\n got %+v\nwant %+v", h, want)
	}
	if hist, err := s.HighlightHistory(h.ID); err != nil || len(hist) != 1 || hist[0].Body != "first draft" {
		t.Errorf("history = %+v, %v", hist, err)
	}
	if _, err := s.Note(passage.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("passage note still a note: %v", err)
	}
	sums, _ := s.NoteSummaries()
	if len(sums) != 1 || sums[0].ID != section.ID {
		t.Errorf("summaries = %+v", sums)
	}
	if n, err := s.Note(section.ID); err != nil || n.Body != "A section note" {
		t.Errorf("section note = %+v, %v", n, err)
	}
	if _, err := s.Note(damagedID); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged note should stay a (damaged) note: %v", err)
	}
	ht, err := s.HighlightTrash()
	if err != nil || len(ht) != 1 || ht[0].ID != trashed.ID || ht[0].Note != "deleted passage note" ||
		ht[0].Quote != "GPipe splits a batch" || !ht[0].DeletedAt.Equal(trashed.DeletedAt) {
		t.Errorf("highlight trash = %+v, %v", ht, err)
	}
	if tr, _ := s.Trash(); len(tr) != 0 {
		t.Errorf("note trash = %+v", tr)
	}
	s.Close()

	// The step is idempotent: run again over the migrated file, nothing changes.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(migrateHighlights); err != nil {
		t.Fatal(err)
	}
	var n int
	_ = db.View(func(tx *bolt.Tx) error { n = countKeys(tx.Bucket(bucketHighlights)); return nil })
	db.Close()
	if n != 1 {
		t.Errorf("after a second run: %d highlights", n)
	}
}

func TestHighlightsExportImportMerge(t *testing.T) {
	ca, cb := newClock(), newClock()
	a, b := newStore(t, ca), newStore(t, cb)
	h := mustHighlight(t, a, sampleHighlight())
	gone := mustHighlight(t, a, Highlight{Topic: "data", Section: "s", Quote: "dedup", End: 5, Color: Pink})
	if err := a.DeleteHighlight(gone.ID); err != nil {
		t.Fatal(err)
	}
	e, err := a.Export()
	if err != nil || len(e.Highlights) != 1 || len(e.HighlightTrash) != 1 {
		t.Fatalf("export = %+v, %v", e, err)
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(e); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	imp := func(s *Store) ImportReport {
		t.Helper()
		d, err := DecodeExport(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Import(d)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rep := imp(b)
	if rep.HighlightsAdded != 1 || rep.HighlightTrashAdded != 1 {
		t.Fatalf("first import: %+v", rep)
	}
	if got, err := b.Highlight(h.ID); err != nil || got != h {
		t.Fatalf("imported = %+v, %v", got, err)
	}
	rep = imp(b)
	if rep.HighlightsAdded != 0 || rep.HighlightsUpdated != 0 || rep.HighlightTrashAdded != 0 || rep.HighlightsUnchanged != 2 {
		t.Fatalf("second import changed something: %+v", rep)
	}
	// b edits later: a's older copy does not win, and its note is kept in history.
	cb.Advance(time.Hour)
	h.Note = "b's newer note"
	mustHighlight(t, b, h)
	rep = imp(b)
	if rep.HighlightsUpdated != 0 {
		t.Fatalf("older import overwrote: %+v", rep)
	}
	if got, _ := b.Highlight(h.ID); got.Note != "b's newer note" {
		t.Fatalf("note = %q", got.Note)
	}
	// a edits even later: its copy wins in b, and b's note goes to history.
	ca.Advance(2 * time.Hour)
	h.Note = "a's newest note"
	h.Color = Blue
	mustHighlight(t, a, h)
	e, _ = a.Export()
	buf.Reset()
	_ = json.NewEncoder(&buf).Encode(e)
	data = buf.Bytes()
	if rep = imp(b); rep.HighlightsUpdated != 1 {
		t.Fatalf("newer import: %+v", rep)
	}
	got, _ := b.Highlight(h.ID)
	if got.Note != "a's newest note" || got.Color != Blue {
		t.Fatalf("after newer import: %+v", got)
	}
	hist, _ := b.HighlightHistory(h.ID)
	found := false
	for _, v := range hist {
		found = found || v.Body == "b's newer note"
	}
	if !found {
		t.Fatalf("b's note lost: %+v", hist)
	}
}

func TestImportRefusesATamperedHighlight(t *testing.T) {
	a := newStore(t, nil)
	mustHighlight(t, a, sampleHighlight())
	e, _ := a.Export()
	raw, _ := json.Marshal(e)
	raw = bytes.Replace(raw, []byte("optimizer state"), []byte("optimizer stats"), 1)
	if _, err := DecodeExport(bytes.NewReader(raw)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("tampered export accepted: %v", err)
	}
}

// An export made before highlights existed carries passage notes: they
// arrive as highlights with notes, as the migration makes them here.
func TestImportOfOldExportLiftsPassageNotes(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	old := Export{Version: ExportVersion, Notes: []Note{
		v2Note(NewID(at), at, "zero", 0, "ZeRO shards…", "passage body"),
		v2Note(NewID(at.Add(time.Second)), at, "zero", -1, "", "plain body"),
	}}
	raw, _ := json.Marshal(old)
	s := newStore(t, nil)
	for i := 0; i < 2; i++ {
		e, err := DecodeExport(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Import(e)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && (rep.HighlightsAdded != 1 || rep.NotesAdded != 1) {
			t.Fatalf("first import: %+v", rep)
		}
		if i == 1 && (rep.HighlightsAdded != 0 || rep.NotesAdded != 0) {
			t.Fatalf("second import added: %+v", rep)
		}
	}
	// A passage note whose body was changed after export is refused, as a note would be.
	bad := old
	bad.Notes = append([]Note(nil), old.Notes...)
	bad.Notes[0].Body = "changed"
	raw2, _ := json.Marshal(bad)
	if _, err := DecodeExport(bytes.NewReader(raw2)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("tampered passage note accepted: %v", err)
	}
	hs, _ := s.Highlights()
	if len(hs) != 1 || hs[0].Quote != "ZeRO shards" || hs[0].Note != "passage body" {
		t.Fatalf("highlights = %+v", hs)
	}
	if ns, _ := s.Notes(); len(ns) != 1 || ns[0].Body != "plain body" {
		t.Fatalf("notes = %+v", ns)
	}
}
