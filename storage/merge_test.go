package storage

import (
	"strings"
	"testing"
	"time"
)

func TestImportedFutureDateIsClampedAndLaterEditsStillWin(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	n := mustSave(t, s, Note{Topic: "data", Block: -1, Body: "mine"})
	far := n
	far.Body, far.Updated, far.Checksum = "from a machine whose clock says 9999", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), ""
	c.Advance(time.Minute)
	rep, err := s.Import(Export{Version: ExportVersion, Notes: []Note{far}})
	if err != nil || rep.FutureDates != 1 || rep.NotesUpdated != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	got, _ := s.Note(n.ID)
	if got.Updated.After(c.Now().Add(futureSlack)) {
		t.Fatalf("stored Updated %v is still in the future", got.Updated)
	}
	// Importing the same file again changes nothing.
	c.Advance(time.Minute)
	if rep, err := s.Import(Export{Version: ExportVersion, Notes: []Note{far}}); err != nil || rep.NotesUnchanged != 1 {
		t.Fatalf("second import: %+v %v", rep, err)
	}
	// A real edit made later elsewhere wins the next merge.
	c.Advance(time.Hour)
	later := got
	later.Body, later.Updated, later.Checksum = "a later edit", c.Now(), ""
	if _, err := s.Import(Export{Version: ExportVersion, Notes: []Note{later}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Note(n.ID); got.Body != "a later edit" {
		t.Fatalf("the later edit lost to a wrong clock: %q", got.Body)
	}
}

func TestImportedOldVersionIsKeptInAFullHistory(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	start := c.Now()
	n := mustSave(t, s, Note{Topic: "data", Block: -1, Body: "version 0"})
	for i := 1; i <= historyKeep+5; i++ {
		c.Advance(historySlot + time.Minute)
		n.Body = "version " + strings.Repeat("i", i)
		n = mustSave(t, s, n)
	}
	if h, _ := s.NoteHistory(n.ID); len(h) != historyKeep {
		t.Fatalf("history has %d versions before the import", len(h))
	}
	old := n
	old.Body, old.Updated, old.Checksum = "an old copy from the laptop", start.Add(time.Second), ""
	rep, err := s.Import(Export{Version: ExportVersion, Notes: []Note{old}})
	if err != nil || rep.NotesUpdated != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	h, _ := s.NoteHistory(n.ID)
	found := false
	for _, v := range h {
		found = found || v.Body == old.Body
	}
	if !found || len(h) != historyKeep {
		t.Fatalf("the imported version was dropped (found %v, %d versions)", found, len(h))
	}
	if cur, _ := s.Note(n.ID); cur.Body != n.Body {
		t.Fatalf("current body changed to %q", cur.Body)
	}
}
