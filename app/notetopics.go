package app

// The session keeps its notes by topic too, so what a topic switch asks for
// (the notes of one topic, their count by section) costs the topic's notes,
// not every note the reader has written.

// putNote stores n in the session's notes; s.mu must be held for writing.
func (s *Session) putNote(n NoteSummary) {
	if s.Book != nil {
		n.Topic, n.Section = bookPlace(s.Book, n.Topic, n.Section)
	}
	if old, ok := s.notes[n.ID]; ok {
		delete(s.topicLists, old.Topic)
		if old.Topic != n.Topic {
			s.unlinkTopic(old.Topic, n.ID)
		}
	}
	s.notes[n.ID] = &n
	s.sorted = nil
	delete(s.topicLists, n.Topic)
	if s.byTopic == nil {
		s.byTopic = map[string]map[string]struct{}{}
	}
	ids := s.byTopic[n.Topic]
	if ids == nil {
		ids = map[string]struct{}{}
		s.byTopic[n.Topic] = ids
	}
	ids[n.ID] = struct{}{}
}

// dropNote takes a note out of the session's notes; s.mu must be held for
// writing.
func (s *Session) dropNote(id string) {
	if old, ok := s.notes[id]; ok {
		s.unlinkTopic(old.Topic, id)
		delete(s.topicLists, old.Topic)
	}
	delete(s.notes, id)
	s.sorted = nil
}

func (s *Session) unlinkTopic(topic, id string) {
	if ids := s.byTopic[topic]; ids != nil {
		delete(ids, id)
		if len(ids) == 0 {
			delete(s.byTopic, topic)
		}
	}
}
