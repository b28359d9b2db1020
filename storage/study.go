package storage

// The reader's study marks (since schema 3):
//
//	refstatus
//	╰── <reference key>   → RefMark               (kaplan2020scaling: status + the reader's note)
//	problems
//	╰── <topic/problem>   → ProblemMark           (following or not + the reader's note)

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketRefStatus = []byte("refstatus")
	bucketProblems  = []byte("problems")
)

// Reading statuses of a reference.
const (
	StatusToRead  = "to read"
	StatusReading = "reading"
	StatusRead    = "read"
	StatusSkip    = "skip"
)

// Statuses lists the reading statuses in the order a menu shows them.
var Statuses = []string{StatusToRead, StatusReading, StatusRead, StatusSkip}

// ErrBadStatus means a reading status that is not one of Statuses.
var ErrBadStatus = errors.New("status must be one of: to read, reading, read, skip")

// ValidStatus says whether s is a reading status ("" means none set).
func ValidStatus(s string) bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return s == ""
}

// RefMark is what the reader keeps about one reference of the book.
type RefMark struct {
	Ref     string    `json:"ref"`
	Status  string    `json:"status,omitempty"`
	Note    string    `json:"note,omitempty"`
	Updated time.Time `json:"updated"`
}

// ProblemMark is what the reader keeps about one open problem.
type ProblemMark struct {
	Problem   string    `json:"problem"`
	Following bool      `json:"following"`
	Note      string    `json:"note,omitempty"`
	Updated   time.Time `json:"updated"`
}

// StudyExport is the study part of a JSON export.
type StudyExport struct {
	References []RefMark     `json:"references,omitempty"`
	Problems   []ProblemMark `json:"problems,omitempty"`
}

// migrateStudy is schema 3: reference statuses and followed open problems.
func migrateStudy(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketRefStatus, bucketProblems} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	return nil
}

// SetRefMark stores the reader's status and note for a reference.
func (s *Store) SetRefMark(m RefMark) (RefMark, error) {
	m.Ref = strings.TrimSpace(m.Ref)
	if m.Ref == "" {
		return RefMark{}, errors.New("set reference status: no reference")
	}
	if !ValidStatus(m.Status) {
		return RefMark{}, fmt.Errorf("set reference status %q: %w", m.Status, ErrBadStatus)
	}
	if !utf8.ValidString(m.Note) {
		return RefMark{}, errors.New("set reference status: the note is not valid UTF-8")
	}
	m.Updated = s.stamp()
	err := s.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketRefStatus), m.Ref, m) }, nil)
	if err != nil {
		return RefMark{}, fmt.Errorf("set reference status %s: %w", m.Ref, err)
	}
	return m, nil
}

// RefMarks returns every reference mark, by reference key.
func (s *Store) RefMarks() (map[string]RefMark, error) {
	return readMarks[RefMark](s, bucketRefStatus, "reference statuses")
}

// readMarks decodes every record of a bucket of marks, by key.
func readMarks[T any](s *Store, bucket []byte, what string) (map[string]T, error) {
	out := map[string]T{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			var m T
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("%s %s: %w", what, k, err)
			}
			out[string(k)] = m
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// SetProblemMark stores whether the reader follows an open problem, and a note.
func (s *Store) SetProblemMark(m ProblemMark) (ProblemMark, error) {
	m.Problem = strings.TrimSpace(m.Problem)
	if m.Problem == "" {
		return ProblemMark{}, errors.New("follow problem: no problem")
	}
	if !utf8.ValidString(m.Note) {
		return ProblemMark{}, errors.New("follow problem: the note is not valid UTF-8")
	}
	m.Updated = s.stamp()
	err := s.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketProblems), m.Problem, m) }, nil)
	if err != nil {
		return ProblemMark{}, fmt.Errorf("follow problem %s: %w", m.Problem, err)
	}
	return m, nil
}

