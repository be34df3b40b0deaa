package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// defaultListLimit is the page size of sagas list (the API's default).
const defaultListLimit = 50

// sagasList is "sagas list [--state S] [--limit N] [--all]".
func sagasList(fs *flag.FlagSet) runFunc {
	state := fs.String("state", "", "only sagas in this state: RUNNING, COMPENSATING, COMPLETED, COMPENSATED or FAILED")
	limit := fs.Int("limit", defaultListLimit, "how many sagas to list; with --all, how many per request (at most 500)")
	all := fs.Bool("all", false, "list every saga, following the pages to the end")
	return func(ctx context.Context, s *session, pos []string) error {
		if err := noArgs(pos); err != nil {
			return err
		}
		if err := positive("limit", *limit); err != nil {
			return err
		}
		q := url.Values{"limit": {strconv.Itoa(*limit)}}
		if st := strings.ToUpper(strings.TrimSpace(*state)); st != "" {
			q.Set("state", st)
		}
		page, err := s.fetchSagas(ctx, q, *all)
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, page.raw)
		}
		return s.printSagaList(page, q.Get("state"), *all)
	}
}

// sagaPages is what sagas list fetched: the sagas, the JSON to print
// with --json, and whether more pages were left unread.
type sagaPages struct {
	sagas []sagaDoc
	raw   []byte
	more  bool
}

// fetchSagas reads one page of GET /sagas, or with all every page, each
// request with its own timeout. With all, raw is the pages merged into one
// answer of the same shape.
func (s *session) fetchSagas(ctx context.Context, q url.Values, all bool) (sagaPages, error) {
	var out sagaPages
	merged := rawSagaList{Sagas: []json.RawMessage{}}
	for {
		body, err := s.api.do(ctx, get("/sagas", q))
		if err != nil {
			return out, err
		}
		page, raws, err := decodeSagaPage(body)
		if err != nil {
			return out, err
		}
		out.sagas = append(out.sagas, page.Sagas...)
		merged.Sagas = append(merged.Sagas, raws.Sagas...)
		if !all || page.NextCursor == "" {
			out.raw, out.more = body, page.NextCursor != ""
			break
		}
		if page.NextCursor == q.Get("cursor") {
			return out, fmt.Errorf("GET /sagas: the server returned cursor %q again", page.NextCursor)
		}
		q.Set("cursor", page.NextCursor)
	}
	if !all {
		return out, nil
	}
	raw, err := json.Marshal(merged)
	if err != nil {
		return out, fmt.Errorf("encoding the sagas of every page: %w", err)
	}
	out.raw = raw
	return out, nil
}

// decodeSagaPage decodes a GET /sagas answer twice: for the table, and
// with each saga as the API wrote it.
func decodeSagaPage(body []byte) (sagaList, rawSagaList, error) {
	var page sagaList
	var raws rawSagaList
	if err := json.Unmarshal(body, &page); err != nil {
		return page, raws, fmt.Errorf("GET /sagas: decoding the answer: %w", err)
	}
	if err := json.Unmarshal(body, &raws); err != nil {
		return page, raws, fmt.Errorf("GET /sagas: decoding the answer: %w", err)
	}
	return page, raws, nil
}

// printSagaList writes the sagas as a table, and says on stderr when
// there are more than it shows.
func (s *session) printSagaList(p sagaPages, state string, all bool) error {
	if len(p.sagas) == 0 {
		if state != "" {
			_, err := fmt.Fprintf(s.stdout, "no %s sagas\n", state)
			return err
		}
		_, err := fmt.Fprintln(s.stdout, "no sagas")
		return err
	}
	t := newTable(s.stdout, "SAGA ID", "STATE", "TYPE", "ORDER", "CREATED", "UPDATED")
	for _, sg := range p.sagas {
		t.row(sg.SagaID, sg.State, sg.Type, sg.CorrelationID, fmtTime(&sg.CreatedAt, listTime), fmtTime(&sg.UpdatedAt, listTime))
	}
	if err := t.flush(); err != nil {
		return err
	}
	if p.more && !all {
		fmt.Fprintf(s.stderr, "(%d shown, there are more: --all lists them all)\n", len(p.sagas))
	}
	return nil
}

// printJSON writes an answer's JSON as it came, ending with a line break.
func printJSON(w io.Writer, body []byte) error {
	if len(body) == 0 || body[len(body)-1] != '\n' {
		body = append(body, '\n')
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("writing the answer: %w", err)
	}
	return nil
}
