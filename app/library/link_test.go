package library

import "testing"

func TestParseLink(t *testing.T) {
	for _, c := range []struct {
		dest           string
		kind           LinkKind
		topic, section string
	}{
		{"#overview", LinkSection, "", "overview"},
		{"topic:data", LinkTopic, "data", ""},
		{"topic:data#key-works", LinkTopic, "data", "key-works"},
		{"topic://data", LinkTopic, "data", ""},
		{"https://arxiv.org/abs/2203.14101", LinkWeb, "", ""},
		{"http://example.org", LinkWeb, "", ""},
		{"mailto:someone@example.org", LinkWeb, "", ""},
		{"file:///etc/passwd", LinkRefused, "", ""},
		{"javascript:alert(1)", LinkRefused, "", ""},
		{"data.md", LinkRefused, "", ""},
		{"%zz", LinkRefused, "", ""},
	} {
		got := ParseLink(c.dest)
		if got.Kind != c.kind || got.Topic != c.topic || got.Section != c.section {
			t.Errorf("ParseLink(%q) = %+v, want kind %d topic %q section %q", c.dest, got, c.kind, c.topic, c.section)
		}
		if c.kind == LinkWeb && (got.URL == nil || got.URL.String() != c.dest) {
			t.Errorf("ParseLink(%q).URL = %v", c.dest, got.URL)
		}
	}
	for _, c := range [][2]string{{"data", ""}, {"data", "key-works"}} {
		if got := ParseLink(TopicLink(c[0], c[1])); got.Kind != LinkTopic || got.Topic != c[0] || got.Section != c[1] {
			t.Errorf("TopicLink(%q, %q) reads back as %+v", c[0], c[1], got)
		}
	}
}
