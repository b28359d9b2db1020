package app

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestLayers keeps the layer picture true: views reach the reader's data
// only through app.Session (no storage import, no .Store. or .Index.), and
// nothing under app/ or storage/ imports Fyne.
// fyneModule starts every Fyne import path.
const fyneModule = "fyne" + ".io/"

func TestLayers(t *testing.T) {
	storeUse := regexp.MustCompile(`\.(Store|Index)\.`)
	rules := []struct {
		dir       string
		forbidden []string // import path prefixes
		noStore   bool
	}{
		{"../views", []string{"roadmapreader/storage"}, true},
		{".", []string{fyneModule}, false},
		{"../storage", []string{fyneModule, "roadmapreader/app"}, false},
	}
	for _, r := range rules {
		checked := 0
		err := filepath.WalkDir(r.dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			checked++
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range r.forbidden {
					if strings.HasPrefix(p, bad) {
						t.Errorf("%s imports %s", path, p)
					}
				}
			}
			if r.noStore {
				for i, line := range strings.Split(string(src), "\n") {
					if storeUse.MatchString(line) {
						t.Errorf("%s:%d reaches past the session: %s", path, i+1, strings.TrimSpace(line))
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if checked == 0 {
			t.Errorf("no Go files under %s: the test looks in the wrong place", r.dir)
		}
	}
}
