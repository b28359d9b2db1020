package app

import "slices"

// The session keeps its notes by topic too, so what a topic switch asks for
// (the notes of one topic, their count by section) costs the topic's notes,
// not every note the reader has written.

// putNote stores n in the session's notes and returns the summary kept,
// for the note's search document to share; s.mu must be held for writing.
func (s *Session) putNote(n NoteSummary) *NoteSummary {
	s.putSummary(&n)
	return &n
}

// putSummary stores p, which no one may change after, in the session's
// notes; s.mu must be held for writing.
func (s *Session) putSummary(p *NoteSummary) {
	if s.Book != nil {
		p.Topic, p.Section = bookPlace(s.Book, p.Topic, p.Section)
	}
	old := s.notes.put(p)
	s.sorted = nil
	delete(s.topicLists, p.Topic)
	if old != nil {
		delete(s.topicLists, old.Topic)
		if old.Topic == p.Topic {
			list := s.byTopic[p.Topic]
			if i := slices.Index(list, old); i >= 0 {
				list[i] = p
				return
			}
		}
		s.unlinkTopic(old)
	}
	if s.byTopic == nil {
		s.byTopic = map[string][]*NoteSummary{}
	}
	s.byTopic[p.Topic] = append(s.byTopic[p.Topic], p)
}

// dropNote takes a note out of the session's notes; s.mu must be held for
// writing.
func (s *Session) dropNote(id string) {
	if old := s.notes.drop(id); old != nil {
		s.unlinkTopic(old)
		delete(s.topicLists, old.Topic)
	}
	s.sorted = nil
}

// unlinkTopic takes n out of its topic's list: a walk over the topic's
// notes, a pointer compared at each, for a note deleted or moved.
func (s *Session) unlinkTopic(n *NoteSummary) {
	list := s.byTopic[n.Topic]
	i := slices.Index(list, n)
	if i < 0 {
		return
	}
	last := len(list) - 1
	list[i] = list[last]
	list[last] = nil
	if last == 0 {
		delete(s.byTopic, n.Topic)
		return
	}
	s.byTopic[n.Topic] = list[:last]
}
