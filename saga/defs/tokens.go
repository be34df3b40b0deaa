package defs

import (
	"errors"
	"strings"
)

// tokens splits a template string into literal text and ${path}s. "$${"
// writes a literal "${".
func tokens(s string) ([]textPart, error) {
	var parts []textPart
	var lit strings.Builder
	for s != "" {
		i := strings.Index(s, "${")
		if i < 0 {
			lit.WriteString(s)
			break
		}
		if i > 0 && s[i-1] == '$' {
			lit.WriteString(s[:i-1] + "${")
			s = s[i+2:]
			continue
		}
		lit.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, errors.New("${ without its closing }")
		}
		path := s[i+2 : i+end]
		if path == "" {
			return nil, errNoPath
		}
		if lit.Len() > 0 {
			parts = append(parts, textPart{lit: lit.String()})
			lit.Reset()
		}
		parts = append(parts, textPart{ref: &ref{text: path}})
		s = s[i+end+1:]
	}
	if lit.Len() > 0 {
		parts = append(parts, textPart{lit: lit.String()})
	}
	return parts, nil
}
