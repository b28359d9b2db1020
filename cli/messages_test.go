package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goText is the decoder and syscall wording no reader should have to read.
var goText = []string{"invalid character", "json:", "cannot unmarshal", "parsing time", "Go value", ".tmp", "chmod", "unexpected end of JSON"}

func TestMessagesAreInTheReadersWords(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"garbage":   "{\"version\": 1, \"notes\": [ {\"id\": \"a\",, } ] }",
		"truncated": `{"version": 1, "notes": [`,
		"wrongtype": `{"version": 1, "notes": [{"id": "a1", "topic": "data", "body": 5}]}`,
		"baddate":   `{"version": 1, "notes": [{"id": "a1", "topic": "data", "body": "x", "updated": "yesterday"}]}`,
		"array":     `[1, 2, 3]`,
	}
	in := t.TempDir()
	for name, body := range files {
		p := filepath.Join(in, name+".json")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, e, code := runCLI(t, dir, "", "import", p)
		if code == 0 {
			t.Errorf("%s: imported", name)
		}
		for _, g := range goText {
			if strings.Contains(e, g) {
				t.Errorf("%s: message has %q: %s", name, g, e)
			}
		}
		if !strings.Contains(e, "line ") && !strings.Contains(e, "date") && !strings.Contains(e, "export") {
			t.Errorf("%s: message does not say where or what: %s", name, e)
		}
	}
	_, e, code := runCLI(t, dir, "", "export", "--format", "json", "-o", filepath.Join(in, "no", "such", "folder", "x.json"))
	if code == 0 || strings.Contains(e, ".tmp") || !strings.Contains(e, "x.json") {
		t.Errorf("export into a missing folder: %s", e)
	}
	out, e, code := runCLI(t, dir, "", "check")
	if code != 0 || strings.Count(out+e, "check") > 0 && strings.Count(out+e, "check ") > 1 {
		t.Errorf("check: %q %q", out, e)
	}
}
