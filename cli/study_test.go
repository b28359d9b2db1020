package cli

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReferencesStatusFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, dir, "", "reference", "set", "kaplan2020scaling", "--status", "reading", "--note", "section 3")
	if code != 0 || !strings.HasPrefix(out, "kaplan2020scaling\treading\t") {
		t.Fatalf("reference set: code %d, %q %q", code, out, errOut)
	}
	out, _, code = runCLI(t, dir, "", "references", "--status", "reading")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "Scaling Laws for Neural Language Models") {
		t.Fatalf("references --status reading: code %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, dir, "", "references", "--json", "--topic", "language-model")
	var refs []struct {
		ID, Status, Note string
		CitedIn          []string
	}
	if err := json.Unmarshal([]byte(out), &refs); err != nil || len(refs) < 5 {
		t.Fatalf("references --json: %v (%d)", err, len(refs))
	}
	found := false
	for _, r := range refs {
		found = found || (r.ID == "kaplan2020scaling" && r.Status == "reading" && r.Note == "section 3")
	}
	if !found {
		t.Error("kaplan2020scaling with its status and note missing from --json")
	}
	for _, bad := range [][]string{
		{"reference", "set", "kaplan2020scaling", "--status", "later"},
		{"reference", "set", "nobody2020nothing", "--status", "read"},
		{"references", "--status", "someday"},
	} {
		if _, _, code := runCLI(t, dir, "", bad...); code == 0 {
			t.Errorf("%v succeeded", bad)
		}
	}
	// The status travels in the JSON export.
	out, _, _ = runCLI(t, dir, "", "export", "--format", "json")
	if !strings.Contains(out, `"ref": "kaplan2020scaling"`) {
		t.Errorf("export lacks the reference status")
	}
}

func TestStudyListings(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		prefix string // of some line
	}{
		{[]string{"works", "--sort", "year"}, "1966\t"},
		{[]string{"timeline"}, "2022"},
		{[]string{"problems"}, "data/"},
		{[]string{"export", "--format", "bibtex"}, "@misc{kaplan2020scaling,"},
	}
	for _, tt := range tests {
		out, errOut, code := runCLI(t, dir, "", tt.args...)
		if code != 0 || !strings.Contains("\n"+out, "\n"+tt.prefix) {
			t.Errorf("%v: code %d, %q, output %.200q", tt.args, code, errOut, out)
		}
	}
	for _, cmd := range []string{"works", "timeline", "problems"} {
		out, _, code := runCLI(t, dir, "", cmd, "--json")
		var v []map[string]any
		if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || len(v) == 0 {
			t.Errorf("%s --json: code %d, %v, %d items", cmd, code, err, len(v))
		}
	}
}

func TestMapExport(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "map.svg")
	pngFile := filepath.Join(dir, "map.png")
	for _, f := range []string{svg, pngFile} {
		if _, errOut, code := runCLI(t, dir, "", "map", "-o", f); code != 0 {
			t.Fatalf("map -o %s: %d %s", f, code, errOut)
		}
	}
	data, _ := os.ReadFile(svg)
	if !strings.HasPrefix(string(data), "<svg") || !strings.Contains(string(data), "Protein Research") {
		t.Errorf("svg = %.100q", data)
	}
	f, err := os.Open(pngFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("png: %v", err)
	}
	if _, _, code := runCLI(t, dir, "", "map", "-o", filepath.Join(dir, "map.gif")); code != 2 {
		t.Errorf("map -o .gif: code %d, want 2", code)
	}
}
