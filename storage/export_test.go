package storage

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func exportJSON(t testing.TB, e Export) []byte {
	t.Helper()
	raw, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestExportImportRoundTripIntoAnEmptyStore(t *testing.T) {
	c := newClock()
	src := newStore(t, c)
	n := mustSave(t, src, Note{Topic: "data", Section: "scale", Block: 3, Passage: "At scale", Body: "one #a"})
	gone := mustSave(t, src, Note{Topic: "data", Body: "deleted one"})
	if err := src.DeleteNote(gone.ID); err != nil {
		t.Fatal(err)
	}
	bm, _ := src.SaveBookmark(Bookmark{Topic: "dialogue", Section: "rlhf", Label: "RLHF"})
	if err := src.SaveProgress(Progress{Topic: "data", Furthest: 0.5, Percent: 40, Seconds: 90, LastRead: c.Now()}); err != nil {
		t.Fatal(err)
	}
	e, err := src.Export()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := DecodeExport(bytes.NewReader(exportJSON(t, e)))
	if err != nil {
		t.Fatal(err)
	}
	dst := newStore(t, nil)
	rep, err := dst.Import(decoded)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (ImportReport{NotesAdded: 1, BookmarksAdded: 1, TrashAdded: 1}) {
		t.Errorf("report = %+v", rep)
	}
	got, err := dst.Note(n.ID)
	if err != nil || got.Body != n.Body || got.Block != 3 || got.Passage != "At scale" || !got.Created.Equal(n.Created) || !got.Updated.Equal(n.Updated) {
		t.Errorf("imported note = %+v, %v", got, err)
	}
	if bms, _ := dst.Bookmarks(); len(bms) != 1 || bms[0] != bm {
		t.Errorf("bookmarks = %+v, want %+v", bms, bm)
	}
	if p, ok, _ := dst.Progress("data"); !ok || p.Furthest != 0.5 || p.Seconds != 90 {
		t.Errorf("progress = %+v", p)
	}
	if tr, _ := dst.Trash(); len(tr) != 1 || tr[0].ID != gone.ID {
		t.Errorf("trash = %+v", tr)
	}
	if sums, _ := dst.NoteSummaries(); len(sums) != 1 {
		t.Errorf("summaries = %+v", sums)
	}
}

func TestImportTwiceAddsNothing(t *testing.T) {
	c := newClock()
	src := newStore(t, c)
	for i := 0; i < 5; i++ {
		mustSave(t, src, Note{Topic: "data", Body: strings.Repeat("z", i+1)})
		src.SaveBookmark(Bookmark{Topic: "data", Section: string(rune('a' + i))})
	}
	e, _ := src.Export()
	dst := newStore(t, nil)
	if _, err := dst.Import(e); err != nil {
		t.Fatal(err)
	}
	before, _ := dst.Export()
	rep, err := dst.Import(e)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (ImportReport{NotesUnchanged: 5, BookmarksUnchanged: 5}) {
		t.Errorf("second import report = %+v", rep)
	}
	after, _ := dst.Export()
	before.Exported, after.Exported = time.Time{}, time.Time{}
	if !bytes.Equal(exportJSON(t, before), exportJSON(t, after)) {
		t.Error("the second import changed the store")
	}
}

func TestImportNewerWinsAndOlderBodyGoesToHistory(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	local := mustSave(t, s, Note{Topic: "data", Body: "local text"})

	// The other machine edited it later: its version wins.
	theirs := local
	theirs.Body = "their newer text"
	theirs.Updated = local.Updated.Add(time.Hour)
	theirs.Checksum = ""
	rep, err := s.Import(Export{Version: ExportVersion, Notes: []Note{theirs}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.NotesUpdated != 1 {
		t.Errorf("report = %+v", rep)
	}
	got, _ := s.Note(local.ID)
	if got.Body != "their newer text" || !got.Updated.Equal(theirs.Updated) || !got.Created.Equal(local.Created) {
		t.Errorf("after newer import: %+v", got)
	}
	hist, _ := s.NoteHistory(local.ID)
	if len(hist) != 1 || hist[0].Body != "local text" {
		t.Errorf("history = %+v", hist)
	}

	// An older version from elsewhere does not win, but is kept in history.
	older := local
	older.Body = "an old draft from the laptop"
	older.Updated = local.Updated.Add(-time.Hour)
	older.Checksum = ""
	rep, err = s.Import(Export{Version: ExportVersion, Notes: []Note{older}})
	if err != nil || rep.NotesUpdated != 1 {
		t.Fatalf("report = %+v, %v", rep, err)
	}
	if got, _ := s.Note(local.ID); got.Body != "their newer text" {
		t.Errorf("an older import overwrote the note: %q", got.Body)
	}
	hist, _ = s.NoteHistory(local.ID)
	if len(hist) != 2 || hist[1].Body != "an old draft from the laptop" {
		t.Errorf("history = %+v", hist)
	}
	rep, _ = s.Import(Export{Version: ExportVersion, Notes: []Note{older}})
	if rep != (ImportReport{NotesUnchanged: 1}) {
		t.Errorf("repeat of the older import: %+v", rep)
	}
}

func TestImportHealsADamagedNote(t *testing.T) {
	s := newStore(t, nil)
	n := mustSave(t, s, Note{Topic: "data", Body: "precious words"})
	e, _ := s.Export()
	flipInStoredBody(t, s, n.ID, "precious")
	if _, err := s.Import(e); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Note(n.ID); err != nil || got.Body != "precious words" {
		t.Errorf("after import: %+v, %v", got, err)
	}
}

func TestImportDoesNotDuplicateBookmarks(t *testing.T) {
	s := newStore(t, nil)
	mine, _ := s.SaveBookmark(Bookmark{Topic: "data", Section: "scale", Label: "mine"})
	e := Export{Version: ExportVersion, Bookmarks: []Bookmark{
		{ID: mine.ID, Topic: "data", Section: "scale", Label: "same id, other label"},
		{ID: NewID(time.Now()), Topic: "data", Section: "scale", Label: "same place"},
		{ID: NewID(time.Now()), Topic: "dialogue", Label: "new"},
		{ID: NewID(time.Now()), Topic: "dialogue", Label: "new again, same place"},
	}}
	rep, err := s.Import(e)
	if err != nil {
		t.Fatal(err)
	}
	if rep.BookmarksAdded != 1 || rep.BookmarksUnchanged != 3 {
		t.Errorf("report = %+v", rep)
	}
	bms, _ := s.Bookmarks()
	if len(bms) != 2 {
		t.Errorf("bookmarks = %+v", bms)
	}
	for _, b := range bms {
		if b.ID == mine.ID && b.Label != "mine" {
			t.Errorf("import overwrote a bookmark: %+v", b)
		}
	}
}

func TestImportProgressKeepsTheMax(t *testing.T) {
	s := newStore(t, nil)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s.SaveProgress(Progress{Topic: "data", Scroll: 10, Furthest: 0.9, Percent: 20, Seconds: 100, LastRead: at})
	_, err := s.Import(Export{Version: ExportVersion, Progress: []Progress{
		{Topic: "data", Scroll: 55, Furthest: 0.3, Percent: 60, Seconds: 500, LastRead: at.Add(time.Hour)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := s.Progress("data")
	want := Progress{Topic: "data", Scroll: 55, Furthest: 0.9, Percent: 60, Seconds: 500, LastRead: at.Add(time.Hour)}
	if p != want {
		t.Errorf("progress = %+v, want %+v", p, want)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	s := newStore(t, nil)
	good := Note{ID: NewID(time.Now()), Topic: "data", Body: "fine"}
	bad := Note{ID: NewID(time.Now()), Topic: "data", Body: "tampered", Checksum: checksum("original")}
	if _, err := s.Import(Export{Version: ExportVersion, Notes: []Note{good, bad}}); err == nil {
		t.Fatal("an export with a bad checksum was imported")
	}
	if notes, _ := s.Notes(); len(notes) != 0 {
		t.Errorf("a failed import left %d notes", len(notes))
	}
}

func TestDecodeExportRejectsBadInput(t *testing.T) {
	n := Note{ID: "abc", Topic: "data", Body: "hello"}
	withSum := n
	withSum.Checksum = checksum("other")
	huge := append([]byte(`{"version":1,"notes":[{"id":"a","body":"`), bytes.Repeat([]byte("x"), MaxExportBytes)...)
	tests := []struct {
		name, want string
		input      []byte
	}{
		{"empty", "empty", nil},
		{"too large", "larger than 32 MiB", huge},
		{"not utf-8", "UTF-8", []byte("{\"version\":1,\"notes\":[{\"body\":\"\xff\"}]}")},
		{"not json", "not valid JSON", []byte("version: 1")},
		{"trailing garbage", "not valid JSON", []byte(`{"version":1} {"version":1}`)},
		{"no version", "no version", []byte(`{"notes":[]}`)},
		{"unknown version", "version 7 is not supported", []byte(`{"version":7}`)},
		{"wrong types", "holds an object where a list belongs", []byte(`{"version":1,"notes":{"id":"x"}}`)},
		{"bad id", "invalid note id", exportJSON(t, Export{Version: 1, Notes: []Note{{ID: "../x", Body: "b"}}})},
		{"checksum mismatch", "does not match its checksum", exportJSON(t, Export{Version: 1, Notes: []Note{withSum}})},
		{"duplicate note", "appears twice", exportJSON(t, Export{Version: 1, Notes: []Note{n, n}})},
		{"bookmark without topic", "no topic", exportJSON(t, Export{Version: 1, Bookmarks: []Bookmark{{ID: "b1"}}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeExport(bytes.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestDecodeExportComputesAMissingChecksum(t *testing.T) {
	raw := []byte(`{"version":1,"notes":[{"id":"n1","topic":"data","block":-1,"body":"hand written #Tag"}]}`)
	e, err := DecodeExport(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if e.Notes[0].Checksum != checksum("hand written #Tag") || e.Notes[0].Tags[0] != "tag" {
		t.Errorf("note = %+v", e.Notes[0])
	}
}

func FuzzDecodeExport(f *testing.F) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":1,"notes":[{"id":"n1","topic":"data","body":"x #t","updated":"2025-01-01T00:00:00Z"}],"bookmarks":[{"id":"b1","topic":"data"}],"progress":[{"topic":"data","furthest":0.5}]}`))
	f.Add(exportJSON(f, Export{Version: 1, Exported: at,
		Notes:     []Note{{ID: "n2", Topic: "data", Body: "y", Updated: at, Checksum: checksum("y")}},
		Trash:     []TrashedNote{{Note: Note{ID: "n3", Topic: "x", Body: "gone"}, DeletedAt: at}},
		Bookmarks: []Bookmark{{ID: "b2", Topic: "data", Section: "s"}}}))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"version":1,"notes":[{"id":"","body":""}]}`))
	f.Add([]byte("\xff\xfe"))
	s := openAt(f, f.TempDir(), nil)
	defer s.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeExport(bytes.NewReader(data))
		if err != nil {
			return
		}
		if _, err := s.Import(e); err != nil {
			t.Fatalf("decoded export failed to import: %v", err)
		}
		rep, err := s.Import(e)
		if err != nil {
			t.Fatalf("second import: %v", err)
		}
		if rep.NotesAdded != 0 || rep.NotesUpdated != 0 || rep.BookmarksAdded != 0 || rep.TrashAdded != 0 {
			t.Fatalf("second import changed something: %+v", rep)
		}
		trashed := map[string]bool{}
		tr, _ := s.Trash()
		for _, t := range tr {
			trashed[t.ID] = true
		}
		for _, n := range e.Notes {
			// A note deleted here stays in the trash; any other is served.
			if _, err := s.Note(n.ID); err != nil && !trashed[n.ID] {
				t.Fatalf("imported note %s: %v", n.ID, err)
			}
		}
		if err := s.Check(); err != nil {
			t.Fatalf("Check after import: %v", err)
		}
	})
}
