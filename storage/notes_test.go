package storage

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestSaveNoteFillsInWhatItOwns(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Section: "scale", Block: 2, Passage: "Data at scale", Body: "# Scaling #Data\nmore on #scale and #data"})
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(n.ID) {
		t.Errorf("ID = %q, want 32 hex digits", n.ID)
	}
	if !n.Created.Equal(c.Now()) || !n.Updated.Equal(c.Now()) {
		t.Errorf("Created %v Updated %v, want %v", n.Created, n.Updated, c.Now())
	}
	if got := strings.Join(n.Tags, ","); got != "data,scale" {
		t.Errorf("Tags = %q", got)
	}
	if n.Checksum != checksum(n.Body) {
		t.Errorf("Checksum = %q", n.Checksum)
	}
	got, err := s.Note(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != n.Body || got.Block != 2 || got.Passage != "Data at scale" || !got.Updated.Equal(n.Updated) {
		t.Errorf("Note() = %+v, want %+v", got, n)
	}
}

func TestNoteSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	n := mustSave(t, s, Note{Topic: "governance", Body: "who decides?"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, dir, nil)
	defer s.Close()
	got, err := s.Note(n.ID)
	if err != nil || got.Body != "who decides?" {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	if s.Recovery() != nil {
		t.Errorf("a healthy file was recovered: %+v", s.Recovery())
	}
}

func TestSaveNoteUpdateKeepsCreated(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "one"})
	created := n.Created
	c.Advance(time.Hour)
	n.Body = "two"
	n.Created = time.Time{} // a caller that forgot it must not reset it
	n = mustSave(t, s, n)
	if !n.Created.Equal(created) || !n.Updated.Equal(c.Now()) {
		t.Errorf("Created %v (want %v), Updated %v (want %v)", n.Created, created, n.Updated, c.Now())
	}
}

func TestNotesNewestFirstAndByTopic(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	var ids []string
	for i, topic := range []string{"data", "knowledge", "data", "dialogue"} {
		c.Advance(time.Minute)
		ids = append(ids, mustSave(t, s, Note{Topic: topic, Body: fmt.Sprintf("note %d", i)}).ID)
	}
	c.Advance(time.Minute)
	mustSave(t, s, Note{ID: ids[0], Topic: "data", Body: "note 0 edited"}) // now the newest

	notes, err := s.Notes()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ids[0], ids[3], ids[2], ids[1]}
	if got := noteIDs(notes); !equal(got, want) {
		t.Errorf("Notes order = %v, want %v", got, want)
	}
	data, err := s.NotesForTopic("data")
	if err != nil {
		t.Fatal(err)
	}
	if got := noteIDs(data); !equal(got, []string{ids[0], ids[2]}) {
		t.Errorf("NotesForTopic(data) = %v", got)
	}
	sums, err := s.NoteSummaries()
	if err != nil {
		t.Fatal(err)
	}
	var sumIDs []string
	for _, sm := range sums {
		sumIDs = append(sumIDs, sm.ID)
	}
	if !equal(sumIDs, want) {
		t.Errorf("NoteSummaries order = %v, want %v", sumIDs, want)
	}
	if sums[0].Title != "note 0 edited" || sums[0].Topic != "data" {
		t.Errorf("summary = %+v", sums[0])
	}
}

func TestDeleteMovesToTrashAndRestoreBringsBack(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "keep me #x"})
	c.Advance(time.Minute)
	if err := s.DeleteNote(n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Note(n.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Note after delete: %v, want ErrNotFound", err)
	}
	if sums, _ := s.NoteSummaries(); len(sums) != 0 {
		t.Errorf("summary left after delete: %+v", sums)
	}
	trash, err := s.Trash()
	if err != nil || len(trash) != 1 || trash[0].ID != n.ID || !trash[0].DeletedAt.Equal(c.Now()) {
		t.Fatalf("Trash = %+v, %v", trash, err)
	}
	back, err := s.RestoreNote(n.ID)
	if err != nil || back.Body != n.Body {
		t.Fatalf("RestoreNote = %+v, %v", back, err)
	}
	if trash, _ := s.Trash(); len(trash) != 0 {
		t.Errorf("still in trash: %+v", trash)
	}
	if sums, _ := s.NoteSummaries(); len(sums) != 1 || sums[0].Tags[0] != "x" {
		t.Errorf("summaries after restore: %+v", sums)
	}
	if err := s.DeleteNote("nosuchnote"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete unknown: %v", err)
	}
	if _, err := s.RestoreNote("nosuchnote"); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore unknown: %v", err)
	}
}

