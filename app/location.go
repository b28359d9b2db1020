// Package app is the application core: what a reader can do, as plain Go
// methods over the book, the store and the search index. It knows nothing of
// Fyne, so the window, the command line and the tests all drive the same code.
package app

import (
	"fmt"
	"strconv"
	"strings"

	"roadmapreader/app/library"
)

// Location is a place in the book: a topic, optionally a section, optionally
// a block inside the section (-1 when none).
type Location struct {
	Topic   string
	Section string
	Block   int
}

// At is a location of a topic and section with no block.
func At(topic, section string) Location { return Location{Topic: topic, Section: section, Block: -1} }

// String is the form the command line takes: topic#section (with /block).
func (l Location) String() string {
	s := l.Topic
	if l.Section != "" {
		s += "#" + l.Section
		if l.Block >= 0 {
			s += "/" + strconv.Itoa(l.Block)
		}
	}
	return s
}

// ParseLocation reads topic[#section[/block]] and checks it against the book.
func ParseLocation(b *library.Book, s string) (Location, error) {
	loc := Location{Block: -1}
	topic, rest, _ := strings.Cut(strings.TrimSpace(s), "#")
	loc.Topic = topic
	if rest != "" {
		sec, blk, hasBlk := strings.Cut(rest, "/")
		loc.Section = sec
		if hasBlk {
			n, err := strconv.Atoi(blk)
			if err != nil || n < 0 {
				return loc, fmt.Errorf("location %q: block must be a number", s)
			}
			loc.Block = n
		}
	}
	t := b.Topic(loc.Topic)
	if t == nil {
		return loc, fmt.Errorf("no topic %q (try `roadmap-reader topics`)", loc.Topic)
	}
	if loc.Section != "" {
		sec := t.Section(loc.Section)
		if sec == nil {
			return loc, fmt.Errorf("topic %q has no section %q", loc.Topic, loc.Section)
		}
		if loc.Block >= len(sec.Blocks) {
			return loc, fmt.Errorf("section %q has %d blocks", loc.Section, len(sec.Blocks))
		}
	}
	return loc, nil
}

// History is the Back/Forward trail of everything the reader opened.
type History struct {
	back, forward []Location
	cur           Location
	started       bool
}

const maxHistory = 200

// Visit records a new location; it clears the forward trail like a browser.
func (h *History) Visit(l Location) {
	if h.started && h.cur == l {
		return
	}
	if h.started {
		h.back = append(h.back, h.cur)
		if len(h.back) > maxHistory {
			h.back = h.back[len(h.back)-maxHistory:]
		}
	}
	h.cur, h.started, h.forward = l, true, nil
}

// Replace changes the current location without a new history entry (scrolling
// to another section of the same topic).
func (h *History) Replace(l Location) {
	if h.started {
		h.cur = l
	}
}

// Back returns the previous location, and false when there is none.
func (h *History) Back() (Location, bool) {
	if len(h.back) == 0 {
		return h.cur, false
	}
	h.forward = append(h.forward, h.cur)
	h.cur = h.back[len(h.back)-1]
	h.back = h.back[:len(h.back)-1]
	return h.cur, true
}

// Forward returns the next location, and false when there is none.
func (h *History) Forward() (Location, bool) {
	if len(h.forward) == 0 {
		return h.cur, false
	}
	h.back = append(h.back, h.cur)
	h.cur = h.forward[len(h.forward)-1]
	h.forward = h.forward[:len(h.forward)-1]
	return h.cur, true
}

// CanBack and CanForward tell the toolbar which buttons to enable.
func (h *History) CanBack() bool    { return len(h.back) > 0 }
func (h *History) CanForward() bool { return len(h.forward) > 0 }

// Current is where the reader is.
func (h *History) Current() Location { return h.cur }
