package app

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

func TestNotesByTopicFollowSavesMovesAndDeletes(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{Book: b}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, n := range []NoteSummary{
		{ID: "a", Topic: "t1", Section: "s1"},
		{ID: "b", Topic: "t1", Section: "s1"},
		{ID: "c", Topic: "t1", Section: ""},
		{ID: "d", Topic: "t2", Section: "s9"},
	} {
		n.Updated = at.Add(time.Duration(i) * time.Minute)
		s.putNote(n)
	}
	s.putNote(NoteSummary{ID: "b", Topic: "t2", Section: "s9"}) // moved by an import
	s.putNote(NoteSummary{ID: "c", Topic: "t1", Section: ""})   // saved again in place
	s.dropNote("a")
	s.dropNote("nope")
	tests := []struct {
		topic string
		ids   string
		count map[string]int
	}{
		{"t1", "[c]", map[string]int{"": 1}},
		{"t2", "[b d]", map[string]int{"s9": 2}},
		{"t3", "[]", map[string]int{}},
	}
	for _, tt := range tests {
		var ids []string
		for _, n := range s.TopicNoteList(tt.topic) {
			ids = append(ids, n.ID)
		}
		sortStrings(ids)
		if got := fmt.Sprint(ids); got != tt.ids && !(len(ids) == 0 && tt.ids == "[]") {
			t.Errorf("%s: notes %s, want %s", tt.topic, got, tt.ids)
		}
		if got := s.NotesBySection(tt.topic); fmt.Sprint(got) != fmt.Sprint(tt.count) {
			t.Errorf("%s: NotesBySection %v, want %v", tt.topic, got, tt.count)
		}
	}
	for topic, list := range s.byTopic {
		for _, n := range list {
			if n != s.notes.get(n.ID) {
				t.Errorf("%s lists note %s that is deleted, moved or an old save", topic, n.ID)
			}
		}
	}
}

func sortStrings(s []string) { slices.Sort(s) }

// BenchmarkTopicSwitch is what a topic switch asks of the core about notes
// (their count by section, and the topic's notes in order, without bodies), with 1,000 to
// 100,000 notes spread over every topic: it grows with the topic's notes,
// not with all of them.
func BenchmarkTopicSwitch(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			dir, book := scaledDir(b, n)
			s, err := Open(book, dir)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			topics := book.Topics()
			b.ResetTimer()
			for i := range b.N {
				t := topics[i%len(topics)].ID
				s.NotesBySection(t)
				s.TopicNoteList(t)
			}
		})
	}
}
