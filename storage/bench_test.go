package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixture10k is a closed reader.db holding 10,000 notes of about 1 KB,
// written in one transaction (saving them one by one would fsync 10,000
// times and measure the disk, not the code under test).
func fixture10k(b *testing.B) string {
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "storage-fixture-")
		if fixtureErr != nil {
			return
		}
		var s *Store
		s, fixtureErr = Open(filepath.Join(fixtureDir, FileName), Options{})
		if fixtureErr != nil {
			return
		}
		defer s.Close()
		topics := []string{"data", "knowledge", "language-model", "governance", "dialogue"}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		fixtureErr = s.db.Update(func(tx *bolt.Tx) error {
			for i := 0; i < 10000; i++ {
				at := start.Add(time.Duration(i) * time.Minute)
				body := fmt.Sprintf("Note %d about #topic%d\n%s", i, i%50, strings.Repeat("lorem ipsum dolor ", 55))
				n := Note{ID: NewID(at), Topic: topics[i%len(topics)], Section: "s", Block: -1, Body: body,
					Tags: ParseTags(body), Created: at, Updated: at, Checksum: checksum(body)}
				if err := putNote(tx, n); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if fixtureErr != nil {
		b.Fatal(fixtureErr)
	}
	return filepath.Join(fixtureDir, FileName)
}

func removeFixtures() {
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
}

// BenchmarkSaveNote2KB saves a 2 KB note, fsync included, and reports the
// 50th and 99th percentile latencies: the tail is what a user feels.
func BenchmarkSaveNote2KB(b *testing.B) {
	s := newStore(b, nil)
	body := strings.Repeat("0123456789 abcdefghij #tag ", 76)[:2048]
	n := mustSave(b, s, Note{Topic: "data", Body: body})
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.Body = fmt.Sprintf("%08d", i) + body[8:]
		t0 := time.Now()
		if _, err := s.SaveNote(n); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// BenchmarkNoteSummaries10k is the notes list of a 10,000-note database.
func BenchmarkNoteSummaries10k(b *testing.B) {
	path := fixture10k(b)
	dir := b.TempDir()
	if err := copyFile(path, filepath.Join(dir, FileName)); err != nil {
		b.Fatal(err)
	}
	s := openAt(b, dir, nil)
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sums, err := s.NoteSummaries()
		if err != nil || len(sums) != 10000 {
			b.Fatalf("%d summaries, %v", len(sums), err)
		}
	}
}

// BenchmarkNoteSummaries10kCold is the first call after Open: the summary
// bucket read and decoded.
func BenchmarkNoteSummaries10kCold(b *testing.B) {
	path := fixture10k(b)
	dir := b.TempDir()
	if err := copyFile(path, filepath.Join(dir, FileName)); err != nil {
		b.Fatal(err)
	}
	s := openAt(b, dir, nil)
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.wmu.Lock()
		s.sums = nil
		s.wmu.Unlock()
		if sums, err := s.NoteSummaries(); err != nil || len(sums) != 10000 {
			b.Fatalf("%d summaries, %v", len(sums), err)
		}
	}
}

// BenchmarkOpen10k is Open (diagnose child, tx.Check, migrations, purge) and
// Close of a 10,000-note database.
func BenchmarkOpen10k(b *testing.B) {
	path := fixture10k(b)
	dir := b.TempDir()
	if err := copyFile(path, filepath.Join(dir, FileName)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := openAt(b, dir, nil)
		if s.Recovery() != nil {
			b.Fatalf("recovered: %+v", s.Recovery())
		}
		s.Close()
	}
}

// BenchmarkDiagnoseSmall is the price of the diagnose child alone on a
// small database: what every start pays.
func BenchmarkDiagnoseSmall(b *testing.B) {
	dir := b.TempDir()
	s := openAt(b, dir, nil)
	for i := 0; i < 20; i++ {
		mustSave(b, s, Note{Topic: "data", Body: fmt.Sprintf("note %d", i)})
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if v := diagnoseFile(path, time.Second); v.kind != verdictOK {
			b.Fatalf("verdict %+v", v)
		}
	}
}
