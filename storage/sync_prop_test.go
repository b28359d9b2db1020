package storage

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSyncPropertyRandomOperationsConverge: three devices with skewed
// clocks make random changes (new notes, edits, deletes, restores,
// bookmarks, progress, highlights and their colours, notes, deletes and
// restores, reference statuses, followed problems) and sync in random
// orders. In the end all three hold the same of everything, and every
// note or highlight note that a round sent is the text or in the history
// of its item on every device.
func TestSyncPropertyRandomOperationsConverge(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { syncProperty(t, uint64(seed), 120, 0) })
	}
}

// compactSeeds is how many seeds the compaction property runs (40 were run once by hand).
var compactSeeds = 6

// TestSyncPropertyWithConstantCompaction: the same with every log compacted
// at every round. The devices still converge; only the history check is
// left out, since a device that never read a superseded record before its
// author compacted it away does not get that text in its history.
func TestSyncPropertyWithConstantCompaction(t *testing.T) {
	for seed := 101; seed <= 100+compactSeeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { syncProperty(t, uint64(seed), 120, 1) })
	}
}

func syncProperty(t *testing.T, seed uint64, ops int, compactMin int64) {
	rng := rand.New(rand.NewPCG(seed, 19))
	dir := t.TempDir()
	devs := []*device{
		newDevice(t, "a", dir, 0),
		newDevice(t, "b", dir, time.Duration(rng.IntN(120)-60)*time.Minute),
		newDevice(t, "c", dir, time.Duration(rng.IntN(120)-60)*time.Minute),
	}
	for _, d := range devs {
		d.compactMin = compactMin
	}
	acked := map[string]map[string]bool{} // note id → bodies a round sent
	topics := []string{"data", "vision", "language"}
	localIDs := func(d *device) []string {
		var ids []string
		notes, _ := d.s.Notes()
		for _, n := range notes {
			ids = append(ids, n.ID)
		}
		tr, _ := d.s.Trash()
		for _, n := range tr {
			ids = append(ids, n.ID)
		}
		return ids
	}
	ackedHL := map[string]map[string]bool{} // highlight id → notes a round sent
	localHLs := func(d *device) []string {
		var ids []string
		hs, _ := d.s.Highlights()
		for _, h := range hs {
			ids = append(ids, h.ID)
		}
		tr, _ := d.s.HighlightTrash()
		for _, h := range tr {
			ids = append(ids, h.ID)
		}
		return ids
	}
	roundOn := func(d *device) {
		// What this round will send: every note's current text.
		e, _ := d.s.Export()
		rep := d.sync()
		if rep.Bad != 0 {
			t.Fatalf("%s: bad records %+v", d.name, rep)
		}
		for _, n := range append(e.Notes, trashNotes(e.Trash)...) {
			if acked[n.ID] == nil {
				acked[n.ID] = map[string]bool{}
			}
			acked[n.ID][n.Body] = true
		}
		for _, h := range append(e.Highlights, trashHighlights(e.HighlightTrash)...) {
			if ackedHL[h.ID] == nil {
				ackedHL[h.ID] = map[string]bool{}
			}
			ackedHL[h.ID][h.Note] = true
		}
	}
	for i := 0; i < ops; i++ {
		d := devs[rng.IntN(len(devs))]
		// Each device's own clock moves on; 11 minutes keeps each edit in
		// its own history slot.
		d.clk.Advance(11*time.Minute + time.Duration(rng.IntN(1000))*time.Millisecond)
		ids := localIDs(d)
		hls := localHLs(d)
		switch op := rng.IntN(16); {
		case op < 2 || len(ids) == 0:
			d.note("", fmt.Sprintf("new %d on %s", i, d.name))
		case op < 5:
			d.note(ids[rng.IntN(len(ids))], fmt.Sprintf("edit %d on %s", i, d.name))
		case op == 5:
			_ = d.s.DeleteNote(ids[rng.IntN(len(ids))])
		case op == 6:
			_, _ = d.s.RestoreNote(ids[rng.IntN(len(ids))])
		case op == 7:
			bms, _ := d.s.Bookmarks()
			if len(bms) > 0 && rng.IntN(2) == 0 {
				_ = d.s.DeleteBookmark(bms[rng.IntN(len(bms))].ID)
			} else if _, err := d.s.SaveBookmark(Bookmark{Topic: topics[rng.IntN(3)], Label: fmt.Sprint("bm ", i)}); err != nil {
				t.Fatal(err)
			}
		case op == 8:
			if err := d.s.SaveProgress(Progress{Topic: topics[rng.IntN(3)], Scroll: float32(rng.IntN(1000)),
				Furthest: rng.Float32(), Percent: float32(rng.IntN(100)), Seconds: int64(rng.IntN(600)), LastRead: d.clk.Now()}); err != nil {
				t.Fatal(err)
			}
		case op == 9 || (op < 13 && len(hls) == 0):
			d.highlight("", Colors[rng.IntN(len(Colors))], fmt.Sprintf("hl %d on %s", i, d.name))
		case op == 10:
			id := hls[rng.IntN(len(hls))]
			if h, err := d.s.Highlight(id); err == nil {
				h.Color, h.Note = Colors[rng.IntN(len(Colors))], fmt.Sprintf("hl edit %d on %s", i, d.name)
				if _, err := d.s.SaveHighlight(h); err != nil {
					t.Fatal(err)
				}
			} else if _, err := d.s.RestoreHighlight(id); err != nil {
				t.Fatal(err)
			}
		case op == 11:
			_ = d.s.DeleteHighlight(hls[rng.IntN(len(hls))])
		case op == 12:
			_, _ = d.s.RestoreHighlight(hls[rng.IntN(len(hls))])
		case op == 13:
			ref := fmt.Sprint("ref", rng.IntN(3))
			if rng.IntN(2) == 0 {
				if _, err := d.s.SetRefMark(RefMark{Ref: ref, Status: Statuses[rng.IntN(len(Statuses))], Note: fmt.Sprintf("ref %d on %s", i, d.name)}); err != nil {
					t.Fatal(err)
				}
			} else if _, err := d.s.SetProblemMark(ProblemMark{Problem: "data/" + ref, Following: rng.IntN(2) == 0, Note: fmt.Sprintf("problem %d on %s", i, d.name)}); err != nil {
				t.Fatal(err)
			}
		default:
			roundOn(d)
		}
	}
	for pass := 0; pass < 3; pass++ {
		for _, k := range rng.Perm(len(devs)) {
			roundOn(devs[k])
		}
	}
	assertSame(t, devs...)
	for _, d := range devs[1:] {
		if want, got := studyState(t, devs[0].s), studyState(t, d.s); got != want {
			t.Fatalf("highlights and marks: a and %s differ:\n%s\n---\n%s", d.name, want, got)
		}
	}
	for _, d := range devs {
		if rep := d.sync(); (compactMin == 0 && !rep.Quiet) || rep.Sent+rep.Applied > 0 {
			t.Errorf("%s: a round after convergence was not quiet: %+v", d.name, rep)
		}
	}
	if compactMin > 0 {
		return
	}
	for id, notes := range ackedHL {
		for _, d := range devs {
			h, ok := highlightAnywhere(d.s, id)
			if !ok {
				t.Fatalf("%s: highlight %s is gone", d.name, id)
			}
			hist := hlHistory(t, d.s, id)
			for note := range notes {
				if note != h.Note && !contains(hist, note) {
					t.Errorf("%s: highlight %s: sent note %q is neither the note %q nor in history %q", d.name, id, note, h.Note, hist)
				}
			}
		}
	}
	for id, bodies := range acked {
		for _, d := range devs {
			n, inTrash, ok := noteAnywhere(d.s, id)
			if !ok {
				t.Fatalf("%s: note %s is gone", d.name, id)
			}
			h := history(t, d.s, id)
			for body := range bodies {
				if n.Body != body && !contains(h, body) {
					t.Errorf("%s: note %s (trash %v): sent text %q is neither the text %q nor in history %q", d.name, id, inTrash, body, n.Body, h)
				}
			}
		}
	}
}

