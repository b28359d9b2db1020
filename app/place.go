package app

import (
	"fmt"
	"time"

	"roadmapreader/app/library"
)

// Place is where the reader is in a topic, as the page measures it.
type Place struct {
	Scroll   float32 // the page's offset
	Fraction float32 // the share of the chapter passed, 0..1
	Screen   float32 // the share of the chapter one screen shows
	// Placed: Block and Offset are the page block and character offset of
	// the first line in view, which outlast a change of width or text size.
	Placed        bool
	Block, Offset int
}

// Reached is how far a reader has read after moving from one place in a
// chapter (from) to another (to), given how far they had read (furthest)
// and the share of the chapter a screen holds. Reading moves a screen or
// two at a time from where the read part ends (the window saves every two
// seconds at most; three screens leave room for dense text, whose share of
// the chapter is larger than its share of the page's height); a bigger
// move is a jump (a search result, a link, the scroll bar dragged) and what
// it skips is not read, so it leaves the furthest point where it was.
func Reached(furthest, from, to, screen float32) float32 {
	if screen <= 0 {
		screen = 0.1
	}
	if to <= furthest {
		return furthest
	}
	step := 3*screen + 0.02
	if from <= furthest+step && to-from <= step {
		return min(to, 1)
	}
	return furthest
}

// SaveReading is SaveProgress for the reader's own moves in the window:
// the furthest point follows reading, not jumps (see Reached).
func (s *Session) SaveReading(topic string, pl Place, at time.Time, then func(Progress, error)) {
	p := s.nextReading(topic, pl, at)
	later(s, func() (Progress, error) { return p, s.saveProgress(p) }, then)
}

// RecordReading is SaveReading that waits for the store (quitting).
func (s *Session) RecordReading(topic string, pl Place, at time.Time) error {
	p := s.nextReading(topic, pl, at)
	_, err := now(s, func() (Progress, error) { return p, s.saveProgress(p) })
	return err
}

func (s *Session) nextReading(topic string, pl Place, at time.Time) Progress {
	s.mu.RLock()
	prev, had := s.progress[topic]
	s.mu.RUnlock()
	from := float32(0)
	if had {
		from = prev.Percent / 100
	}
	p := s.nextProgress(topic, pl.Scroll, pl.Fraction, at)
	p.Furthest = Reached(prev.Furthest, from, min(max(pl.Fraction, 0), 1), pl.Screen)
	p.Placed, p.Block, p.Offset = pl.Placed, pl.Block, pl.Offset
	s.mu.Lock()
	s.progress[topic] = p
	s.mu.Unlock()
	return p
}

// ReopenAt is the scroll offset a topic opens at: where the reader left
// it, or its start once it is read to its end (a finished chapter starts
// again from the top, still shown as read).
func (s *Session) ReopenAt(topic string) float32 {
	p, ok := s.Progress(topic)
	if !ok {
		return 0
	}
	if st, _ := topicState(p, ok); st == Read && p.Percent >= 95 {
		return 0
	}
	return p.Scroll
}

// ReopenPlace is where a topic opens (see ReopenAt): a finished chapter at
// its start, else the stored place, with Placed false for a record kept
// before there were places (Scroll, in pixels, is then all there is).
func (s *Session) ReopenPlace(topic string) Place {
	p, ok := s.Progress(topic)
	if !ok {
		return Place{}
	}
	if st, _ := topicState(p, ok); st == Read && p.Percent >= 95 {
		return Place{}
	}
	return Place{Scroll: p.Scroll, Fraction: p.Percent / 100, Placed: p.Placed, Block: p.Block, Offset: p.Offset}
}

// ReadMark is how far a topic is read, as every view shows it: the
// Contents tree's mark, the status bar and the continue button agree.
func ReadMark(state ReadState, pct int) string {
	switch state {
	case InProgress:
		return fmt.Sprintf("%d%%", pct)
	case Read:
		return "read"
	}
	return ""
}

// ProgressLine is the status bar's account of the open topic, from the
// same record as the tree: "Data · 40% read · 5 min left".
func (s *Session) ProgressLine(t *library.Topic) string {
	state, pct := s.TopicState(t.ID)
	p, _ := s.Progress(t.ID)
	switch state {
	case Read:
		return t.Title + " · read"
	case InProgress:
		return fmt.Sprintf("%s · %s read · %d min left", t.Title, ReadMark(state, pct), MinutesLeft(t, p.Furthest))
	}
	return fmt.Sprintf("%s · %d min read", t.Title, t.ReadingMinutes())
}
