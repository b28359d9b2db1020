package storage

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

func (d *device) highlight(id, color, note string) Highlight {
	d.t.Helper()
	h := Highlight{ID: id, Topic: "data", Section: "scale", Block: 2, Start: 4, End: 9,
		Quote: "scale", Prefix: "the ", Suffix: " of data", Color: color, Note: note}
	if id != "" {
		cur, err := d.s.Highlight(id)
		if err != nil {
			d.t.Fatalf("%s: highlight %s: %v", d.name, id, err)
		}
		cur.Color, cur.Note = color, note
		h = cur
	}
	saved, err := d.s.SaveHighlight(h)
	if err != nil {
		d.t.Fatalf("%s: save highlight: %v", d.name, err)
	}
	return saved
}

// studyState lists highlights (in use and trashed), reference statuses and
// followed problems, with times as instants.
func studyState(t testing.TB, s *Store) string {
	t.Helper()
	e, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	sort.Slice(e.Highlights, func(i, j int) bool { return e.Highlights[i].ID < e.Highlights[j].ID })
	for _, h := range e.Highlights {
		fmt.Fprintf(&b, "highlight %s %s/%s/%d/%d-%d %q %s %q %d %d\n", h.ID, h.Topic, h.Section, h.Block, h.Start, h.End,
			h.Quote, h.Color, h.Note, h.Created.UnixNano(), h.Updated.UnixNano())
	}
	sort.Slice(e.HighlightTrash, func(i, j int) bool { return e.HighlightTrash[i].ID < e.HighlightTrash[j].ID })
	for _, h := range e.HighlightTrash {
		fmt.Fprintf(&b, "hltrash %s %s %q %d %d\n", h.ID, h.Color, h.Note, h.Updated.UnixNano(), h.DeletedAt.UnixNano())
	}
	if e.Study != nil {
		for _, m := range e.Study.References {
			fmt.Fprintf(&b, "ref %s %q %q %d\n", m.Ref, m.Status, m.Note, m.Updated.UnixNano())
		}
		for _, m := range e.Study.Problems {
			fmt.Fprintf(&b, "problem %s %v %q %d\n", m.Problem, m.Following, m.Note, m.Updated.UnixNano())
		}
	}
	return b.String()
}

func hlHistory(t testing.TB, s *Store, id string) []string {
	t.Helper()
	h, err := s.HighlightHistory(id)
	if err != nil {
		t.Fatalf("highlight history %s: %v", id, err)
	}
	var out []string
	for _, v := range h {
		out = append(out, v.Body)
	}
	return out
}

// assertQuiet checks that another round on each device changes nothing.
func assertQuiet(t *testing.T, devs ...*device) {
	t.Helper()
	for _, d := range devs {
		if rep := d.sync(); !rep.Quiet || rep.Sent+rep.Applied > 0 {
			t.Errorf("%s: a second round was not quiet: %+v", d.name, rep)
		}
	}
}

func TestSyncHighlightsTravel(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	h := a.highlight("", Green, "why scale #data")
	syncAll(a, b)
	assertSame(t, a, b)
	got, err := b.s.Highlight(h.ID)
	if err != nil || got.Color != Green || got.Note != "why scale #data" || got.Quote != "scale" || got.Prefix != "the " {
		t.Fatalf("b: %+v %v", got, err)
	}
	if studyState(t, a.s) != studyState(t, b.s) {
		t.Fatalf("differ:\n%s---\n%s", studyState(t, a.s), studyState(t, b.s))
	}
	assertQuiet(t, a, b)
}

func TestSyncHighlightConcurrentEditsNewerWinsOlderNoteInHistory(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	h := a.highlight("", Yellow, "first")
	syncAll(a, b)
	a.clk.Advance(time.Minute)
	a.highlight(h.ID, Blue, "edited on a")
	b.clk.Advance(2 * time.Minute)
	b.highlight(h.ID, Pink, "edited on b, later")
	syncAll(a, b)
	want := studyState(t, a.s)
	if got := studyState(t, b.s); got != want {
		t.Fatalf("differ:\n%s---\n%s", want, got)
	}
	for _, d := range []*device{a, b} {
		got, err := d.s.Highlight(h.ID)
		if err != nil || got.Note != "edited on b, later" || got.Color != Pink {
			t.Errorf("%s: %+v %v", d.name, got, err)
		}
		if hist := hlHistory(t, d.s, h.ID); !contains(hist, "edited on a") || !contains(hist, "first") {
			t.Errorf("%s: history = %q", d.name, hist)
		}
	}
	assertQuiet(t, a, b)
}

