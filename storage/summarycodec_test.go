package storage

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
	"unsafe"
)

// A summary reads back from its binary form exactly as it would from JSON,
// times and zones included; a cut or stretched record is refused, not
// misread.
func TestSummaryFormRoundTripsLikeJSON(t *testing.T) {
	at := time.Date(2025, 3, 8, 9, 30, 15, 123456789, time.UTC)
	tests := []NoteSummary{
		{ID: "a", Topic: "data", Block: -1, Title: "Untitled note", Created: at, Updated: at},
		{ID: "019574fb9a680fa032c4584c0d84c3b0", Topic: "parallel-training-system", Section: "zero", Block: 3,
			Passage: "ZeRO removes the redundancy…", Title: "Sharding “the optimizer” — 分片", Tags: []string{"flashcards", "zero-3"},
			Size: 70000, Created: at.In(time.FixedZone("CET", 3600)), Updated: at.Add(time.Hour).In(time.FixedZone("", -5*3600-1800))},
		{ID: "z", Topic: "t", Tags: []string{}, Created: time.Time{}, Updated: time.Unix(0, 0)},
		{ID: "local", Topic: "t", Created: time.Now(), Updated: time.Now().In(time.Local)},
	}
	var r summaryReader
	for _, sum := range tests {
		raw, err := json.Marshal(sum)
		if err != nil {
			t.Fatal(err)
		}
		var want NoteSummary
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		rec := encodeSummary(sum)
		got, err := r.decode(rec)
		if err != nil {
			t.Fatalf("%s: %v", sum.ID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", sum.ID, got, want)
		}
		for cut := range len(rec) {
			if _, err := r.decode(rec[:cut]); err == nil {
				t.Errorf("%s: a record cut to %d of %d bytes was read", sum.ID, cut, len(rec))
			}
		}
		if _, err := r.decode(append(rec, 0)); err == nil {
			t.Errorf("%s: a record with a byte too many was read", sum.ID)
		}
	}
	if _, err := r.decode([]byte(`{"id":"old"}`)); err == nil {
		t.Error("a JSON summary was read as the binary form")
	}
}

// Summaries read by one reader share one copy of a topic, a section and a
// tag they have in common; an id or a title is each note's own.
func TestSummariesShareTheirTopicsSectionsAndTags(t *testing.T) {
	var r summaryReader
	var got []NoteSummary
	for _, id := range []string{"a", "b"} {
		sum, err := r.decode(encodeSummary(NoteSummary{ID: id, Topic: "data", Section: "overview", Title: "Same", Tags: []string{"todo"}}))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, sum)
	}
	a, b := got[0], got[1]
	for _, tt := range []struct {
		what   string
		x, y   string
		shared bool
	}{
		{"topic", a.Topic, b.Topic, true},
		{"section", a.Section, b.Section, true},
		{"tag", a.Tags[0], b.Tags[0], true},
		{"title", a.Title, b.Title, false},
	} {
		if same := unsafe.StringData(tt.x) == unsafe.StringData(tt.y); same != tt.shared {
			t.Errorf("%s %q: one copy = %v, want %v", tt.what, tt.x, same, tt.shared)
		}
	}
}
