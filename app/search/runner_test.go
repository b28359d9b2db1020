package search

import (
	"context"
	"sync"
	"testing"
	"time"
)

// collector records what a Runner delivers.
type collector struct {
	mu   sync.Mutex
	got  []string
	cond chan struct{}
}

func newCollector() *collector { return &collector{cond: make(chan struct{}, 100)} }

func (c *collector) deliver(r Response) {
	c.mu.Lock()
	c.got = append(c.got, r.Query)
	c.mu.Unlock()
	c.cond <- struct{}{}
}

func (c *collector) wait(t *testing.T) {
	t.Helper()
	select {
	case <-c.cond:
	case <-time.After(5 * time.Second):
		t.Fatal("no response delivered within 5s")
	}
}

func (c *collector) queries() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

func TestRunnerDeliversAResponse(t *testing.T) {
	ix := NewIndex([]Doc{{ID: "a", Kind: Passage, Text: "pipeline parallelism"}})
	c := newCollector()
	r := NewRunner(ix, 5, c.deliver)
	defer r.Close()
	r.Submit("pipe")
	c.wait(t)
	if got := c.queries(); len(got) != 1 || got[0] != "pipe" {
		t.Errorf("delivered %q, want [pipe]", got)
	}
}

func TestRunnerCancelsTheOlderQuery(t *testing.T) {
	c := newCollector()
	r := NewRunner(NewIndex(nil), 5, c.deliver)
	defer r.Close()
	started := make(chan string, 10)
	cancelled := make(chan string, 10)
	r.search = func(ctx context.Context, q string, limit int) Response {
		started <- q
		if q == "slow" {
			<-ctx.Done() // a long query: only a newer Submit ends it
			cancelled <- q
		}
		return Response{Query: q}
	}
	r.Submit("slow")
	if q := <-started; q != "slow" {
		t.Fatalf("started %q", q)
	}
	r.Submit("fast")
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the older query was not cancelled by the newer Submit")
	}
	c.wait(t)
	if got := c.queries(); len(got) != 1 || got[0] != "fast" {
		t.Errorf("delivered %q, want only [fast]", got)
	}
}

func TestRunnerNeverDeliversAStaleResponse(t *testing.T) {
	c := newCollector()
	r := NewRunner(NewIndex(nil), 5, c.deliver)
	defer r.Close()
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	r.search = func(ctx context.Context, q string, limit int) Response {
		if q == "old" {
			started <- struct{}{}
			<-release // ignores cancellation and finishes anyway
		}
		return Response{Query: q}
	}
	r.Submit("old")
	<-started
	r.Submit("new1")
	r.Submit("new2") // new1 never runs: the pending query is replaced
	close(release)
	c.wait(t)
	time.Sleep(50 * time.Millisecond) // give a wrong delivery the chance to happen
	if got := c.queries(); len(got) != 1 || got[0] != "new2" {
		t.Errorf("delivered %q, want only [new2]", got)
	}
}

func TestRunnerDeliversNothingAfterClose(t *testing.T) {
	c := newCollector()
	r := NewRunner(NewIndex(nil), 5, c.deliver)
	release := make(chan struct{})
	started := make(chan struct{})
	r.search = func(ctx context.Context, q string, limit int) Response {
		close(started)
		<-release
		return Response{Query: q}
	}
	r.Submit("q")
	<-started
	go func() { time.Sleep(20 * time.Millisecond); close(release) }()
	r.Close()
	r.Submit("after") // ignored
	r.Close()         // twice is fine
	if got := c.queries(); len(got) != 0 {
		t.Errorf("delivered %q after Close", got)
	}
}

func TestRunnerKeepsUpWithTyping(t *testing.T) {
	docs := []Doc{{ID: "a", Kind: Passage, Text: "transformer models"}}
	c := newCollector()
	r := NewRunner(NewIndex(docs), 5, c.deliver)
	defer r.Close()
	typed := "transformer"
	for i := 1; i <= len(typed); i++ {
		r.Submit(typed[:i])
	}
	for {
		c.wait(t)
		got := c.queries()
		if got[len(got)-1] == typed {
			break
		}
	}
	got := c.queries()
	for i := 1; i < len(got); i++ {
		if len(got[i]) <= len(got[i-1]) {
			t.Errorf("delivered out of order: %q", got)
		}
	}
}
