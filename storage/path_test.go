package storage

import "testing"

func TestPathIn(t *testing.T) {
	for _, c := range []struct{ dir, want string }{
		{"/home/ada/.local/share/rr", "/home/ada/.local/share/rr/reader.db"},
		{"/home/ada/rr/", "/home/ada/rr/reader.db"},
		{"data", "data/reader.db"},
	} {
		if got := PathIn(c.dir); got != c.want {
			t.Errorf("PathIn(%q) = %q, want %q", c.dir, got, c.want)
		}
	}
}