// ProblemMarks returns every open-problem mark, by problem id.
func (s *Store) ProblemMarks() (map[string]ProblemMark, error) {
	return readMarks[ProblemMark](s, bucketProblems, "followed problems")
}

// addStudy puts the study marks into an export.
func (s *Store) addStudy(e *Export) error {
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		e.Study, err = exportStudy(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// exportStudy reads the study marks for an export, in key order.
func exportStudy(tx *bolt.Tx) (*StudyExport, error) {
	var e StudyExport
	if err := tx.Bucket(bucketRefStatus).ForEach(func(k, v []byte) error {
		var m RefMark
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("reference mark %s: %w", k, err)
		}
		e.References = append(e.References, m)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketProblems).ForEach(func(k, v []byte) error {
		var m ProblemMark
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("problem mark %s: %w", k, err)
		}
		e.Problems = append(e.Problems, m)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(e.References) == 0 && len(e.Problems) == 0 {
		return nil, nil
	}
	return &e, nil
}

// normalizeStudy checks the study part of an export.
func normalizeStudy(e *StudyExport) error {
	if e == nil {
		return nil
	}
	for i, m := range e.References {
		if strings.TrimSpace(m.Ref) == "" {
			return errors.New("export: a reference status has no reference")
		}
		if !ValidStatus(m.Status) {
			return fmt.Errorf("export: reference %s: %w", m.Ref, ErrBadStatus)
		}
		if !utf8.ValidString(m.Note) {
			return fmt.Errorf("export: reference %s: note is not valid UTF-8", m.Ref)
		}
		e.References[i].Updated = m.Updated.Round(0)
	}
	for i, m := range e.Problems {
		if strings.TrimSpace(m.Problem) == "" {
			return errors.New("export: a followed problem has no id")
		}
		if !utf8.ValidString(m.Note) {
			return fmt.Errorf("export: problem %s: note is not valid UTF-8", m.Problem)
		}
		e.Problems[i].Updated = m.Updated.Round(0)
	}
	return nil
}

// mergeNotes keeps both notes when they differ: the newer first, then the
// older one unless the newer already holds it. Merging again changes nothing.
func mergeNotes(newer, older string) string {
	if older == "" || strings.Contains(newer, older) {
		return newer
	}
	if newer == "" {
		return older
	}
	return newer + "\n\n" + older
}

// importStudy merges the study part of an export: the newer status or
// following wins, and neither side's note is ever lost.
func importStudy(tx *bolt.Tx, e *StudyExport) (added, updated int, err error) {
	if e == nil {
		return 0, 0, nil
	}
	rb := tx.Bucket(bucketRefStatus)
	for _, in := range e.References {
		out := in
		if raw := rb.Get([]byte(in.Ref)); raw != nil {
			var cur RefMark
			if json.Unmarshal(raw, &cur) == nil {
				newer, older := in, cur
				if !in.Updated.After(cur.Updated) {
					newer, older = cur, in
				}
				out = newer
				out.Note = mergeNotes(newer.Note, older.Note)
				if out.Status == cur.Status && out.Note == cur.Note && out.Updated.Equal(cur.Updated) {
					continue
				}
			}
			updated++
		} else {
			added++
		}
		if err := putJSON(rb, out.Ref, out); err != nil {
			return 0, 0, err
		}
	}
	pb := tx.Bucket(bucketProblems)
	for _, in := range e.Problems {
		out := in
		if raw := pb.Get([]byte(in.Problem)); raw != nil {
			var cur ProblemMark
			if json.Unmarshal(raw, &cur) == nil {
				newer, older := in, cur
				if !in.Updated.After(cur.Updated) {
					newer, older = cur, in
				}
				out = newer
				out.Note = mergeNotes(newer.Note, older.Note)
				if out.Following == cur.Following && out.Note == cur.Note && out.Updated.Equal(cur.Updated) {
					continue
				}
			}
			updated++
		} else {
			added++
		}
		if err := putJSON(pb, out.Problem, out); err != nil {
			return 0, 0, err
		}
	}
	return added, updated, nil
}
