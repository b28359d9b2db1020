package app

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"roadmapreader/app/study"
	"roadmapreader/storage"
)

func TestReferenceStatusAndFilters(t *testing.T) {
	r := newTestSession(t)
	all, err := r.References(ReferenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 100 {
		t.Fatalf("%d references", len(all))
	}
	note := "read §3 first"
	got, err := r.SetReference("kaplan2020scaling", storage.StatusReading, &note)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != storage.StatusReading || got.Note != note || got.Title != "Scaling Laws for Neural Language Models" {
		t.Errorf("set = %+v", got)
	}
	// A status change without a note keeps the note.
	if got, _ = r.SetReference("kaplan2020scaling", storage.StatusRead, nil); got.Note != note {
		t.Errorf("note lost: %+v", got)
	}
	if _, err := r.SetReference("nobody1999nothing", storage.StatusRead, nil); err == nil {
		t.Error("an unknown reference was accepted")
	}
	if _, err := r.SetReference("kaplan2020scaling", "finished", nil); err == nil {
		t.Error("an unknown status was accepted")
	}

	tests := []struct {
		name  string
		f     ReferenceFilter
		check func(Reference) bool
	}{
		{"status", ReferenceFilter{Status: storage.StatusRead}, func(x Reference) bool { return x.ID == "kaplan2020scaling" }},
		{"no status", ReferenceFilter{Status: "none"}, func(x Reference) bool { return x.Status == "" }},
		{"topic", ReferenceFilter{Topic: "protein-research"}, func(x Reference) bool { return slices.Contains(x.CitedIn, "protein-research") }},
		{"years", ReferenceFilter{YearFrom: 2021, YearTo: 2021}, func(x Reference) bool { return x.Year == 2021 }},
		{"text", ReferenceFilter{Text: "scaling laws"}, func(x Reference) bool {
			return strings.Contains(strings.ToLower(x.Title), "scaling laws")
		}},
	}
	for _, tt := range tests {
		refs, err := r.References(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(refs) == 0 || len(refs) == len(all) {
			t.Errorf("%s: %d of %d references; the filter must narrow", tt.name, len(refs), len(all))
		}
		for _, x := range refs {
			if !tt.check(x) {
				t.Errorf("%s: %s does not belong", tt.name, x.ID)
			}
		}
	}
	byYear, _ := r.References(ReferenceFilter{Sort: "year"})
	for i := 1; i < len(byYear); i++ {
		if byYear[i].Year > byYear[i-1].Year {
			t.Fatalf("sort by year: %d after %d", byYear[i].Year, byYear[i-1].Year)
		}
	}
}

func TestExportBibTeX(t *testing.T) {
	r := newTestSession(t)
	out, err := r.Export(FormatBibTeX, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	refs, _ := r.References(ReferenceFilter{})
	if n := bytes.Count(out, []byte("\n@")) + 1; n != len(refs) {
		t.Errorf("%d entries for %d references", n, len(refs))
	}
	if !bytes.Contains(out, []byte("@misc{kaplan2020scaling,")) {
		t.Errorf("no kaplan2020scaling entry")
	}
}

func TestKeyWorksSortAndFilter(t *testing.T) {
	r := newTestSession(t)
	ws, err := r.KeyWorks(WorkFilter{Topic: "language-model", YearFrom: 2020, YearTo: 2021, Sort: "year", Desc: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) == 0 {
		t.Fatal("no works")
	}
	for i, w := range ws {
		if w.Topic != "language-model" || w.Year < 2020 || w.Year > 2021 {
			t.Errorf("%+v does not belong", w)
		}
		if i > 0 && w.Year > ws[i-1].Year {
			t.Errorf("not newest first: %d after %d", w.Year, ws[i-1].Year)
		}
	}
	byTopic, _ := r.KeyWorks(WorkFilter{Sort: "topic"})
	for i := 1; i < len(byTopic); i++ {
		if r.topicIndex(byTopic[i].Topic) < r.topicIndex(byTopic[i-1].Topic) {
			t.Fatalf("sort by topic: %s after %s", byTopic[i].Topic, byTopic[i-1].Topic)
		}
	}
}

func TestTimelineOrderAndFilter(t *testing.T) {
	r := newTestSession(t)
	newest, err := r.Timeline(TimelineFilter{NewestFirst: true})
	if err != nil {
		t.Fatal(err)
	}
	oldest, _ := r.Timeline(TimelineFilter{})
	if len(newest) != len(oldest) || newest[0] != oldest[len(oldest)-1] {
		t.Errorf("newest first is not oldest first reversed")
	}
	y, _ := r.Timeline(TimelineFilter{Year: 2023, Topic: "language-model"})
	if len(y) == 0 {
		t.Fatal("no 2023 language-model entries")
	}
	for _, e := range y {
		if e.Year != 2023 || e.Topic != "language-model" {
			t.Errorf("%+v does not belong", e)
		}
	}
}

func TestFollowProblem(t *testing.T) {
	r := newTestSession(t)
	all, err := r.Problems(false)
	if err != nil {
		t.Fatal(err)
	}
	id := all[3].ID
	if _, err := r.FollowProblem(id, true, "my angle"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.FollowProblem("data/no-such-problem", true, ""); err == nil {
		t.Error("an unknown problem was accepted")
	}
	followed, _ := r.Problems(true)
	if len(followed) != 1 || followed[0].ID != id || followed[0].Note != "my angle" || !followed[0].Following {
		t.Errorf("followed = %+v", followed)
	}
}

func TestTopicMapState(t *testing.T) {
	r := newTestSession(t)
	now := time.Now()
	if err := r.RecordProgress("data", 0, 1, now); err != nil {
		t.Fatal(err)
	}
	if err := r.RecordProgress("knowledge", 0, 0.4, now); err != nil {
		t.Fatal(err)
	}
	n := r.NewNoteAt(At("knowledge", ""))
	n.Body = "a note"
	if _, err := r.SaveNote(n); err != nil {
		t.Fatal(err)
	}
	m, progress, badges, err := r.TopicMap()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Nodes) != 16 {
		t.Errorf("%d nodes", len(m.Nodes))
	}
	if progress["data"] != study.Read || progress["knowledge"] != study.InProgress || progress["dialogue"] != study.Unread {
		t.Errorf("progress = %v", progress)
	}
	if badges["knowledge"].Notes != 1 || badges["data"].Notes != 0 {
		t.Errorf("badges = %v", badges)
	}
}
