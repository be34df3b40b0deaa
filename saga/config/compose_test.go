package config_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// compose is the part of docker-compose.yml the checks read.
type compose struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Profiles    []string          `yaml:"profiles"`
		Command     []string          `yaml:"command"`
		Build       string            `yaml:"build"`
		Entrypoint  []string          `yaml:"entrypoint"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Volumes     []string          `yaml:"volumes"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		DependsOn map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
	} `yaml:"services"`
}

// binaries maps each service of the stack to the command it runs.
var binaries = map[string]string{
	"orchestrator": "orchestrator/cmd/orchestrator",
	"inventory":    "participants/cmd/inventory",
	"payment":      "participants/cmd/payment",
}

func root() string { return filepath.Dir(testenv.SchemaPath()) }

func readCompose(t *testing.T) compose {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(), "docker-compose.yml"))
	require.NoError(t, err)
	var c compose
	require.NoError(t, yaml.Unmarshal(b, &c), "docker-compose.yml parses (anchors and merges included)")
	return c
}

// TestComposeStackMatchesTheBinaries checks what can be checked without a
// Docker engine: the servers have healthchecks and the schema, every
// service waits for them, runs a binary the Dockerfile builds, and is
// configured only with variables the binaries read.
func TestComposeStackMatchesTheBinaries(t *testing.T) {
	c := readCompose(t)
	for _, server := range []string{"postgres", "redis"} {
		require.NotNil(t, c.Services[server].Healthcheck, "%s has a healthcheck", server)
	}
	require.Contains(t, strings.Join(c.Services["postgres"].Volumes, " "), "./schema.sql:/docker-entrypoint-initdb.d/",
		"the schema is applied on first start")
	dockerfile, err := os.ReadFile(filepath.Join(root(), "Dockerfile"))
	require.NoError(t, err)
	for name, cmd := range binaries {
		svc, ok := c.Services[name]
		require.True(t, ok, "service %s", name)
		require.DirExists(t, filepath.Join(root(), cmd))
		require.Contains(t, string(dockerfile), "./"+cmd, "the Dockerfile builds %s", cmd)
		require.Equal(t, []string{"/usr/local/bin/" + filepath.Base(cmd)}, svc.Entrypoint)
		for _, server := range []string{"postgres", "redis"} {
			require.Equal(t, "service_healthy", svc.DependsOn[server].Condition, "%s waits for %s", name, server)
		}
		for key := range svc.Environment {
			require.True(t, slices.Contains(config.Variables, key), "%s: %s is not a variable the binaries read", name, key)
		}
		require.Contains(t, svc.Environment["DATABASE_URL"], "@postgres:5432/")
		require.Contains(t, svc.Environment["REDIS_URL"], "redis://redis:6379")
		port := svc.Environment["HTTP_ADDR"][strings.LastIndex(svc.Environment["HTTP_ADDR"], ":"):]
		require.Contains(t, strings.Join(svc.Ports, " "), port+":"+port[1:], "%s publishes its HTTP port", name)
	}
}