func TestSaveRacingADeleteKeepsTextInTrash(t *testing.T) {
	s := newStore(t, nil)
	n := mustSave(t, s, Note{Topic: "data", Body: "first"})
	if err := s.DeleteNote(n.ID); err != nil {
		t.Fatal(err)
	}
	n.Body = "typed after the delete"
	if _, err := s.SaveNote(n); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Note(n.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the deleted note came back: %v", err)
	}
	trash, _ := s.Trash()
	if len(trash) != 1 || trash[0].Body != "typed after the delete" {
		t.Errorf("trash = %+v", trash)
	}
}

func TestTrashIsPurgedAfter30Days(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	s := openAt(t, dir, c)
	old := mustSave(t, s, Note{Topic: "data", Body: "old"})
	old.Body = "old, edited"
	old = mustSave(t, s, old) // gives it a history
	recent := mustSave(t, s, Note{Topic: "data", Body: "recent"})
	if err := s.DeleteNote(old.ID); err != nil {
		t.Fatal(err)
	}
	c.Advance(2 * 24 * time.Hour)
	if err := s.DeleteNote(recent.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()

	c.Advance(29 * 24 * time.Hour) // old: 31 days in the trash, recent: 29
	s = openAt(t, dir, c)
	defer s.Close()
	trash, err := s.Trash()
	if err != nil {
		t.Fatal(err)
	}
	if len(trash) != 1 || trash[0].ID != recent.ID {
		t.Fatalf("trash after 31 days = %+v", trash)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketHistory).Bucket([]byte(old.ID)) != nil {
			return errors.New("history of a purged note is still there")
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

func TestHistoryKeepsOneVersionPerTenMinutesOfEditing(t *testing.T) {
	c := newClock() // 09:00:00
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "v0"})
	// Autosaves every 30 s for 25 minutes: 09:00:30 ... 09:25:00.
	for i := 1; i <= 50; i++ {
		c.Advance(30 * time.Second)
		n.Body = fmt.Sprintf("v%d", i)
		n = mustSave(t, s, n)
	}
	hist, err := s.NoteHistory(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The current body is v50; history holds the last version of each
	// 10-minute stretch: v19 (09:09:30), v39 (09:19:30), v49 (09:24:30).
	var bodies []string
	for _, h := range hist {
		bodies = append(bodies, h.Body)
	}
	if want := []string{"v49", "v39", "v19"}; !equal(bodies, want) {
		t.Errorf("history = %v, want %v (newest first)", bodies, want)
	}
	if hist[0].NoteID != n.ID || !hist[0].Saved.Equal(c.Now().Add(-30*time.Second)) {
		t.Errorf("newest version = %+v", hist[0])
	}
}

func TestHistoryKeepsTheEndOfEachSession(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "monday draft"})
	c.Advance(time.Minute)
	n.Body = "monday final"
	n = mustSave(t, s, n)
	c.Advance(24 * time.Hour)
	n.Body = "tuesday"
	n = mustSave(t, s, n)
	hist, _ := s.NoteHistory(n.ID)
	if len(hist) == 0 || hist[0].Body != "monday final" {
		t.Errorf("history = %+v, want monday final first", hist)
	}
}

func TestHistoryKeepsTheLast50(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "v0"})
	for i := 1; i <= 60; i++ {
		c.Advance(11 * time.Minute)
		n.Body = fmt.Sprintf("v%d", i)
		n = mustSave(t, s, n)
	}
	hist, _ := s.NoteHistory(n.ID)
	if len(hist) != historyKeep || hist[0].Body != "v59" || hist[49].Body != "v10" {
		t.Errorf("history: %d versions, newest %q, oldest %q", len(hist), hist[0].Body, hist[len(hist)-1].Body)
	}
}