func trashHighlights(tr []TrashedHighlight) []Highlight {
	var out []Highlight
	for _, h := range tr {
		out = append(out, h.Highlight)
	}
	return out
}

func highlightAnywhere(s *Store, id string) (Highlight, bool) {
	if h, err := s.Highlight(id); err == nil {
		return h, true
	}
	tr, _ := s.HighlightTrash()
	for _, h := range tr {
		if h.ID == id {
			return h.Highlight, true
		}
	}
	return Highlight{}, false
}

func trashNotes(tr []TrashedNote) []Note {
	var out []Note
	for _, t := range tr {
		out = append(out, t.Note)
	}
	return out
}

func noteAnywhere(s *Store, id string) (Note, bool, bool) {
	if n, err := s.Note(id); err == nil {
		return n, false, true
	}
	tr, _ := s.Trash()
	for _, t := range tr {
		if t.ID == id {
			return t.Note, true, true
		}
	}
	return Note{}, false, false
}

// TestSyncCompactionKeepsTheFolderSmall: many rounds of edits grow the
// folder with the changes, and compaction keeps it under twice the size of
// a JSON export of the same data.
func TestSyncCompactionKeepsTheFolderSmall(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	var ids []string
	for i := 0; i < 200; i++ {
		ids = append(ids, a.note("", fmt.Sprintf("note %d %s", i, longText(800))).ID)
	}
	compacted := 0
	for round := 0; round < 40; round++ {
		for _, d := range []*device{a, b} {
			d.clk.Advance(11 * time.Minute)
			for j := 0; j < 30; j++ {
				d.note(ids[(round*31+j*7)%len(ids)], fmt.Sprintf("round %d by %s %s", round, d.name, longText(800)))
			}
			if d.sync().Compacted {
				compacted++
			}
		}
	}
	syncAll(a, b)
	assertSame(t, a, b)
	e, err := a.s.Export()
	if err != nil {
		t.Fatal(err)
	}
	export, _ := json.Marshal(e)
	folder := folderSize(t, dir)
	t.Logf("folder %d bytes, compact export %d bytes (%.2f×), %d compactions", folder, len(export), float64(folder)/float64(len(export)), compacted)
	if compacted == 0 {
		t.Errorf("no compaction ran")
	}
	if folder >= 2*int64(len(export)) {
		t.Errorf("folder %d bytes is not under twice the export's %d", folder, len(export))
	}
	// A newcomer reading only the compacted folder gets the same data.
	c := newDevice(t, "c", dir, 0)
	c.sync()
	assertSame(t, a, c)
}

func longText(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "abcdefgh ijklmnop qrstuvwxyz"[i%28]
	}
	return string(b)
}

func folderSize(t *testing.T, dir string) int64 {
	t.Helper()
	var total int64
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		info, err := os.Stat(filepath.Join(dir, e.Name()))
		if err == nil {
			total += info.Size()
		}
	}
	return total
}
