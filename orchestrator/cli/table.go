package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Time layouts of the tables, in UTC: seconds in lists, milliseconds in a
// saga's timeline, where steps follow each other closely.
const (
	listTime     = "2006-01-02 15:04:05"
	timelineTime = "2006-01-02 15:04:05.000"
)

// table writes aligned columns.
type table struct {
	tw *tabwriter.Writer
}

// newTable starts a table on w with the given column headers (none for a
// block of label/value lines).
func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(header...)
	}
	return t
}

// row writes one line; empty cells show as "-", and tabs and line breaks
// in a cell become spaces so they cannot break the columns.
func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = cell(c)
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

// flush writes the table out.
func (t *table) flush() error {
	if err := t.tw.Flush(); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	return nil
}

// cell folds s onto one line, "-" when empty.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	return s
}

// fmtTime renders t in UTC with layout, "-" for none.
func fmtTime(t *time.Time, layout string) string {
	if t == nil || t.IsZero() {
		return "-"
	}
	return t.UTC().Format(layout)
}

// itoa renders a count.
func itoa[T int | int64](n T) string { return fmt.Sprint(n) }
