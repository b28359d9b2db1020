package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"roadmapreader/app"
)

func exportOf(t *testing.T, dir string) string {
	t.Helper()
	out, errOut, code := runCLI(t, dir, "", "export", "--format", "json")
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	delete(e, "exported")
	b, _ := json.Marshal(e)
	return string(b)
}

// TestSyncThreeDataFoldersThroughTheCLI: notes and bookmarks made on three
// machines (three data folders) reach all three through one sync folder,
// and a second round changes nothing.
func TestSyncThreeDataFoldersThroughTheCLI(t *testing.T) {
	folder := t.TempDir()
	devs := []string{t.TempDir(), t.TempDir(), t.TempDir()}
	for i, d := range devs {
		if _, e, code := runCLI(t, d, "", "note", "add", "data", "note from machine "+string(rune('A'+i))); code != 0 {
			t.Fatal(e)
		}
	}
	if _, e, code := runCLI(t, devs[1], "", "bookmark", "add", "data", "Data"); code != 0 {
		t.Fatal(e)
	}
	for round := 0; round < 2; round++ {
		for _, d := range devs {
			out, e, code := runCLI(t, d, "", "sync", "--folder", folder)
			if code != 0 || !strings.HasPrefix(out, "synced\t") {
				t.Fatalf("sync: %q %q %d", out, e, code)
			}
		}
	}
	want := exportOf(t, devs[0])
	for _, d := range devs[1:] {
		if got := exportOf(t, d); got != want {
			t.Fatalf("machines differ:\n%s\n%s", want, got)
		}
	}
	for _, s := range []string{"machine A", "machine B", "machine C"} {
		if !strings.Contains(want, s) {
			t.Errorf("note from %s missing: %s", s, want)
		}
	}
	out, _, _ := runCLI(t, devs[2], "", "bookmarks")
	if !strings.Contains(out, "data") {
		t.Errorf("bookmark did not travel: %q", out)
	}
	// A second round: nothing sent, nothing received.
	out, _, code := runCLI(t, devs[0], "", "sync", "--folder", folder)
	if code != 0 || !strings.Contains(out, "sent 0\treceived 0") {
		t.Errorf("second round: %q", out)
	}
}

func TestSyncCLIFolderFromEnvAndProblems(t *testing.T) {
	a, b, folder := t.TempDir(), t.TempDir(), t.TempDir()
	runCLI(t, a, "", "note", "add", "data", "via the environment")
	t.Setenv(app.SyncEnv, folder)
	for _, d := range []string{a, b} {
		if _, e, code := runCLI(t, d, "", "sync"); code != 0 {
			t.Fatal(e)
		}
	}
	out, _, _ := runCLI(t, b, "", "notes")
	if !strings.Contains(out, "via the environment") {
		t.Errorf("notes on b: %q", out)
	}
	// A vanished folder: a clear message, exit 1, nothing created.
	gone := filepath.Join(t.TempDir(), "usb-stick")
	_, e, code := runCLI(t, a, "", "sync", "--folder", gone)
	if code != 1 || !strings.Contains(e, "is not there") {
		t.Errorf("vanished folder: %q %d", e, code)
	}
	if _, err := os.Stat(gone); err == nil {
		t.Errorf("sync created the vanished folder")
	}
	t.Setenv(app.SyncEnv, "")
	if _, e, code := runCLI(t, t.TempDir(), "", "sync"); code != 1 || !strings.Contains(e, "no sync folder") {
		t.Errorf("no folder: %q %d", e, code)
	}
	if _, _, code := runCLI(t, a, "", "sync", "extra"); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
}

// TestSyncHighlightsAndReferenceStatusesThroughTheCLI: a highlight and a
// reference status made on one machine are on the other after a round,
// the highlight placed and found by search; a second round is quiet.
func TestSyncHighlightsAndReferenceStatusesThroughTheCLI(t *testing.T) {
	folder, a, b := t.TempDir(), t.TempDir(), t.TempDir()
	const quote = "removes that redundancy in three cumulative stages"
	id, e, code := runCLI(t, a, "", "highlight", "add", "parallel-training-system#zero", quote, "--color", "pink", "--note", "wombat stages")
	if code != 0 {
		t.Fatal(e)
	}
	id = strings.TrimSpace(id)
	if _, e, code := runCLI(t, a, "", "reference", "set", "kaplan2020scaling", "--status", "reading", "--note", "section 3"); code != 0 {
		t.Fatal(e)
	}
	for round := 0; round < 2; round++ {
		for _, d := range []string{a, b} {
			if out, e, code := runCLI(t, d, "", "sync", "--folder", folder); code != 0 {
				t.Fatalf("sync: %q %q", out, e)
			}
		}
	}
	out, _, _ := runCLI(t, b, "", "highlights", "--json")
	var hs []map[string]any
	if err := json.Unmarshal([]byte(out), &hs); err != nil || len(hs) != 1 {
		t.Fatalf("b's highlights: %v %s", err, out)
	}
	if hs[0]["id"] != id || hs[0]["quote"] != quote || hs[0]["color"] != "pink" || hs[0]["note"] != "wombat stages" || hs[0]["placed"] != "exact" {
		t.Errorf("b's highlight: %v", hs[0])
	}
	if out, _, _ := runCLI(t, b, "", "highlights"); strings.Contains(out, "could not be placed") || !strings.Contains(out, "wombat") {
		t.Errorf("b's highlights: %q", out)
	}
	if out, _, _ := runCLI(t, b, "", "search", "--json", "in:highlights wombat"); !strings.Contains(out, `"kind": "highlight"`) || !strings.Contains(out, "parallel-training-system#zero") {
		t.Errorf("b's search: %q", out)
	}
	if out, _, _ := runCLI(t, b, "", "references", "--status", "reading"); !strings.Contains(out, "kaplan2020scaling") {
		t.Errorf("b's references: %q", out)
	}
	for _, d := range []string{a, b} {
		if out, _, code := runCLI(t, d, "", "sync", "--folder", folder); code != 0 || !strings.Contains(out, "sent 0\treceived 0") {
			t.Errorf("second round: %q", out)
		}
	}
}
