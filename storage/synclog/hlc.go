// Package synclog is the file side of sync through a shared folder: hybrid
// logical clock stamps, checksummed change records, and the per-device log
// files a folder synchroniser (Syncthing, Nextcloud, Dropbox, git) carries
// between machines. It knows nothing of bbolt; storage merges the records.
package synclog

import (
	"fmt"
	"time"
)

// Stamp is a hybrid logical clock reading: wall time in milliseconds, a
// counter for events within one millisecond (or while the wall clock lags
// behind a stamp already seen), and the device that made it. Stamps of
// different devices never compare equal, so every device orders any two
// changes the same way whatever its own clock says.
type Stamp struct {
	Wall   int64  `json:"w"`
	Count  uint32 `json:"c"`
	Device string `json:"d"`
}

// Less orders stamps: wall, then counter, then device.
func (a Stamp) Less(b Stamp) bool {
	if a.Wall != b.Wall {
		return a.Wall < b.Wall
	}
	if a.Count != b.Count {
		return a.Count < b.Count
	}
	return a.Device < b.Device
}

// IsZero reports a missing stamp.
func (a Stamp) IsZero() bool { return a == Stamp{} }

func (a Stamp) String() string {
	return fmt.Sprintf("%s+%d@%s", time.UnixMilli(a.Wall).UTC().Format("2006-01-02T15:04:05.000Z"), a.Count, a.Device)
}

// Clock is one device's hybrid logical clock. It is not safe for
// concurrent use; a sync round owns it.
type Clock struct {
	Device string
	Wall   int64
	Count  uint32
}

// Tick stamps a local event that happened at physical time at (clamped to
// now, so a note dated in the future cannot drag the clock along). The stamp
// is later than every stamp this clock issued or observed before.
func (c *Clock) Tick(at, now time.Time) Stamp {
	pt := now.UnixMilli()
	if !at.IsZero() && at.UnixMilli() < pt {
		pt = at.UnixMilli()
	}
	if pt > c.Wall {
		c.Wall, c.Count = pt, 0
	} else {
		c.Count++
	}
	return Stamp{Wall: c.Wall, Count: c.Count, Device: c.Device}
}

// Observe moves the clock past a stamp read from any device's log, so
// that whatever this device does next is ordered after it.
func (c *Clock) Observe(s Stamp) {
	switch {
	case s.Wall > c.Wall:
		c.Wall, c.Count = s.Wall, s.Count
	case s.Wall == c.Wall && s.Count > c.Count:
		c.Count = s.Count
	}
}
