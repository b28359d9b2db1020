package cli

import (
	"strings"
	"testing"
)

func TestEmptyDataFolderIsAnError(t *testing.T) {
	for _, args := range [][]string{{"--data", "", "notes"}, {"--data=", "notes"}, {"--data", "  "}, {"-data="}} {
		if _, _, err := ParseGlobal(args); err == nil || !strings.Contains(err.Error(), "empty") {
			t.Errorf("%q: %v", args, err)
		}
	}
	dir, rest, err := ParseGlobal([]string{"--data=/x", "notes", "--json"})
	if err != nil || dir != "/x" || strings.Join(rest, " ") != "notes --json" {
		t.Errorf("--data=/x: %q %q %v", dir, rest, err)
	}
}
