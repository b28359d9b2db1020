package app

import (
	"testing"

	"roadmapreader/app/library"
)

func TestFindInTopic(t *testing.T) {
	topic := &library.Topic{Sections: []*library.Section{
		{Anchor: "a", Title: "Pipeline parallelism", Blocks: []library.Block{
			{Text: "Pipeline  parallelism splits layers; PIPELINE parallelism again."},
			{Text: "Nothing here."},
		}},
		{Anchor: "b", Title: "Data", Blocks: []library.Block{{Text: "pipelines of data"}}},
	}}
	cases := []struct {
		q    string
		want []Hit
	}{
		{"pipeline parallelism", []Hit{{"a", -1, 0, 20}, {"a", 0, 0, 21}, {"a", 0, 37, 57}}},
		{"PIPE", []Hit{{"a", -1, 0, 4}, {"a", 0, 0, 4}, {"a", 0, 37, 41}, {"b", 0, 0, 4}}},
		{"   ", nil},
		{"zebra", nil},
	}
	for _, c := range cases {
		got := FindInTopic(topic, c.q)
		if len(got) != len(c.want) {
			t.Fatalf("%q: %d hits %+v, want %+v", c.q, len(got), got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q hit %d = %+v, want %+v", c.q, i, got[i], c.want[i])
			}
		}
	}
}
