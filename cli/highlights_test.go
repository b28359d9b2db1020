package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestHighlightAddAndList(t *testing.T) {
	dir := t.TempDir()
	const quote = "removes that redundancy in three cumulative stages"
	id, errOut, code := runCLI(t, dir, "", "highlight", "add", "parallel-training-system#zero", quote, "--color", "green", "--note", "the *three* stages")
	id = strings.TrimSpace(id)
	if code != 0 || len(id) != 32 {
		t.Fatalf("highlight add: code %d, id %q, %s", code, id, errOut)
	}
	// Without a section the whole topic is searched; flags may come first.
	if _, errOut, code := runCLI(t, dir, "", "highlight", "add", "--note", "who used it", "parallel-training-system", "Turing-NLG in February 2020"); code != 0 {
		t.Fatalf("highlight add (topic): %d %s", code, errOut)
	}
	out, _, code := runCLI(t, dir, "", "highlights", "--json")
	var recs []hlRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil || code != 0 || len(recs) != 2 {
		t.Fatalf("highlights --json: %d %v\n%s", code, err, out)
	}
	r := recs[0]
	if r.ID != id || r.Quote != quote || r.Color != "green" || r.Note != "the *three* stages" || r.Placed != "exact" ||
		r.Location != "parallel-training-system#zero/0" || !strings.HasSuffix(r.Path, "Parallel Training System › ZeRO and memory optimisation") {
		t.Fatalf("first record = %+v", r)
	}
	if recs[1].Color != "green" { // no --color: the last colour used
		t.Fatalf("second record colour = %q", recs[1].Color)
	}
	out, _, _ = runCLI(t, dir, "", "highlights")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "highlight\t") || !strings.HasSuffix(lines[0], "\tparallel-training-system#zero/0\t[green] "+quote+" — the three stages") {
		t.Fatalf("highlights = %q", out)
	}
	// The palette's search finds it by its note.
	out, _, _ = runCLI(t, dir, "", "search", "--json", "in:highlights three stages")
	if !strings.Contains(out, `"kind": "highlight"`) {
		t.Fatalf("search in:highlights = %s", out)
	}
}

func TestHighlightAddRefusesAmbiguousOrMissingQuotes(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := runCLI(t, dir, "", "highlight", "add", "parallel-training-system#zero", "optimizer state")
	if code != 1 || !strings.Contains(errOut, "occurs") || strings.Count(errOut, "parallel-training-system#zero/") < 2 {
		t.Fatalf("ambiguous quote: code %d\n%s", code, errOut)
	}
	_, errOut, code = runCLI(t, dir, "", "highlight", "add", "parallel-training-system#zero", "removes that redundancy in four cumulative stages")
	if code != 1 || !strings.Contains(errOut, "is not in parallel-training-system#zero") || !strings.Contains(errOut, "close to:") ||
		!strings.Contains(errOut, "parallel-training-system#zero/0") {
		t.Fatalf("missing quote: code %d\n%s", code, errOut)
	}
	_, errOut, code = runCLI(t, dir, "", "highlight", "add", "parallel-training-system", "zzzz qqqq xxxx")
	if code != 1 || strings.Contains(errOut, "close to") {
		t.Fatalf("nonsense quote: code %d\n%s", code, errOut)
	}
	if _, _, code = runCLI(t, dir, "", "highlight", "add", "parallel-training-system#zero", "Turing-NLG", "--color", "orange"); code != 2 {
		t.Fatalf("orange: code %d", code)
	}
	out, _, _ := runCLI(t, dir, "", "highlights", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Fatalf("a refused highlight was stored: %s", out)
	}
}