func TestRestoreVersionPutsCurrentBodyInHistory(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Body: "original #a"})
	c.Advance(time.Hour)
	n.Body = "rewritten #b"
	n = mustSave(t, s, n)
	hist, _ := s.NoteHistory(n.ID)
	if len(hist) != 1 {
		t.Fatalf("history = %+v", hist)
	}
	c.Advance(time.Minute)
	back, err := s.RestoreVersion(n.ID, hist[0].Saved)
	if err != nil {
		t.Fatal(err)
	}
	if back.Body != "original #a" || back.Tags[0] != "a" || back.Checksum != checksum("original #a") {
		t.Errorf("restored = %+v", back)
	}
	// An edit a minute later, in the same stretch, must not fold away the
	// body the restore replaced: that is how the restore is undone.
	c.Advance(time.Minute)
	back.Body = "original #a, edited"
	mustSave(t, s, back)
	hist, _ = s.NoteHistory(n.ID)
	var bodies []string
	for _, h := range hist {
		bodies = append(bodies, h.Body)
	}
	if !equal(bodies, []string{"original #a", "rewritten #b", "original #a"}) {
		t.Errorf("history = %q", bodies)
	}
	if _, err := s.RestoreVersion(n.ID, time.Unix(1, 0)); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore of an unknown version: %v", err)
	}
}

