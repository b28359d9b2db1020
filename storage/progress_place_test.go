package storage

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The place (block, character offset) is kept by the store, carried by an
// export and an import, and absent from records that never had one.
func TestProgressKeepsThePlace(t *testing.T) {
	s := newStore(t, nil)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	want := Progress{Topic: "data", Scroll: 900, Percent: 40, Furthest: 0.4, LastRead: at, Placed: true, Block: 12, Offset: 345}
	if err := s.SaveProgress(want); err != nil {
		t.Fatal(err)
	}
	if p, ok, err := s.Progress("data"); err != nil || !ok || p != want {
		t.Fatalf("Progress = %+v, %v, %v; want %+v", p, ok, err, want)
	}
	e, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	other := newStore(t, nil)
	if _, err := other.Import(e); err != nil {
		t.Fatal(err)
	}
	if p, _, _ := other.Progress("data"); p != want {
		t.Errorf("imported progress = %+v, want %+v", p, want)
	}

	// A record from before places: no fields, the same sync hash as ever.
	old := Progress{Topic: "data", Scroll: 900, LastRead: at}
	raw, _ := json.Marshal(old)
	if strings.Contains(string(raw), "block") || strings.Contains(string(raw), "placed") {
		t.Errorf("a record without a place has place fields: %s", raw)
	}
	if progressHash(old) != hashOf(old.Topic, old.Scroll, old.Furthest, old.Percent, old.Seconds, old.LastRead) {
		t.Error("the hash of a record without a place changed")
	}
	moved := want
	moved.Offset++
	if progressHash(moved) == progressHash(want) {
		t.Error("the hash does not see the place")
	}
}

// Sync carries the place to the other machine, and a move of the place
// alone (same pixels) is a change to send.
func TestSyncCarriesThePlace(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	p := Progress{Topic: "data", Scroll: 120, Percent: 40, LastRead: a.clk.Now(), Placed: true, Block: 9, Offset: 31}
	if err := a.s.SaveProgress(p); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if got, _, _ := b.s.Progress("data"); !got.Placed || got.Block != 9 || got.Offset != 31 {
		t.Fatalf("b has %+v, want block 9 offset 31", got)
	}
	p.Offset = 77 // nothing else changed, not even the time
	if err := a.s.SaveProgress(p); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if got, _, _ := b.s.Progress("data"); got.Offset != 77 {
		t.Errorf("after a move of the place alone b has %+v, want offset 77", got)
	}
}
