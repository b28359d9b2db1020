package storage

import (
	"encoding/binary"
	"errors"
	"time"
)

// Summaries are stored in a small binary form rather than JSON (schema 6):
// a session decodes every one of them before its window shows, and at
// 100,000 notes JSON took 0.5 s of that. The form, after a version byte:
// the strings ID, Topic, Section, Passage and Title, each a uvarint length
// and its bytes; Block as a varint; Size as a uvarint; the tag count and the
// tags; then Created and Updated, each as Unix seconds (varint), nanoseconds
// (uvarint) and the zone's offset in seconds (varint). A time decodes as JSON decodes it: UTC
// for offset 0, else a fixed zone of that offset.

const summaryForm = 1

var errSummaryForm = errors.New("not a summary record")

func encodeSummary(sum NoteSummary) []byte {
	b := make([]byte, 0, 64+len(sum.ID)+len(sum.Topic)+len(sum.Section)+len(sum.Passage)+len(sum.Title))
	b = append(b, summaryForm)
	for _, s := range []string{sum.ID, sum.Topic, sum.Section, sum.Passage, sum.Title} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, int64(sum.Block))
	b = binary.AppendUvarint(b, uint64(sum.Size))
	b = binary.AppendUvarint(b, uint64(len(sum.Tags)))
	for _, t := range sum.Tags {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	for _, t := range []time.Time{sum.Created, sum.Updated} {
		_, off := t.Zone()
		b = binary.AppendVarint(b, t.Unix())
		b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
		b = binary.AppendVarint(b, int64(off))
	}
	return b
}

// summaryReader decodes summaries, sharing one zone per offset, and one
// copy of each topic, section and tag: they repeat over thousands of notes,
// and a copy each is not only memory but holes in it once the session swaps
// a note's topic and section for the book's own strings.
type summaryReader struct {
	zones map[int]*time.Location
	known map[string]string
}

func (r *summaryReader) decode(raw []byte) (NoteSummary, error) {
	var sum NoteSummary
	if len(raw) == 0 || raw[0] != summaryForm {
		return sum, errSummaryForm
	}
	if r.known == nil {
		r.known = map[string]string{}
	}
	d := decoder{b: raw[1:]}
	sum.ID = d.str()
	sum.Topic, sum.Section = d.shared(r.known), d.shared(r.known)
	sum.Passage, sum.Title = d.str(), d.str()
	sum.Block = int(d.varint())
	sum.Size = int(d.uvarint())
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) {
		sum.Tags = make([]string, n)
		for i := range sum.Tags {
			sum.Tags[i] = d.shared(r.known)
		}
	}
	for _, t := range []*time.Time{&sum.Created, &sum.Updated} {
		sec, ns, off := d.varint(), d.uvarint(), int(d.varint())
		*t = time.Unix(sec, int64(ns)).In(r.zone(off))
	}
	if d.bad || len(d.b) != 0 {
		return NoteSummary{}, errSummaryForm
	}
	return sum, nil
}

func (r *summaryReader) zone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	if r.zones == nil {
		r.zones = map[int]*time.Location{}
	}
	z, ok := r.zones[off]
	if !ok {
		z = time.FixedZone("", off)
		r.zones[off] = z
	}
	return z
}

// decoder reads the fields of a record, remembering any overrun.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes is the next length-prefixed run of bytes, valid while d.b is.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) str() string { return string(d.bytes()) }

// shared is the next string, as the copy in known when there is one.
func (d *decoder) shared(known map[string]string) string {
	b := d.bytes()
	if s, ok := known[string(b)]; ok {
		return s
	}
	s := string(b)
	known[s] = s
	return s
}
