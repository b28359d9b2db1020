package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// importHint is what to do about a file that is not an export.
const importHint = "choose a file made by File › Export as JSON or by `roadmap-reader export --format json`"

// jsonProblem says in the reader's words where and why an export file does
// not decode, instead of the decoder's own text.
func jsonProblem(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tpe *time.ParseError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return fmt.Errorf("the file is not a Roadmap Reader export: it is not valid JSON (the text breaks off or goes wrong at line %d, column %d); %s", line, col, importHint)
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		field := typ.Field
		if field == "" {
			return fmt.Errorf("the file is not a Roadmap Reader export: it holds %s where an object was expected (line %d, column %d); %s", describe(typ.Value), line, col, importHint)
		}
		return fmt.Errorf("the export is damaged or was edited: %q holds %s where a %s belongs (line %d, column %d); nothing was imported", field, describe(typ.Value), kindOf(typ.Type.String()), line, col)
	case errors.As(err, &tpe):
		return fmt.Errorf("the export is damaged or was edited: the date %q is not a date and time like 2026-01-31T12:00:00Z; nothing was imported", tpe.Value)
	}
	return fmt.Errorf("the file is not a Roadmap Reader export (%v); %s", err, importHint)
}

func position(data []byte, off int64) (line, col int) {
	if off < 0 || off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}

func describe(v string) string {
	switch v {
	case "string":
		return "text"
	case "number", "number -1":
		return "a number"
	case "bool":
		return "true/false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	if strings.HasPrefix(v, "number") {
		return "a number"
	}
	return v
}

func kindOf(goType string) string {
	switch {
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "float"), strings.HasPrefix(goType, "uint"):
		return "number"
	case goType == "bool":
		return "true/false"
	case strings.HasPrefix(goType, "[]"):
		return "list"
	case goType == "time.Time":
		return "date and time"
	}
	return "record"
}
