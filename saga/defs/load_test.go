package defs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/defs"
)

// write puts files (name -> content) in a new folder and returns it.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

func namedFile(typ, version string) string {
	return `{"type": "` + typ + `", "version": ` + version + `, "steps": [` + step("a", "") + `]}`
}

func TestAFolderGivesItsDefinitionFilesSortedByName(t *testing.T) {
	dir := write(t, map[string]string{
		"b.yml":        "type: b\nsteps: [{name: a, participant: p, action: {command: A, success: B, failure: C}}]\n",
		"a.json":       namedFile("a", "1"),
		"c.yaml":       "type: c\nversion: 2\nsteps: [{name: a, participant: p, action: {command: A, success: B, failure: C}}]\n",
		"c1.json":      namedFile("c", "1"),
		"README.md":    "not a definition",
		".hidden.json": "{",
		"sub/d.json":   namedFile("d", "1"),
	})
	files, err := defs.LoadFiles(dir)
	require.NoError(t, err)
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f.Path)+" "+f.Definition.Type)
	}
	require.Equal(t, []string{"a.json a", "b.yml b", "c.yaml c", "c1.json c"}, got, "subfolders are not read")

	loaded, err := defs.Load(dir)
	require.NoError(t, err)
	require.Len(t, loaded, 4)
	require.Equal(t, 2, loaded[2].Version, "two versions of one type load side by side")

	one, err := defs.Load(filepath.Join(dir, "b.yml"))
	require.NoError(t, err)
	require.Equal(t, "b", one[0].Type)

	none, err := defs.Load(t.TempDir())
	require.NoError(t, err)
	require.Empty(t, none)
}

func TestTwoFilesWithOneTypeAndVersionAreAnErrorNamingBoth(t *testing.T) {
	dir := write(t, map[string]string{"a.json": namedFile("trip", "1"), "b.json": namedFile("trip", "1")})
	_, err := defs.LoadFiles(dir)
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	require.EqualError(t, err, b+`: version: saga type "trip" version 1 is defined in `+a+" too")

	_, err = defs.LoadFiles("testdata")
	require.Equal(t, []string{
		`testdata/preorder.yaml: version: saga type "preorder" version 1 is defined in testdata/preorder.json too`,
	}, lines(err))
}

func TestLoadReportsTheProblemsOfEveryFile(t *testing.T) {
	dir := write(t, map[string]string{"a.json": `{"type": "a"}`, "b.yaml": "type: b\nversion: x\nsteps: []\n",
		"c.json": namedFile("c", "1")})
	_, err := defs.LoadFiles(dir)
	require.Equal(t, []string{
		filepath.Join(dir, "a.json") + ": steps: missing",
		filepath.Join(dir, "b.yaml") + ": version: must be a number, not text",
		filepath.Join(dir, "b.yaml") + ": steps: must hold at least one step",
	}, lines(err))

	_, err = defs.Load(filepath.Join(dir, "nope"))
	require.EqualError(t, err, filepath.Join(dir, "nope")+": no such file or folder")
	_, err = defs.Load(filepath.Join(dir, "c.txt"))
	require.EqualError(t, err, filepath.Join(dir, "c.txt")+": no such file or folder")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.txt"), []byte(namedFile("c", "1")), 0o644))
	_, err = defs.Load(filepath.Join(dir, "c.txt"))
	require.EqualError(t, err, filepath.Join(dir, "c.txt")+": not a .json, .yaml or .yml file")
}
