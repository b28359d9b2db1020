package app

import (
	"testing"
	"time"
)

func TestReached(t *testing.T) {
	for _, tt := range []struct {
		name                       string
		furthest, from, to, screen float32
		want                       float32
	}{
		{"reading on a screen", 0.30, 0.30, 0.38, 0.1, 0.38},
		{"reading on two screens", 0.30, 0.30, 0.50, 0.1, 0.50},
		{"three screens of dense text", 0.30, 0.30, 0.61, 0.1, 0.61},
		{"four screens at once is a jump", 0.30, 0.30, 0.75, 0.1, 0.30},
		{"scrolling back", 0.50, 0.50, 0.20, 0.1, 0.50},
		{"rereading inside the read part", 0.50, 0.10, 0.20, 0.1, 0.50},
		{"a search jump into an unread chapter", 0, 0, 0.92, 0.05, 0},
		{"a jump to the end", 0.20, 0.20, 1, 0.1, 0.20},
		{"reading on after a jump lands past the read part", 0.20, 0.80, 0.85, 0.1, 0.20},
		{"the last screen of a short chapter", 0.70, 0.70, 1, 0.3, 1},
		{"a chapter that fits one screen", 0, 0, 1, 1, 1},
		{"screen unknown: small steps only", 0.10, 0.10, 0.25, 0, 0.25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Reached(tt.furthest, tt.from, tt.to, tt.screen); got != tt.want {
				t.Errorf("Reached(%v, %v, %v, %v) = %v, want %v", tt.furthest, tt.from, tt.to, tt.screen, got, tt.want)
			}
		})
	}
}

func TestOneTruthForProgressAndPlace(t *testing.T) {
	r := newTestSession(t)
	now := time.Now()
	steps := []struct {
		topic      string
		place      Place
		wantState  ReadState
		wantMark   string
		wantLine   string
		wantReopen float32
	}{
		{"glossary", Place{Scroll: 9000, Fraction: 0.9, Screen: 0.05}, Unread, "", "Glossary · ", 9000},
		{"data", Place{Scroll: 400, Fraction: 0.15, Screen: 0.1}, InProgress, "15%", "Data · 15% read · ", 400},
		{"data", Place{Scroll: 900, Fraction: 0.32, Screen: 0.1}, InProgress, "32%", "Data · 32% read · ", 900},
		{"data", Place{Scroll: 3000, Fraction: 0.9, Screen: 0.1}, InProgress, "32%", "Data · 32% read · ", 3000},
		{"data", Place{Scroll: 1200, Fraction: 0.5, Screen: 0.1}, InProgress, "32%", "Data · 32% read · ", 1200}, // back from the jump
		{"data", Place{Scroll: 1700, Fraction: 0.7, Screen: 0.1}, InProgress, "70%", "Data · 70% read · ", 1700},
		{"data", Place{Scroll: 2200, Fraction: 0.88, Screen: 0.1}, InProgress, "88%", "Data · 88% read · ", 2200},
		{"data", Place{Scroll: 2600, Fraction: 1, Screen: 0.1}, Read, "read", "Data · read", 0},
	}
	for i, st := range steps {
		if err := r.RecordReading(st.topic, st.place, now.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
		state, pct := r.TopicState(st.topic)
		if state != st.wantState || ReadMark(state, pct) != st.wantMark {
			t.Errorf("step %d (%s at %v): state %v mark %q, want %v %q", i, st.topic, st.place.Fraction, state, ReadMark(state, pct), st.wantState, st.wantMark)
		}
		tp := r.Book.Topic(st.topic)
		if line := r.ProgressLine(tp); len(line) < len(st.wantLine) || line[:len(st.wantLine)] != st.wantLine {
			t.Errorf("step %d: status line %q, want it to start %q", i, line, st.wantLine)
		}
		if got := r.ReopenAt(st.topic); got != st.wantReopen {
			t.Errorf("step %d: reopens at %v, want %v", i, got, st.wantReopen)
		}
	}
	// what was stored is what is shown after a restart
	p, _ := r.Progress("data")
	if p.Furthest != 1 || p.Percent != 100 {
		t.Errorf("stored %+v", p)
	}
}

// The reader's text place is stored with the progress and is where the
// topic reopens; a save in pixels only (SaveProgress) drops a stale one, and
// a finished chapter reopens at its start.
func TestReopenPlace(t *testing.T) {
	r := newTestSession(t)
	now := time.Now()
	if pl := r.ReopenPlace("data"); pl != (Place{}) {
		t.Errorf("an unread topic reopens at %+v", pl)
	}
	if err := r.RecordReading("data", Place{Scroll: 900, Fraction: 0.2, Screen: 0.1, Placed: true, Block: 7, Offset: 120}, now); err != nil {
		t.Fatal(err)
	}
	if p, _ := r.Progress("data"); !p.Placed || p.Block != 7 || p.Offset != 120 {
		t.Errorf("stored %+v, want block 7 offset 120", p)
	}
	if pl := r.ReopenPlace("data"); !pl.Placed || pl.Block != 7 || pl.Offset != 120 || pl.Scroll != 900 {
		t.Errorf("reopens at %+v, want block 7 offset 120 (scroll 900)", pl)
	}
	if err := r.RecordProgress("data", 300, 0.1, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if pl := r.ReopenPlace("data"); pl.Placed || pl.Scroll != 300 {
		t.Errorf("after a save in pixels: reopens at %+v, want scroll 300 and no text place", pl)
	}
	if err := r.RecordReading("data", Place{Scroll: 5000, Fraction: 1, Screen: 1, Placed: true, Block: 90, Offset: 3}, now.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if pl := r.ReopenPlace("data"); pl != (Place{}) {
		t.Errorf("a finished chapter reopens at %+v, want its start", pl)
	}
}
