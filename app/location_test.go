package app

import "testing"

func TestHistoryBackForward(t *testing.T) {
	var h History
	a, b, c := At("data", ""), At("knowledge", ""), At("dialogue", "overview")
	h.Visit(a)
	h.Visit(b)
	h.Visit(c)
	steps := []struct {
		do   func() (Location, bool)
		want Location
		ok   bool
	}{
		{h.Back, b, true},
		{h.Back, a, true},
		{h.Back, a, false},
		{h.Forward, b, true},
		{h.Forward, c, true},
		{h.Forward, c, false},
	}
	for i, s := range steps {
		got, ok := s.do()
		if got != s.want || ok != s.ok {
			t.Fatalf("step %d: got %v %v, want %v %v", i, got, ok, s.want, s.ok)
		}
	}
	h.Back()
	h.Visit(At("governance", ""))
	if h.CanForward() {
		t.Fatal("a new visit must clear the forward trail")
	}
}

func TestHistoryIgnoresRepeatVisit(t *testing.T) {
	var h History
	h.Visit(At("data", ""))
	h.Visit(At("data", ""))
	if h.CanBack() {
		t.Fatal("visiting the same place twice made a back entry")
	}
}

func TestLocationString(t *testing.T) {
	for _, c := range []struct {
		l    Location
		want string
	}{
		{At("data", ""), "data"},
		{At("data", "overview"), "data#overview"},
		{Location{"data", "overview", 3}, "data#overview/3"},
	} {
		if got := c.l.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.l, got, c.want)
		}
	}
}
