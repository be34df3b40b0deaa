package defs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamsaga/streamsaga/saga"
)

// File is a definition read from a file.
type File struct {
	// Path is the file's path: the folder given to LoadFiles joined with
	// the file's name, or the file given.
	Path       string
	Definition *saga.Definition
}

// Load is LoadFiles without the files' paths.
func Load(path string) ([]*saga.Definition, error) {
	files, err := LoadFiles(path)
	if err != nil {
		return nil, err
	}
	out := make([]*saga.Definition, len(files))
	for i, f := range files {
		out[i] = f.Definition
	}
	return out, nil
}

// LoadFiles reads the definition file at path or, when path is a folder,
// every *.json, *.yaml and *.yml file in it, sorted by name; files in its
// subfolders are not read. Every file is read even when an earlier one is
// wrong: the error is Errors with every problem of every file. Two files
// that define one type and version are an error naming both.
func LoadFiles(path string) ([]File, error) {
	names, err := definitionFiles(path)
	if err != nil {
		return nil, err
	}
	var files []File
	var errs Errors
	for _, name := range names {
		def, err := ParseFile(name)
		if err != nil {
			errs = append(errs, asErrors(name, err)...)
			continue
		}
		files = append(files, File{Path: name, Definition: def})
	}
	errs = append(errs, duplicates(files)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return files, nil
}

// ParseFile reads and parses one definition file.
func ParseFile(name string) (*saga.Definition, error) {
	content, err := os.ReadFile(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: readError(err)}}
	}
	return Parse(name, content)
}

// definitionFiles lists the files path names: itself, or the definition
// files of the folder it is.
func definitionFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: readError(err)}}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: readError(err)}}
	}
	var names []string
	for _, e := range entries {
		if IsDefinitionFile(e.Name()) && !e.IsDir() {
			names = append(names, filepath.Join(path, e.Name()))
		}
	}
	return names, nil
}

// IsDefinitionFile reports whether a file's name is one a folder of
// definitions is read for: *.json, *.yaml or *.yml.
func IsDefinitionFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return !strings.HasPrefix(filepath.Base(name), ".")
	}
	return false
}

// duplicates reports each file that defines a type and version an
// earlier file defined.
func duplicates(files []File) Errors {
	type key struct {
		typ     string
		version int
	}
	first := map[key]string{}
	var errs Errors
	for _, f := range files {
		k := key{f.Definition.Type, f.Definition.EffectiveVersion()}
		if prev, dup := first[k]; dup {
			errs = append(errs, &Error{File: f.Path, Field: "version",
				Msg: fmt.Sprintf("saga type %q version %d is defined in %s too", k.typ, k.version, prev)})
			continue
		}
		first[k] = f.Path
	}
	return errs
}

// asErrors returns err's problems, each naming name at least.
func asErrors(name string, err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	return Errors{{File: name, Msg: err.Error()}}
}

// readError says why a file or folder cannot be read, without repeating
// its path.
func readError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, os.ErrNotExist) {
		return "no such file or folder"
	}
	return "cannot be read: " + err.Error()
}
