//go:build e2e

package e2e

import (
	"strings"
	"testing"
)

// TestTwoMachinesSyncThroughAFolder: a window on one data folder and the
// command line on another share a sync folder. The note typed in the
// window reaches the other machine (the round at quit sends it); the other
// machine's note reaches the window (the round at start brings it).
func TestTwoMachinesSyncThroughAFolder(t *testing.T) {
	desk, laptop, folder := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("ROADMAP_READER_SYNC", folder)

	s := start(t, desk)
	s.key("ctrl+n")
	s.typeText("Typed on the desktop #sync")
	s.key("ctrl+q")
	s.waitExit()

	if o, e, err := cli(t, laptop, "sync"); err != nil || !strings.HasPrefix(o, "synced\t") {
		t.Fatalf("laptop sync: %v %q %q", err, o, e)
	}
	notes := records(t, laptop, "notes")
	if len(notes) != 1 || notes[0].Body != "Typed on the desktop #sync" {
		t.Fatalf("laptop notes after sync: %+v", notes)
	}
	if _, e, err := cli(t, laptop, "note", "add", "data", "Written on the laptop"); err != nil {
		t.Fatalf("note add: %v %s", err, e)
	}
	if _, e, err := cli(t, laptop, "sync"); err != nil {
		t.Fatalf("laptop sync: %v %s", err, e)
	}

	s2 := start(t, desk)
	// The round at start runs beside the window; quitting waits for it
	// and runs the last one.
	s2.shot("30-synced")
	s2.key("ctrl+q")
	s2.waitExit()
	var bodies []string
	for _, n := range records(t, desk, "notes") {
		bodies = append(bodies, n.Body)
	}
	if len(bodies) != 2 || !strings.Contains(strings.Join(bodies, "|"), "Written on the laptop") {
		t.Fatalf("desktop notes after the window synced: %q", bodies)
	}
	if !strings.Contains(s2.stderr.String(), "Synced ") {
		t.Errorf("no sync status at quit; stderr:\n%s", s2.stderr.String())
	}
}
