// Command mknotes fills a data folder with many generated notes, for
// measuring the reader at scale:
//
//	go run ./internal/notegen/mknotes -data /tmp/big -n 100000
//
// It adds to what the folder holds; it is a developer's tool, not shipped.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/internal/notegen"
	"roadmapreader/storage"
)

func main() {
	storage.RunChildIfRequested() // storage.Open diagnoses an existing file in a child: this binary
	dir := flag.String("data", "", "the data folder to fill (required)")
	n := flag.Int("n", 1000, "how many notes to add")
	seed := flag.Uint64("seed", 1, "seed for the notes' text")
	flag.Parse()
	if *dir == "" || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "mknotes: %v\n", err)
		os.Exit(1)
	}
}

func run(dir string, n int, seed uint64) error {
	book, err := library.Load(assets.Book())
	if err != nil {
		return err
	}
	store, err := storage.Open(storage.PathIn(dir), storage.Options{})
	if err != nil {
		return err
	}
	start := time.Now()
	if err := notegen.Fill(store, book, n, seed); err != nil {
		store.Close()
		return err
	}
	if err := store.Close(); err != nil {
		return err
	}
	fmt.Printf("mknotes: %d notes added to %s in %s\n", n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}
