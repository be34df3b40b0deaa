package usermodule_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// userModule is the module path the user's code lives under.
const userModule = "example.com/preorders"

// repoRoot is the root of this repository: the nearest folder above the
// working directory that holds go.mod.
func repoRoot(t *testing.T) string {
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test's working directory")
		dir = parent
	}
}

// goDirective is the "go" line of the module file at path.
func goDirective(t *testing.T, path string) string {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.HasPrefix(line, "go ") {
			return line
		}
	}
	t.Fatalf("%s has no go directive", path)
	return ""
}

// writeModule writes the user's module into a temporary folder: the sources
// of testdata/preorders, a go.mod requiring this repository through a
// replace directive, and this repository's go.sum.
func writeModule(t *testing.T) string {
	root, dir := repoRoot(t), t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "preorders"))))
	gomod := fmt.Sprintf("module %s\n\n%s\n\nrequire github.com/streamsaga/streamsaga v0.0.0\n\nreplace github.com/streamsaga/streamsaga => %s\n",
		userModule, goDirective(t, filepath.Join(root, "go.mod")), root)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	return dir
}

// buildModule builds the user's two mains into dir/bin and returns that
// folder. GOFLAGS gains -mod=mod so go.mod takes the requirements of the
// engine's dependencies from the module cache.
func buildModule(t *testing.T, dir string) string {
	bin := filepath.Join(dir, "bin")
	cmd := exec.Command("go", "build", "-o", bin+string(os.PathSeparator), "./cmd/orchestrator", "./cmd/participant")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "building the user module:\n%s", out)
	t.Logf("built the user module's two mains in %s", time.Since(start).Round(time.Millisecond))
	return bin
}
