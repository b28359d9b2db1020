package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func TestMain(m *testing.M) {
	storage.RunChildIfRequested()
	os.Exit(m.Run())
}

var theBook *library.Book

func runCLI(t *testing.T, dir, stdin string, args ...string) (string, string, int) {
	t.Helper()
	if theBook == nil {
		b, err := library.Load(assets.Book())
		if err != nil {
			t.Fatal(err)
		}
		theBook = b
	}
	var o, e bytes.Buffer
	code := Run(Env{Book: theBook, DataDir: dir, Stdin: strings.NewReader(stdin), Stdout: &o, Stderr: &e,
		Now: func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }}, args)
	return o.String(), e.String(), code
}

func TestTopicsAndRead(t *testing.T) {
	dir := t.TempDir()
	out, _, code := runCLI(t, dir, "", "topics")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 20 {
		t.Fatalf("topics: code %d, %d lines", code, len(lines))
	}
	if !strings.HasPrefix(lines[1], "data\tData\tResource\t") {
		t.Fatalf("second line = %q", lines[1])
	}
	out, _, code = runCLI(t, dir, "", "read", "parallel-training-system#zero")
	if code != 0 || !strings.HasPrefix(out, "ZeRO") {
		t.Fatalf("read #zero: code %d, %.60q", code, out)
	}
	_, errOut, code := runCLI(t, dir, "", "read", "nowhere")
	if code == 0 || !strings.Contains(errOut, `no topic "nowhere"`) {
		t.Fatalf("read nowhere: code %d, %q", code, errOut)
	}
}

func TestNoteBookmarkSearchExportImport(t *testing.T) {
	dir := t.TempDir()
	id, errOut, code := runCLI(t, dir, "A note on #sharding from stdin\n", "note", "add", "parallel-training-system#zero", "-")
	if code != 0 || strings.TrimSpace(id) == "" {
		t.Fatalf("note add: %d %q", code, errOut)
	}
	if _, errOut, code = runCLI(t, dir, "", "bookmark", "add", "data#key-works", "Data landmarks"); code != 0 {
		t.Fatalf("bookmark add: %s", errOut)
	}
	out, _, _ := runCLI(t, dir, "", "notes", "--json")
	var notes []record
	if err := json.Unmarshal([]byte(out), &notes); err != nil || len(notes) != 1 || notes[0].ID != strings.TrimSpace(id) ||
		notes[0].Location != "parallel-training-system#zero" || notes[0].Tags[0] != "sharding" {
		t.Fatalf("notes --json = %s (%v)", out, err)
	}
	out, _, _ = runCLI(t, dir, "", "bookmarks")
	if !strings.HasPrefix(out, "bookmark\tResource › Data › Key works\tdata#key-works\tData landmarks\n") {
		t.Fatalf("bookmarks = %q", out)
	}
	// search finds the note and the bookmark the moment they are saved
	out, _, _ = runCLI(t, dir, "", "search", "--json", "--limit", "5", "sharding stdin")
	if !strings.Contains(out, `"kind": "note"`) {
		t.Fatalf("search for the note: %s", out)
	}
	out, _, _ = runCLI(t, dir, "", "search", "data landmarks")
	if !strings.HasPrefix(out, "bookmark\t") {
		t.Fatalf("search for the bookmark: %s", out)
	}
	// export, then import into a fresh store twice: the second adds nothing
	exp := filepath.Join(t.TempDir(), "export.json")
	if _, errOut, code := runCLI(t, dir, "", "export", "--format", "json", "-o", exp); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	md, _, _ := runCLI(t, dir, "", "export", "--format", "md")
	for _, want := range []string{"## Resource", "### Parallel Training System", "A note on #sharding", "Data landmarks"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown export lacks %q", want)
		}
	}
	other := t.TempDir()
	out, errOut, code = runCLI(t, other, "", "import", exp)
	if code != 0 || !strings.Contains(out, "notes added 1") || !strings.Contains(out, "bookmarks added 1") {
		t.Fatalf("first import: %d %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, other, "", "import", exp)
	if !strings.Contains(out, "notes added 0") || !strings.Contains(out, "bookmarks added 0") {
		t.Fatalf("second import added something: %q", out)
	}
	// a hostile file changes nothing and says why
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\"notes\": [\xff"), 0o600)
	_, errOut, code = runCLI(t, other, "", "import", bad)
	if code == 0 || errOut == "" {
		t.Fatal("a broken import file was accepted")
	}
}

func TestErrorsAreClear(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`, 2},
		{[]string{"note", "add", "data"}, "note add TOPIC", 2},
		{[]string{"note", "add", "data#nope", "x"}, `topic "data" has no section "nope"`, 1},
		{[]string{"note", "add", "data", "   "}, "the note is empty", 1},
		{[]string{"search"}, "search needs a QUERY", 2},
		{[]string{"export", "--format", "pdf"}, "--format md or --format json", 2},
	}
	for _, c := range cases {
		_, errOut, code := runCLI(t, dir, "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

func TestInvalidUTF8NoteRefused(t *testing.T) {
	_, errOut, code := runCLI(t, t.TempDir(), "bad \xff\xfe bytes", "note", "add", "data", "-")
	if code == 0 || !strings.Contains(errOut, "not valid UTF-8") {
		t.Fatalf("code %d, %q", code, errOut)
	}
}

func TestHeldDatabaseIsReportedNotWaitedOn(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.Open(DBPath(dir), storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	begin := time.Now()
	_, errOut, code := runCLI(t, dir, "", "notes")
	if code == 0 || !strings.Contains(errOut, "Roadmap Reader is already open (database "+DBPath(dir)+" is in use)") {
		t.Fatalf("code %d, %q", code, errOut)
	}
	if took := time.Since(begin); took > 3*time.Second {
		t.Fatalf("took %v", took)
	}
}
