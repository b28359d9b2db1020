package search

import (
	"context"
	"sync"
	"sync/atomic"
)

// Runner runs queries on its own goroutine so the UI never waits for search.
// A newer Submit cancels the query in flight, queries submitted while one runs
// collapse into the latest, and a response is delivered only if no newer
// query had been submitted when it was ready: the UI never sees a stale one.
type Runner struct {
	search  func(ctx context.Context, query string, limit int) Response // ix.Search; tests slow it down
	limit   int
	deliver func(Response)

	seq     atomic.Uint64 // number of the latest Submit
	mu      sync.Mutex
	pending *job // the latest query not yet started
	cancel  context.CancelFunc
	closed  bool
	wake    chan struct{}
	done    chan struct{}
}

type job struct {
	query string
	seq   uint64
	ctx   context.Context
}

// NewRunner starts the worker. deliver is called on the worker goroutine;
// a UI hands the response to its own thread (fyne.Do).
func NewRunner(ix *Index, limit int, deliver func(Response)) *Runner {
	r := &Runner{search: ix.Search, limit: limit, deliver: deliver, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go r.loop()
	return r
}

// Submit asks for a query; it never blocks on the search itself.
func (r *Runner) Submit(query string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	seq := r.seq.Add(1)
	if r.cancel != nil {
		r.cancel() // the query in flight, or the pending one, is now stale
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.pending = &job{query: query, seq: seq, ctx: ctx}
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Close cancels the query in flight and stops the worker; nothing is
// delivered after Close returns.
func (r *Runner) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		<-r.done
		return
	}
	r.closed = true
	r.seq.Add(1)
	if r.cancel != nil {
		r.cancel()
	}
	r.pending = nil
	close(r.wake)
	r.mu.Unlock()
	<-r.done
}

func (r *Runner) loop() {
	defer close(r.done)
	for range r.wake {
		r.mu.Lock()
		j := r.pending
		r.pending = nil
		r.mu.Unlock()
		if j == nil {
			continue
		}
		resp := r.search(j.ctx, j.query, r.limit)
		if j.ctx.Err() == nil && r.seq.Load() == j.seq {
			r.deliver(resp)
		}
	}
}
