package storage

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Bookmark marks a place in the book: a topic and optionally a section.
type Bookmark struct {
	ID      string    `json:"id"`
	Topic   string    `json:"topic"`
	Section string    `json:"section,omitempty"`
	Label   string    `json:"label"`
	Created time.Time `json:"created"`
}

// SaveBookmark stores a bookmark: a new one (new ID, Created now) when ID is
// empty; otherwise it writes that ID, which is also how a delete is undone.
func (s *Store) SaveBookmark(b Bookmark) (Bookmark, error) {
	now := s.stamp()
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	b.Topic, b.Section, b.Label = fix(b.Topic), fix(b.Section), fix(b.Label)
	if b.ID == "" {
		b.ID = NewID(now)
	} else if !validID(b.ID) {
		return Bookmark{}, fmt.Errorf("save bookmark %q: invalid id", b.ID)
	}
	if b.Created.IsZero() {
		b.Created = now
	}
	b.Created = b.Created.Round(0)
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketBookmarks), b.ID, b)
	}, nil)
	if err != nil {
		return Bookmark{}, fmt.Errorf("save bookmark %s: %w", b.ID, err)
	}
	return b, nil
}

// Bookmarks lists every bookmark, newest first.
func (s *Store) Bookmarks() ([]Bookmark, error) {
	var out []Bookmark
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBookmarks).ForEach(func(k, v []byte) error {
			var b Bookmark
			if err := json.Unmarshal(v, &b); err != nil {
				return fmt.Errorf("bookmark %s: %w", k, err)
			}
			out = append(out, b)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("bookmarks: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.After(out[j].Created)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// DeleteBookmark removes a bookmark; the caller keeps it to offer undo.
func (s *Store) DeleteBookmark(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBookmarks)
		if b.Get([]byte(id)) == nil {
			return ErrNotFound
		}
		return b.Delete([]byte(id))
	}, nil)
	if err != nil {
		return fmt.Errorf("delete bookmark %s: %w", id, err)
	}
	return nil
}
