package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestNoteSetKeepsIDOrderThroughPutsAndDrops(t *testing.T) {
	tests := []struct {
		name string
		ops  []string // "+id" puts, "-id" drops
		want string
	}{
		{"in order", []string{"+a", "+b", "+c"}, "[a b c]"},
		{"out of order", []string{"+c", "+a", "+b"}, "[a b c]"},
		{"replaced", []string{"+a", "+b", "+a"}, "[a b]"},
		{"dropped", []string{"+a", "+b", "+c", "-b", "-x"}, "[a c]"},
		{"dropped and put back", []string{"+b", "-b", "+b", "+a"}, "[a b]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ns noteSet
			put := map[string]*NoteSummary{}
			for _, op := range tt.ops {
				id := op[1:]
				if op[0] == '+' {
					p := &NoteSummary{ID: id}
					old := ns.put(p)
					if old != put[id] {
						t.Fatalf("put %s returned %p, want the summary it replaced %p", id, old, put[id])
					}
					put[id] = p
				} else {
					if old := ns.drop(id); old != put[id] {
						t.Fatalf("drop %s returned %p, want %p", id, old, put[id])
					}
					delete(put, id)
				}
			}
			var ids []string
			for _, n := range ns.all() {
				ids = append(ids, n.ID)
			}
			if got := fmt.Sprint(ids); got != tt.want {
				t.Errorf("ids %s, want %s", got, tt.want)
			}
			for id, p := range put {
				if ns.get(id) != p {
					t.Errorf("get %s is not the last summary put", id)
				}
			}
			if ns.get("zz") != nil || ns.len() != len(put) {
				t.Errorf("get of an unknown id or len wrong: len %d, want %d", ns.len(), len(put))
			}
			if !slices.IsSortedFunc(ns.all(), func(a, b *NoteSummary) int { return strings.Compare(a.ID, b.ID) }) {
				t.Error("not in id order")
			}
		})
	}
}
