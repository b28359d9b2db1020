package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const hostile = "title \x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[H \u009b31m \x7f\b\r tail #evil"

func rawControls(s string) []rune {
	var bad []rune
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || r == 0xfffd {
			bad = append(bad, r)
		}
	}
	return bad
}

func TestCLIPrintsNoRawControlCharacters(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runCLI(t, dir, hostile, "note", "add", "data", "-"); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := runCLI(t, dir, "", "bookmark", "add", "data", "label \x1b[31mred\x1b[0m \u009b2J"); code != 0 {
		t.Fatal(e)
	}
	for _, args := range [][]string{
		{"notes"}, {"notes", "--json"}, {"bookmarks"}, {"bookmarks", "--json"},
		{"search", "tail"}, {"search", "--json", "tail"}, {"export", "--format", "md"}, {"export", "--format", "json"},
		{"note", "add", "nowhere\x1b[2J", "x"},
	} {
		out, errOut, _ := runCLI(t, dir, "", args...)
		if bad := rawControls(out + errOut); len(bad) > 0 {
			t.Errorf("%q printed raw control characters %q:\n%q", args, bad, out+errOut)
		}
		if !strings.Contains(out+errOut, `\u001b`) && !strings.Contains(out+errOut, `\x1b`) {
			t.Errorf("%q: the escapes are not shown at all: %q", args, out+errOut)
		}
	}
	// --json stays valid JSON and keeps the text exactly.
	out, _, _ := runCLI(t, dir, "", "notes", "--json")
	var recs []record
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 || recs[0].Body != hostile {
		t.Fatalf("notes --json: %v %q", err, out)
	}
}

func TestTerminalWriterKeepsRunesSplitAcrossWrites(t *testing.T) {
	var b bytes.Buffer
	w := newTerminalWriter(&b)
	in := []byte("é→\u009b😀")
	for i := range in {
		w.Write(in[i : i+1])
	}
	w.Flush()
	if got := b.String(); got != `é→\u009b😀` {
		t.Fatalf("got %q", got)
	}
	b.Reset()
	w.Write([]byte{'a', 0x9b, 'b', 0xe2})
	w.Flush()
	if got := b.String(); got != `a\x9bb\xe2` {
		t.Fatalf("got %q", got)
	}
}