func TestSyncHighlightDeleteOnOneEditOnTheOther(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	h := a.highlight("", Yellow, "keep me")
	syncAll(a, b)
	a.clk.Advance(time.Minute)
	if err := a.s.DeleteHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	b.clk.Advance(2 * time.Minute)
	b.highlight(h.ID, Purple, "edited after the delete")
	syncAll(a, b)
	if sa, sb := studyState(t, a.s), studyState(t, b.s); sa != sb {
		t.Fatalf("differ:\n%s---\n%s", sa, sb)
	}
	for _, d := range []*device{a, b} {
		if _, err := d.s.Highlight(h.ID); err == nil {
			t.Errorf("%s: deleted highlight is back", d.name)
		}
		tr, _ := d.s.HighlightTrash()
		if len(tr) != 1 || tr[0].Note != "edited after the delete" || tr[0].Color != Purple {
			t.Errorf("%s: trash = %+v", d.name, tr)
		}
		if hist := hlHistory(t, d.s, h.ID); !contains(hist, "keep me") {
			t.Errorf("%s: history = %q", d.name, hist)
		}
	}
	assertQuiet(t, a, b)
	// Restored on a: back in use everywhere.
	a.clk.Advance(time.Minute)
	if _, err := a.s.RestoreHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if got, err := b.s.Highlight(h.ID); err != nil || got.Note != "edited after the delete" {
		t.Errorf("b after restore: %+v %v", got, err)
	}
	if tr, _ := b.s.HighlightTrash(); len(tr) != 0 {
		t.Errorf("b trash after restore: %+v", tr)
	}
	assertQuiet(t, a, b)
}

func TestSyncReferenceStatusesAndProblems(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	if _, err := a.s.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusReading, Note: "laws"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.s.SetProblemMark(ProblemMark{Problem: "data/open-1", Following: true, Note: "watch"}); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if sa, sb := studyState(t, a.s), studyState(t, b.s); sa != sb || !strings.Contains(sa, "kaplan2020scaling") || !strings.Contains(sa, "data/open-1") {
		t.Fatalf("after the first rounds:\n%s---\n%s", sa, sb)
	}
	assertQuiet(t, a, b)

	// One after the other: b changed what it had seen; its note replaces a's.
	b.clk.Advance(time.Minute)
	if _, err := b.s.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusRead, Note: "rewritten"}); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	marks, _ := a.s.RefMarks()
	if m := marks["kaplan2020scaling"]; m.Status != StatusRead || m.Note != "rewritten" {
		t.Errorf("a after b's edit: %+v", m)
	}
	assertQuiet(t, a, b)

	// At once: the newer status and note win; the older note is in the
	// mark's history on both.
	a.clk.Advance(time.Minute)
	if _, err := a.s.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusSkip, Note: "from a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.SetProblemMark(ProblemMark{Problem: "data/open-1", Following: false, Note: "done on a"}); err != nil {
		t.Fatal(err)
	}
	b.clk.Advance(2 * time.Minute)
	if _, err := b.s.SetRefMark(RefMark{Ref: "kaplan2020scaling", Status: StatusReading, Note: "from b"}); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if sa, sb := studyState(t, a.s), studyState(t, b.s); sa != sb {
		t.Fatalf("differ:\n%s---\n%s", sa, sb)
	}
	for _, d := range []*device{a, b} {
		marks, _ := d.s.RefMarks()
		m := marks["kaplan2020scaling"]
		if m.Status != StatusReading || m.Note != "from b" {
			t.Errorf("%s: %+v", d.name, m)
		}
		hist, err := d.s.RefMarkHistory("kaplan2020scaling")
		if err != nil || len(hist) == 0 || !containsVersion(hist, "from a") {
			t.Errorf("%s: history %+v %v", d.name, hist, err)
		}
		probs, _ := d.s.ProblemMarks()
		if p := probs["data/open-1"]; p.Following || p.Note != "done on a" {
			t.Errorf("%s: problem %+v", d.name, p)
		}
		if hist, _ := d.s.ProblemMarkHistory("data/open-1"); d == b && !containsVersion(hist, "watch") {
			t.Errorf("%s: problem history %+v", d.name, hist)
		}
	}
	assertQuiet(t, a, b)
}

