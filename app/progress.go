package app

import (
	"time"

	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// OpenedTopic starts the clock on a topic for seconds read.
func (r *Session) OpenedTopic(topic string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started[topic] = now
}

// RecordProgress stores where the reader is in a topic: the scroll offset and
// the fraction read (0..1), adding the time spent since the topic was opened.
func (r *Session) RecordProgress(topic string, scroll, fraction float32, now time.Time) error {
	if fraction < 0 {
		fraction = 0
	}
	if fraction > 1 {
		fraction = 1
	}
	r.mu.Lock()
	var secs int64
	if st, ok := r.started[topic]; ok {
		secs = int64(now.Sub(st) / time.Second)
		if secs > 0 {
			r.started[topic] = st.Add(time.Duration(secs) * time.Second)
		}
	}
	r.mu.Unlock()
	p, _, err := r.Store.Progress(topic)
	if err != nil {
		return err
	}
	p.Topic = topic
	p.Scroll = scroll
	p.Percent = fraction * 100
	if fraction > p.Furthest {
		p.Furthest = fraction
	}
	if secs > 0 && secs < 3600 { // an hour away from the keyboard is not reading
		p.Seconds += secs
	}
	p.LastRead = now
	return r.Store.SaveProgress(p)
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
func TopicState(p storage.Progress, ok bool) (ReadState, int) {
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
func (r *Session) LastRead() (storage.Progress, bool) {
	all, err := r.Store.AllProgress()
	if err != nil {
		return storage.Progress{}, false
	}
	var best storage.Progress
	found := false
	for _, p := range all {
		if r.Book.Topic(p.Topic) == nil {
			continue
		}
		if !found || p.LastRead.After(best.LastRead) {
			best, found = p, true
		}
	}
	return best, found
}
