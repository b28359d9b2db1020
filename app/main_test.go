package app

import (
	"os"
	"testing"

	"roadmapreader/storage"
)

// TestMain lets storage re-run this binary as its diagnose child.
func TestMain(m *testing.M) {
	storage.RunChildIfRequested()
	code := m.Run()
	scaled.RemoveAll() // the benchmarks' generated data folders (startup_bench_test.go)
	os.Exit(code)
}
