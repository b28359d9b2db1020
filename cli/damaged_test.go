package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// corruptNote changes a stored note's body behind its checksum's back.
func corruptNote(t *testing.T, dir, id string) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "reader.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("notes"))
		var rec map[string]any
		if err := json.Unmarshal(b.Get([]byte(id)), &rec); err != nil {
			return err
		}
		rec["body"] = "half of this survived"
		raw, _ := json.Marshal(rec)
		return b.Put([]byte(id), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDamagedNotesAreCountedListedAndExported(t *testing.T) {
	dir := t.TempDir()
	id, e, code := runCLI(t, dir, "", "note", "add", "data", "the original text")
	if code != 0 {
		t.Fatal(e)
	}
	id = strings.TrimSpace(id)
	if _, e, code := runCLI(t, dir, "", "note", "add", "data", "a healthy note"); code != 0 {
		t.Fatal(e)
	}
	corruptNote(t, dir, id)

	out, errOut, code := runCLI(t, dir, "", "notes")
	if code != 0 || !strings.Contains(out, "damaged\t") || !strings.Contains(out, "a healthy note") ||
		!strings.Contains(errOut, "1 damaged note") {
		t.Fatalf("notes: %d %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, dir, "", "notes", "--json")
	if !strings.Contains(out, `"kind": "damaged"`) || !strings.Contains(out, id) {
		t.Fatalf("notes --json: %s", out)
	}
	out, _, code = runCLI(t, dir, "", "export", "--format", "json")
	var exp struct {
		Notes   []json.RawMessage `json:"notes"`
		Damaged []struct {
			ID      string `json:"id"`
			Body    string `json:"body"`
			Raw     string `json:"raw"`
			Damaged bool   `json:"damaged"`
		} `json:"damaged"`
	}
	if err := json.Unmarshal([]byte(out), &exp); err != nil || code != 0 {
		t.Fatal(err, code)
	}
	if len(exp.Notes) != 1 || len(exp.Damaged) != 1 || exp.Damaged[0].ID != id || !exp.Damaged[0].Damaged ||
		exp.Damaged[0].Body != "half of this survived" || !strings.Contains(exp.Damaged[0].Raw, "checksum") {
		t.Fatalf("export: %s", out)
	}
	out, _, _ = runCLI(t, dir, "", "export", "--format", "md")
	if !strings.Contains(out, "Damaged notes") || !strings.Contains(out, "half of this survived") {
		t.Fatalf("md export: %s", out)
	}
	// An export with damaged notes imports its good notes and skips the rest.
	f := filepath.Join(t.TempDir(), "e.json")
	if _, e, code := runCLI(t, dir, "", "export", "--format", "json", "-o", f); code != 0 {
		t.Fatal(e)
	}
	if out, e, code := runCLI(t, t.TempDir(), "", "import", f); code != 0 || !strings.Contains(out, "notes added 1") {
		t.Fatalf("import: %q %q", out, e)
	}
}