// flipInStoredBody changes one byte of the note's body inside its stored
// JSON, as a bad disk sector would, without touching the checksum.
func flipInStoredBody(t *testing.T, s *Store, id, within string) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNotes)
		raw := append([]byte(nil), b.Get([]byte(id))...)
		i := bytes.Index(raw, []byte(within))
		if i < 0 {
			return fmt.Errorf("%q not in %s", within, raw)
		}
		raw[i] ^= 0x01
		return b.Put([]byte(id), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorruptedBodyIsDetectedAndNeverServed(t *testing.T) {
	s := newStore(t, nil)
	good := mustSave(t, s, Note{Topic: "data", Body: "a healthy note"})
	bad := mustSave(t, s, Note{Topic: "data", Body: "the quick brown fox"})
	flipInStoredBody(t, s, bad.ID, "quick")

	if _, err := s.Note(bad.ID); !errors.Is(err, ErrDamaged) {
		t.Errorf("Note(damaged) error = %v, want ErrDamaged", err)
	}
	notes, err := s.Notes()
	if err != nil {
		t.Fatal(err)
	}
	if got := noteIDs(notes); !equal(got, []string{good.ID}) {
		t.Errorf("Notes = %v, want only the healthy one", got)
	}
	if topic, _ := s.NotesForTopic("data"); len(topic) != 1 {
		t.Errorf("NotesForTopic served %d notes", len(topic))
	}
	if d := s.Damaged(); !equal(d, []string{bad.ID}) {
		t.Errorf("Damaged = %v", d)
	}
	if sums, _ := s.NoteSummaries(); len(sums) != 1 || sums[0].ID != good.ID {
		t.Errorf("NoteSummaries lists a damaged note: %+v", sums)
	}
	if e, _ := s.Export(); len(e.Notes) != 1 {
		t.Errorf("Export carried the damaged note: %+v", e.Notes)
	}
	if err := s.Check(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), bad.ID) {
		t.Errorf("Check = %v, want ErrDamaged naming %s", err, bad.ID)
	}
	// Writing a new body over it heals the note.
	bad.Body = "rewritten"
	if _, err := s.SaveNote(bad); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Note(bad.ID); err != nil || n.Body != "rewritten" {
		t.Errorf("after rewrite: %+v %v", n, err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check after rewrite: %v", err)
	}
}

func TestInvalidUTF8BodyIsStoredIntact(t *testing.T) {
	s := newStore(t, nil)
	n := mustSave(t, s, Note{Topic: "data", Body: "bad \xff byte"})
	got, err := s.Note(n.ID)
	if err != nil {
		t.Fatalf("a body with a bad byte reads back as %v", err)
	}
	if got.Body != "bad \uFFFD byte" {
		t.Errorf("Body = %q", got.Body)
	}
}

func TestSaveNoteRejectsBadIDs(t *testing.T) {
	s := newStore(t, nil)
	for _, id := range []string{"a/b", strings.Repeat("x", 65), "é"} {
		if _, err := s.SaveNote(Note{ID: id, Body: "x"}); err == nil {
			t.Errorf("SaveNote accepted id %q", id)
		}
	}
}

func TestDataFolderIsTheOneGiven(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	defer s.Close()
	if s.Path() != filepath.Join(dir, FileName) {
		t.Errorf("Path = %s", s.Path())
	}
}

func noteIDs(notes []Note) []string {
	var ids []string
	for _, n := range notes {
		ids = append(ids, n.ID)
	}
	return ids
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNoteSummariesFollowEveryWrite compares the in-memory list with the
// summary bucket read afresh after each kind of write.
func TestNoteSummariesFollowEveryWrite(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	check := func(step string) {
		t.Helper()
		cached, err := s.NoteSummaries()
		if err != nil {
			t.Fatal(err)
		}
		s.wmu.Lock()
		s.sums = nil
		s.wmu.Unlock()
		fresh, err := s.NoteSummaries()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(cached) != fmt.Sprint(fresh) {
			t.Errorf("%s: cached %v, bucket %v", step, cached, fresh)
		}
		notes, _ := s.Notes()
		if len(notes) != len(fresh) {
			t.Errorf("%s: %d notes, %d summaries", step, len(notes), len(fresh))
		}
	}
	check("empty")
	a := mustSave(t, s, Note{Topic: "data", Body: "first #a"})
	b := mustSave(t, s, Note{Topic: "dialogue", Body: "second"})
	check("new notes")
	c.Advance(time.Hour)
	a.Body = "# Renamed\n#b"
	a = mustSave(t, s, a)
	check("edit")
	if err := s.DeleteNote(b.ID); err != nil {
		t.Fatal(err)
	}
	check("delete")
	b.Body = "saved while in the trash"
	mustSave(t, s, b)
	check("save to a trashed note")
	if _, err := s.RestoreNote(b.ID); err != nil {
		t.Fatal(err)
	}
	check("restore")
	hist, _ := s.NoteHistory(a.ID)
	if _, err := s.RestoreVersion(a.ID, hist[0].Saved); err != nil {
		t.Fatal(err)
	}
	check("restore version")
	other := Note{ID: NewID(c.Now()), Topic: "governance", Body: "imported", Updated: c.Now()}
	if _, err := s.Import(Export{Version: ExportVersion, Notes: []Note{other}}); err != nil {
		t.Fatal(err)
	}
	check("import")
	if sums, _ := s.NoteSummaries(); len(sums) != 3 {
		t.Errorf("%d summaries, want 3", len(sums))
	}
}

func TestConcurrentSavesAndReadsAgree(t *testing.T) {
	s := newStore(t, nil)
	const writers, each = 4, 15
	done := make(chan error, writers+1)
	stop := make(chan struct{})
	go func() { // a reader refreshing the notes list meanwhile
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.NoteSummaries(); err != nil {
				done <- err
				return
			}
			if _, err := s.NotesForTopic("data"); err != nil {
				done <- err
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			n := Note{Topic: "data"}
			for i := 0; i < each; i++ {
				n.Body = fmt.Sprintf("writer %d edit %d", w, i)
				saved, err := s.SaveNote(n)
				if err != nil {
					done <- err
					return
				}
				if i%3 == 2 { // every third edit starts a new note
					n = Note{Topic: "data"}
				} else {
					n = saved
				}
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	sums, _ := s.NoteSummaries()
	notes, _ := s.Notes()
	if len(sums) != writers*each/3 || len(notes) != len(sums) {
		t.Fatalf("%d summaries, %d notes, want %d", len(sums), len(notes), writers*each/3)
	}
	for i := range notes {
		if sums[i].ID != notes[i].ID || sums[i].Title != notes[i].Title() {
			t.Errorf("summary %+v disagrees with note %s %q", sums[i], notes[i].ID, notes[i].Title())
		}
	}
}
