package ui

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed templates/*.html static/style.css
var assets embed.FS

// pages are the parsed templates, each a page over the shared layout.
var pages = parsePages("index.html", "saga.html", "problem.html")

func parsePages(names ...string) map[string]*template.Template {
	out := make(map[string]*template.Template, len(names))
	for _, name := range names {
		out[name] = template.Must(template.New(name).Funcs(funcs).
			ParseFS(assets, "templates/layout.html", "templates/"+name))
	}
	return out
}

// errRender marks a template that failed: a bug, shown as 500.
var errRender = errors.New("page cannot be rendered")

// page is what every page passes its layout.
type page struct {
	// Title names the page in the browser's tab.
	Title string
	// Query is the value shown in the search box.
	Query string
}

// render writes the page name with data and status. The page is rendered
// in full first, so a template error never leaves half a page behind.
func render(w http.ResponseWriter, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("%w: %s: %w", errRender, name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// serveStylesheet serves the embedded stylesheet.
func serveStylesheet(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.ServeFileFS(w, r, assets, "static/style.css")
}
