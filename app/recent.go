package app

import (
	"encoding/json"
	"slices"
	"strings"
)

// maxRecent is how many recent searches and places the palette offers.
const maxRecent = 8

// Recent are what the empty search palette offers: the searches the reader
// opened a result of, and the places they opened, newest first.
type Recent struct {
	Searches []string
	Places   []Location
}

// Recent returns the recent searches and places (from memory).
func (s *Session) Recent() Recent {
	st, _ := s.Settings()
	r := Recent{Searches: slices.Clone(st.RecentSearches)}
	for _, p := range st.RecentPlaces {
		l, err := ParseLocation(s.Book, p)
		if err == nil {
			r.Places = append(r.Places, l)
		}
	}
	return r
}

// RememberSearch puts a query first among the recent searches.
func (s *Session) RememberSearch(q string) {
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return
	}
	s.UpdateSettings(func(st *Settings) { st.RecentSearches = pushRecent(st.RecentSearches, q) }, nil)
}

// RememberPlace puts a topic and section first among the recent places; the
// generated back matter and the introduction's start are places too.
func (s *Session) RememberPlace(l Location) {
	if s.Book.Topic(l.Topic) == nil {
		return
	}
	key := Location{Topic: l.Topic, Section: l.Section, Block: -1}.String()
	s.UpdateSettings(func(st *Settings) { st.RecentPlaces = pushRecent(st.RecentPlaces, key) }, nil)
}

func pushRecent(list []string, v string) []string {
	out := append([]string{v}, slices.DeleteFunc(slices.Clone(list), func(x string) bool { return x == v })...)
	if len(out) > maxRecent {
		out = out[:maxRecent]
	}
	return out
}

func encodeList(l []string) string {
	if len(l) == 0 {
		return ""
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func decodeList(v string) []string {
	var l []string
	if json.Unmarshal([]byte(v), &l) != nil {
		return nil
	}
	if len(l) > maxRecent {
		l = l[:maxRecent]
	}
	return l
}
