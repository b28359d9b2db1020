package synclog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"time"
)

// Format is the record format this program writes; records of a newer
// format are skipped (and counted), never guessed at.
const Format = 1

// Kinds of record. A new kind is added here (and in storage's applyRecord,
// scanChanges and syncKinds); a reader that does not know a kind skips it.
const (
	KindHeader   = "file" // first record of every file: its device and nonce
	KindNote     = "note"
	KindBookmark = "bookmark"
	KindProgress = "progress"
	// Since storage's syncKinds 6 (storage/sync_kinds.go).
	KindHighlight = "highlight"
	KindRefMark   = "refstatus"
	KindProblem   = "problem"
)

// Record is one change: the whole new state of one item, never a diff, so
// that applying it twice or out of order is harmless.
type Record struct {
	V    int    `json:"v"`
	Kind string `json:"kind"`
	ID   string `json:"id"`
	// HLC stamps the item's content (a note's text and place, a bookmark, a
	// progress record, a highlight's anchor, colour and note, a reference
	// status or followed problem).
	HLC Stamp `json:"hlc"`
	// Live stamps a note's (or a highlight's) being in use or in the trash,
	// which merges apart from its content: a delete and an edit made at once
	// both survive (it is in the trash, with the newer content).
	Live *Stamp `json:"live,omitempty"`
	// Deleted is a tombstone (bookmark) or a note or highlight in the trash.
	Deleted   bool            `json:"del,omitempty"`
	DeletedAt time.Time       `json:"deletedAt,omitzero"`
	Data      json.RawMessage `json:"data,omitempty"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Encode gives the record's line: 8 hex digits of CRC-32C of the JSON, a
// space, the JSON, a newline.
func Encode(r Record) ([]byte, error) {
	if r.V == 0 {
		r.V = Format
	}
	js, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", r.Kind, r.ID, err)
	}
	line := make([]byte, 0, len(js)+10)
	line = fmt.Appendf(line, "%08x ", crc32.Checksum(js, castagnoli))
	line = append(line, js...)
	return append(line, '\n'), nil
}

var errBadRecord = errors.New("bad record")

// Decode reads one line (without its newline). A checksum that does not
// match, or JSON that does not decode, is an error: the record is skipped.
func Decode(line []byte) (Record, error) {
	if len(line) < 10 || line[8] != ' ' {
		return Record{}, errBadRecord
	}
	want, err := strconv.ParseUint(string(line[:8]), 16, 32)
	if err != nil {
		return Record{}, errBadRecord
	}
	js := line[9:]
	if uint32(want) != crc32.Checksum(js, castagnoli) {
		return Record{}, fmt.Errorf("%w: checksum mismatch", errBadRecord)
	}
	var r Record
	dec := json.NewDecoder(bytes.NewReader(js))
	if err := dec.Decode(&r); err != nil {
		return Record{}, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	return r, nil
}
