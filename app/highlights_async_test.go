package app

import (
	"testing"
)

func TestHighlightMatches(t *testing.T) {
	r := newTestSession(t)
	p := Placement{Highlight: Highlight{Topic: "language-model", Quote: "scaling laws hold", Note: "see #scaling and #data"}, State: PlacedExact}
	cases := []struct {
		filter string
		want   bool
	}{
		{"", true},
		{"scaling", true},
		{"LAWS", true},
		{"#scal", true},
		{"#data scaling", true},
		{"#missing", false},
		{"nowhere", false},
		{"language", true}, // the place in the book
	}
	for _, c := range cases {
		if got := r.HighlightMatches(p, c.filter); got != c.want {
			t.Errorf("filter %q: got %v, want %v", c.filter, got, c.want)
		}
	}
}

func TestHighlightsLaterRunOnTheWriter(t *testing.T) {
	r := newTestSession(t)
	got := make(chan Placement, 1)
	r.HighlightBlockLater(Location{Topic: "parallel-training-system", Section: "zero", Block: 0}, "", "a note", func(p Placement, err error) {
		if err != nil {
			t.Error(err)
		}
		got <- p
	})
	p := <-got
	if !p.Placed() || p.Highlight.Note != "a note" {
		t.Fatalf("placement %+v", p)
	}
	marks := make(chan TopicMarks, 1)
	r.TopicHighlightsLater("parallel-training-system", func(m TopicMarks, err error) {
		if err != nil {
			t.Error(err)
		}
		marks <- m
	})
	if m := <-marks; len(m.Placed) != 1 || m.Placed[0].Highlight.ID != p.Highlight.ID {
		t.Fatalf("topic marks %+v", m)
	}
	done := make(chan error, 1)
	r.DeleteHighlightLater(p.Highlight.ID, func(_ struct{}, err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	trash := make(chan []TrashedHighlight, 1)
	r.HighlightTrashLater(func(ts []TrashedHighlight, err error) { trash <- ts })
	if ts := <-trash; len(ts) != 1 {
		t.Fatalf("trash %d", len(ts))
	}
	back := make(chan Placement, 1)
	r.RestoreHighlightLater(p.Highlight.ID, func(p Placement, err error) { back <- p })
	if b := <-back; b.Highlight.ID != p.Highlight.ID {
		t.Fatalf("restored %+v", b)
	}
}