// TestSyncStudyThreeDevicesSkewed: three devices, clocks an hour apart,
// edit highlights and marks and converge.
func TestSyncStudyThreeDevicesSkewed(t *testing.T) {
	dir := t.TempDir()
	a, b, c := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, -time.Hour), newDevice(t, "c", dir, time.Hour)
	h := a.highlight("", Yellow, "on a")
	syncAll(a, b, c)
	b.clk.Advance(time.Minute)
	b.highlight(h.ID, Green, "on b, after a") // b saw a's: it wins though its clock is behind
	syncAll(a, b, c)
	for _, d := range []*device{a, b, c} {
		if got, err := d.s.Highlight(h.ID); err != nil || got.Note != "on b, after a" {
			t.Errorf("%s: %+v %v", d.name, got, err)
		}
	}
	if sa, sc := studyState(t, a.s), studyState(t, c.s); sa != sc {
		t.Fatalf("differ:\n%s---\n%s", sa, sc)
	}
	assertQuiet(t, a, b, c)
}

func containsVersion(vs []NoteVersion, body string) bool {
	for _, v := range vs {
		if v.Body == body {
			return true
		}
	}
	return false
}

// TestSyncCompactionKeepsTheFolderSmallWithHighlights: highlights and
// reference statuses edited on two devices round after round; compaction
// keeps the folder under twice the export, and a newcomer reading only the
// compacted folder gets the same highlights, trash and marks.
func TestSyncCompactionKeepsTheFolderSmallWithHighlights(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	var ids []string
	for i := 0; i < 150; i++ {
		ids = append(ids, a.highlight("", Yellow, fmt.Sprintf("hl %d %s", i, longText(800))).ID)
	}
	compacted := 0
	for round := 0; round < 40; round++ {
		for k, d := range []*device{a, b} {
			d.clk.Advance(11 * time.Minute)
			for j := 0; j < 25; j++ {
				id := ids[(round*31+j*7+k)%len(ids)]
				if _, err := d.s.Highlight(id); err != nil {
					continue // in the trash here
				}
				d.highlight(id, Colors[(round+j)%len(Colors)], fmt.Sprintf("round %d by %s %s", round, d.name, longText(800)))
			}
			if round%10 == 3 {
				_ = d.s.DeleteHighlight(ids[round+k])
			}
			if _, err := d.s.SetRefMark(RefMark{Ref: fmt.Sprint("ref", round%7), Status: StatusRead, Note: fmt.Sprint("round ", round, " by ", d.name)}); err != nil {
				t.Fatal(err)
			}
			if d.sync().Compacted {
				compacted++
			}
		}
	}
	syncAll(a, b)
	if sa, sb := studyState(t, a.s), studyState(t, b.s); sa != sb {
		t.Fatalf("differ:\n%s---\n%s", sa, sb)
	}
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
	c := newDevice(t, "c", dir, 0)
	c.sync()
	if sa, sc := studyState(t, a.s), studyState(t, c.s); sa != sc {
		t.Fatalf("newcomer differs:\n%s---\n%s", sa, sc)
	}
}

// TestSyncLearnsHighlightsFromLogsAlreadyRead: a database last synced by
// the program that knew three kinds had read (and skipped) the other
// device's highlight records; the first round of this program reads every
// log again and merges them.
func TestSyncLearnsHighlightsFromLogsAlreadyRead(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	h := a.highlight("", Green, "read before")
	syncAll(a, b)
	// Make b what the older program left: the log read to its end, the
	// highlight never merged.
	if err := b.s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketHighlights).Delete([]byte(h.ID)); err != nil {
			return err
		}
		sb := tx.Bucket(bucketSync)
		key := []byte(syncKey(synclog.KindHighlight, h.ID))
		if err := sb.Bucket(syncKnownB).Delete(key); err != nil {
			return err
		}
		if err := sb.Bucket(syncRecsB).Delete(key); err != nil {
			return err
		}
		return putJSON(sb, string(keySyncKinds), 3)
	}); err != nil {
		t.Fatal(err)
	}
	b.sync()
	if got, err := b.s.Highlight(h.ID); err != nil || got.Note != "read before" {
		t.Fatalf("b: %+v %v", got, err)
	}
	assertQuiet(t, a, b)
}

