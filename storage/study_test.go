package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestRefMarkSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	if _, err := s.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusReading, Note: "power laws"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetProblemMark(ProblemMark{Problem: "language-model/reasoning", Following: true, Note: "watch o1"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, dir, nil)
	defer s.Close()
	refs, err := s.RefMarks()
	if err != nil {
		t.Fatal(err)
	}
	if m := refs["kaplan2020scaling"]; m.Status != StatusReading || m.Note != "power laws" || m.Updated.IsZero() {
		t.Errorf("reference mark = %+v", m)
	}
	ps, err := s.ProblemMarks()
	if err != nil {
		t.Fatal(err)
	}
	if m := ps["language-model/reasoning"]; !m.Following || m.Note != "watch o1" {
		t.Errorf("problem mark = %+v", m)
	}
}

func TestRefMarkRefusesBadInput(t *testing.T) {
	s := newStore(t, nil)
	tests := []RefMark{
		{Ref: "x2020y", Status: "done"},
		{Ref: "  ", Status: StatusRead},
		{Ref: "x2020y", Status: StatusRead, Note: "\xff"},
	}
	for _, m := range tests {
		if _, err := s.SetRefMark(m); err == nil {
			t.Errorf("SetRefMark(%+v) succeeded", m)
		}
	}
	if _, err := s.SetRefMark(RefMark{Ref: "x", Status: "later"}); !errors.Is(err, ErrBadStatus) {
		t.Errorf("err = %v, want ErrBadStatus", err)
	}
	if refs, _ := s.RefMarks(); len(refs) != 0 {
		t.Errorf("refused input was stored: %+v", refs)
	}
}

// TestOpenMigratesAVersion2Database builds a schema-2 file by hand (no study
// buckets) and opens it: migration 3 adds them and keeps the notes.
func TestOpenMigratesAVersion2Database(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	n := Note{ID: NewID(at), Topic: "data", Block: -1, Body: "kept across the migration", Created: at, Updated: at}
	n.Checksum = checksum(n.Body)
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "notes", "notesummary", "bookmarks", "progress", "settings", "history", "trash"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		raw, _ := json.Marshal(n)
		if err := tx.Bucket([]byte("notes")).Put([]byte(n.ID), raw); err != nil {
			return err
		}
		if err := putSummary(tx.Bucket([]byte("notesummary")), n); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s := openAt(t, dir, nil)
	defer s.Close()
	if v := storedSchema(t, s); v != SchemaVersion {
		t.Errorf("schema after open = %d, want %d", v, SchemaVersion)
	}
	if got, err := s.Note(n.ID); err != nil || got.Body != n.Body {
		t.Errorf("note = %+v, %v", got, err)
	}
	if _, err := s.SetRefMark(RefMark{Ref: "devlin2019bert", Status: StatusRead}); err != nil {
		t.Errorf("after migration: %v", err)
	}
	if _, err := s.SetProblemMark(ProblemMark{Problem: "data/quality", Following: true}); err != nil {
		t.Errorf("after migration: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func TestStudyMarksExportAndImport(t *testing.T) {
	c := newClock()
	c.Advance(365 * 24 * time.Hour)
	a := newStore(t, c)
	a.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusRead, Note: "read on the train"})
	a.SetProblemMark(ProblemMark{Problem: "data/licensing", Following: true, Note: "ask legal"})
	e, err := a.Export()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(e); err != nil {
		t.Fatal(err)
	}
	dec, err := DecodeExport(&buf)
	if err != nil {
		t.Fatal(err)
	}

	// The other machine marked the same reference earlier, with its own note.
	c2 := newClock()
	b := newStore(t, c2)
	b.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusToRead, Note: "recommended by Ana"})
	rep, err := b.Import(dec)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StudyAdded != 1 || rep.StudyUpdated != 1 {
		t.Errorf("report = %+v, want 1 added, 1 updated", rep)
	}
	refs, _ := b.RefMarks()
	k := refs["kaplan2020scaling"]
	if k.Status != StatusRead {
		t.Errorf("status = %q, want the newer %q", k.Status, StatusRead)
	}
	if k.Note != "read on the train\n\nrecommended by Ana" {
		t.Errorf("note = %q: both notes must be kept", k.Note)
	}
	ps, _ := b.ProblemMarks()
	if m := ps["data/licensing"]; !m.Following || m.Note != "ask legal" {
		t.Errorf("problem = %+v", m)
	}
	rep, err = b.Import(dec)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StudyAdded != 0 || rep.StudyUpdated != 0 {
		t.Errorf("second import changed %+v; want nothing", rep)
	}
	if refs2, _ := b.RefMarks(); refs2["kaplan2020scaling"].Note != k.Note {
		t.Errorf("second import changed the note to %q", refs2["kaplan2020scaling"].Note)
	}
}

func TestImportRefusesABadStatus(t *testing.T) {
	raw := `{"version":1,"exported":"2026-01-01T00:00:00Z","notes":[],"bookmarks":[],"progress":[],
	"study":{"references":[{"ref":"x2020y","status":"someday","updated":"2026-01-01T00:00:00Z"}]}}`
	if _, err := DecodeExport(bytes.NewBufferString(raw)); !errors.Is(err, ErrBadStatus) {
		t.Errorf("err = %v, want ErrBadStatus", err)
	}
}
