package app

import "sync"

// writer runs jobs one at a time, in the order they were queued, on its own
// goroutine. Its queue has no bound, so queueing never blocks the caller.
type writer struct {
	mu     sync.Mutex
	queue  []func()
	closed bool
	wake   chan struct{}
	done   chan struct{}
}

func startWriter() *writer {
	w := &writer{wake: make(chan struct{}, 1), done: make(chan struct{})}
	go w.loop()
	return w
}

func (w *writer) loop() {
	defer close(w.done)
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			closed := w.closed
			w.mu.Unlock()
			if closed {
				return
			}
			<-w.wake
			continue
		}
		job := w.queue[0]
		w.queue[0] = nil
		w.queue = w.queue[1:]
		w.mu.Unlock()
		job()
	}
}

// post queues job; it reports false once the writer is closed.
func (w *writer) post(job func()) bool {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return false
	}
	w.queue = append(w.queue, job)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	return true
}

// call runs job on the writer and waits for it. It must not be called from
// the writer itself.
func (w *writer) call(job func()) bool {
	done := make(chan struct{})
	if !w.post(func() { job(); close(done) }) {
		return false
	}
	<-done
	return true
}

// close runs what is queued, then stops the goroutine.
func (w *writer) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	<-w.done
}
