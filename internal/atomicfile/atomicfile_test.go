package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	fail := errors.New("fail")
	for _, c := range []struct {
		name         string
		write, check error
		want         string // the file's text afterwards
	}{
		{"replaces", nil, nil, "new"},
		{"a failed write leaves the old file", fail, nil, "old"},
		{"a failed check leaves the old file", nil, fail, "old"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.txt")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			err := Write(path, 0o600, func(f *os.File) error {
				if _, err := f.WriteString("new"); err != nil {
					return err
				}
				return c.write
			}, func(string) error { return c.check })
			if (err != nil) != (c.write != nil || c.check != nil) {
				t.Fatalf("err = %v", err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != c.want {
				t.Fatalf("file holds %q, want %q", got, c.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 1 {
				t.Fatalf("%d files left in the folder, want 1", len(ents))
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode = %v", fi.Mode())
			}
		})
	}
}
