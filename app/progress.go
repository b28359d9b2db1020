package app

import (
	"time"

	"roadmapreader/app/library"
)

// OpenedTopic starts the clock on a topic for seconds read.
func (s *Session) OpenedTopic(topic string, now time.Time) {
	s.mu.Lock()
	s.started[topic] = now
	s.mu.Unlock()
	s.settleLater()
}

// SaveProgress stores, on the writer, where the reader is in a topic: the
// scroll offset and the fraction read (0..1), adding the time spent since
// the topic was opened; the topic becomes the place to reopen at.
func (s *Session) SaveProgress(topic string, scroll, fraction float32, at time.Time, then func(Progress, error)) {
	p := s.nextProgress(topic, scroll, fraction, at)
	later(s, func() (Progress, error) { return p, s.saveProgress(p) }, then)
}

// RecordProgress is SaveProgress that waits for the store (quitting, tests).
func (s *Session) RecordProgress(topic string, scroll, fraction float32, at time.Time) error {
	p := s.nextProgress(topic, scroll, fraction, at)
	_, err := now(s, func() (Progress, error) { return p, s.saveProgress(p) })
	return err
}

// nextProgress works out the new record from the one in memory.
func (s *Session) nextProgress(topic string, scroll, fraction float32, at time.Time) Progress {
	fraction = min(max(fraction, 0), 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	var secs int64
	if st, ok := s.started[topic]; ok {
		secs = int64(at.Sub(st) / time.Second)
		if secs > 0 {
			s.started[topic] = st.Add(time.Duration(secs) * time.Second)
		}
	}
	p := s.progress[topic]
	p.Topic = topic
	p.Scroll = scroll
	p.Placed, p.Block, p.Offset = false, 0, 0 // a place in pixels only; SaveReading adds the text place
	p.Percent = fraction * 100
	if fraction > p.Furthest {
		p.Furthest = fraction
	}
	if secs > 0 && secs < 3600 { // an hour away from the keyboard is not reading
		p.Seconds += secs
	}
	p.LastRead = at
	s.progress[topic] = p // what the views show at once; the writer stores it
	return p
}

func (s *Session) saveProgress(p Progress) error {
	if err := s.store.SaveProgress(p); err != nil {
		return err
	}
	return s.saveSettingsNow(func(st *Settings) { st.Location = p.Topic })
}

// Progress is how far the reader got in a topic (from memory).
func (s *Session) Progress(topic string) (Progress, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.progress[topic]
	return p, ok
}

// ReadState is how far the reader got in a topic, for the Contents tree.
type ReadState int

// Unread, InProgress and Read are the states a topic shows.
const (
	Unread ReadState = iota
	InProgress
	Read
)

// TopicState says whether a topic is unread, in progress or read, and its percent.
func (s *Session) TopicState(topic string) (ReadState, int) {
	p, ok := s.Progress(topic)
	return topicState(p, ok)
}

func topicState(p Progress, ok bool) (ReadState, int) {
	if !ok || p.Furthest <= 0.02 {
		return Unread, 0
	}
	pct := int(p.Furthest*100 + 0.5)
	if p.Furthest >= 0.95 {
		return Read, 100
	}
	return InProgress, pct
}

// MinutesLeft estimates the reading time left in a topic.
func MinutesLeft(t *library.Topic, furthest float32) int {
	left := float32(t.Words) * (1 - furthest) / 230
	if left < 1 && furthest < 0.95 {
		return 1
	}
	return int(left + 0.5)
}

// LastRead returns the most recently read topic and its progress.
func (s *Session) LastRead() (Progress, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var best Progress
	found := false
	for _, p := range s.progress {
		if s.Book.Topic(p.Topic) == nil {
			continue
		}
		if !found || p.LastRead.After(best.LastRead) {
			best, found = p, true
		}
	}
	return best, found
}