// TestSyncHighlightPurgedFromTheTrashStaysGone: each device purges its own
// trash after 30 days; the rounds after it neither bring the highlight
// back nor send anything.
func TestSyncHighlightPurgedFromTheTrashStaysGone(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	h := a.highlight("", Blue, "short-lived")
	syncAll(a, b)
	if err := b.s.DeleteHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	for _, d := range []*device{a, b} {
		d.clk.Advance(31 * 24 * time.Hour)
		if err := d.s.purgeHighlightTrash(); err != nil {
			t.Fatal(err)
		}
	}
	syncAll(a, b)
	for _, d := range []*device{a, b} {
		if _, ok := highlightAnywhere(d.s, h.ID); ok {
			t.Errorf("%s: purged highlight is back", d.name)
		}
	}
	assertQuiet(t, a, b)
	// A newcomer reading the whole folder gets it in the trash, to be
	// purged there in turn; it brings nothing back to the others.
	c := newDevice(t, "c", dir, 31*24*time.Hour)
	c.sync()
	if hs, _ := c.s.Highlights(); len(hs) != 0 {
		t.Errorf("newcomer has the deleted highlight in use: %+v", hs)
	}
	syncAll(a, b, c)
	for _, d := range []*device{a, b} {
		if _, ok := highlightAnywhere(d.s, h.ID); ok {
			t.Errorf("%s: purged highlight came back from the newcomer", d.name)
		}
	}
}

// TestSyncSkipsBadHighlightsAndMarks: records that do not hold a valid
// highlight, reference status or problem are counted as damaged and
// change nothing.
func TestSyncSkipsBadHighlightsAndMarks(t *testing.T) {
	dir := t.TempDir()
	st := synclog.Stamp{Wall: 1, Device: "other"}
	good := Highlight{ID: "h1", Topic: "data", Quote: "scale", End: 5, Color: Pink}
	good.Checksum = good.sum()
	wrongSum := good
	wrongSum.Note = "changed after the checksum"
	noQuote := Highlight{ID: "h2", Topic: "data", Color: Pink}
	noQuote.Checksum = noQuote.sum()
	js := func(v any) []byte { b, _ := json.Marshal(v); return b }
	recs := []synclog.Record{
		{Kind: synclog.KindHighlight, ID: "h1", HLC: st, Live: &st, Data: js(wrongSum)},
		{Kind: synclog.KindHighlight, ID: "h2", HLC: st, Live: &st, Data: js(noQuote)},
		{Kind: synclog.KindHighlight, ID: "h1", HLC: st, Data: js(good)}, // no place stamp
		{Kind: synclog.KindRefMark, ID: "kaplan2020scaling", HLC: st, Data: js(RefMark{Ref: "kaplan2020scaling", Status: "later"})},
		{Kind: synclog.KindRefMark, ID: "a", HLC: st, Data: js(RefMark{Ref: "b", Status: StatusRead})},
		{Kind: synclog.KindProblem, ID: "data/x\n", HLC: st, Data: js(ProblemMark{Problem: "data/x\n", Following: true})},
	}
	if _, _, err := synclog.Append(dir, synclog.OwnName("other", 1), "other", recs, time.Now()); err != nil {
		t.Fatal(err)
	}
	d := newDevice(t, "a", dir, 0)
	rep := d.sync()
	if rep.Bad != len(recs) || rep.Applied != 0 {
		t.Errorf("report: %+v", rep)
	}
	if s := studyState(t, d.s); s != "" {
		t.Errorf("state: %s", s)
	}
}

// TestSyncSentHighlightNoteStaysInHistory: a highlight note that a round
// sent is on other devices, so later edits within the same ten minutes do
// not fold it out of this device's history.
func TestSyncSentHighlightNoteStaysInHistory(t *testing.T) {
	dir := t.TempDir()
	a := newDevice(t, "a", dir, 0)
	h := a.highlight("", Yellow, "v0")
	a.clk.Advance(time.Minute)
	a.highlight(h.ID, Yellow, "v1")
	a.sync()
	for _, note := range []string{"v2", "v3"} {
		a.clk.Advance(time.Minute)
		a.highlight(h.ID, Yellow, note)
	}
	if hist := hlHistory(t, a.s, h.ID); !contains(hist, "v1") {
		t.Errorf("history = %q, want the sent v1 kept", hist)
	}
}
