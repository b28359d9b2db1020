package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// seed makes a data folder with one note and returns the folder and the
// database's bytes.
func seed(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	if _, e, code := runCLI(t, dir, "", "note", "add", "data", "a note worth keeping"); code != 0 {
		t.Fatalf("note add: %s", e)
	}
	db, err := os.ReadFile(filepath.Join(dir, "reader.db"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, db
}

func TestExportRefusesTheLiveDatabase(t *testing.T) {
	dir, before := seed(t)
	for _, target := range []string{
		filepath.Join(dir, "reader.db"),
		dir + "/./reader.db",
		filepath.Join(dir, "backups", "reader-20260101-000000.db"),
		filepath.Join(dir, "preferences.json"),
	} {
		for _, args := range [][]string{{"export", "--format", "json", "-o", target}, {"backup", "-o", target}} {
			_, e, code := runCLI(t, dir, "", args...)
			if code == 0 || !strings.Contains(e, "data folder") {
				t.Errorf("%v: code %d, %q", args, code, e)
			}
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, "reader.db"))
	if len(after) != len(before) {
		t.Fatalf("reader.db changed size: %d -> %d", len(before), len(after))
	}
	if out, _, _ := runCLI(t, dir, "", "notes"); !strings.Contains(out, "a note worth keeping") {
		t.Fatalf("the note is gone: %q", out)
	}
	// A symlinked spelling of the data folder is the same folder.
	link := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if _, e, code := runCLI(t, dir, "", "export", "--format", "md", "-o", filepath.Join(link, "reader.db")); code == 0 {
		t.Fatalf("export through a symlinked folder was allowed: %q", e)
	}
}

func TestExportRefusesDevicesFIFOsAndFolders(t *testing.T) {
	dir, _ := seed(t)
	out := t.TempDir()
	fifo := filepath.Join(out, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{fifo: "FIFO", "/dev/null": "device", out: "folder"}
	for target, word := range cases {
		for _, args := range [][]string{{"export", "--format", "json", "-o", target}, {"backup", "-o", target}} {
			_, e, code := runCLI(t, dir, "", args...)
			if code == 0 || !strings.Contains(e, word) {
				t.Errorf("%v: code %d, %q (want %q)", args, code, e, word)
			}
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null was replaced: %v", err)
	}
	// an ordinary file elsewhere is still fine
	if _, e, code := runCLI(t, dir, "", "export", "--format", "json", "-o", filepath.Join(out, "notes.json")); code != 0 {
		t.Fatalf("export to a normal file: %s", e)
	}
}

func TestNoteAddRefusesNotesOver256KB(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("word ", (256<<10)/5+10)
	for _, args := range [][]string{{"note", "add", "data", "-"}, {"note", "add", "data", big}} {
		stdin := ""
		if args[3] == "-" {
			stdin = big
		}
		_, e, code := runCLI(t, dir, stdin, args...)
		if code == 0 || !strings.Contains(e, "at most 256 KB") {
			t.Errorf("a %d-byte note: code %d, %q", len(big), code, e)
		}
	}
	if out, _, _ := runCLI(t, dir, "", "notes"); out != "" {
		t.Fatalf("a refused note was saved: %q", out)
	}
	if _, e, code := runCLI(t, dir, "", "note", "add", "data", strings.Repeat("w", 256<<10)); code != 0 {
		t.Fatalf("a note of exactly 256 KB: %s", e)
	}
}

func TestKilledExportTempFilesGoAtTheNextExport(t *testing.T) {
	dir, _ := seed(t)
	out := t.TempDir()
	old := time.Now().Add(-time.Hour)
	stale := []string{filepath.Join(out, ".notes.json.tmp-123"), filepath.Join(out, ".reader-backup-9.tmp")}
	fresh := filepath.Join(out, ".notes.json.tmp-456") // a write under way elsewhere
	for _, p := range append(stale, fresh) {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range stale {
		os.Chtimes(p, old, old)
	}
	if _, e, code := runCLI(t, dir, "", "export", "--format", "json", "-o", filepath.Join(out, "notes.json")); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := runCLI(t, dir, "", "backup", "-o", filepath.Join(out, "copy.db")); code != 0 {
		t.Fatal(e)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was left", p)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temp file was removed: %v", err)
	}
}
