package config_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/config"
)

// TestComposeClusterProfile checks the profile "cluster" as far as it can
// be checked without a Docker engine: three cluster-enabled masters with
// healthchecks, a one-shot job that makes the cluster once they answer,
// and the three services of a second installation, in a database of its
// own, that wait for the cluster and name all its nodes in REDIS_URL.
func TestComposeClusterProfile(t *testing.T) {
	c := readCompose(t)
	var nodes []string
	for i, port := range []string{"7001", "7002", "7003"} {
		name := "redis-node-" + string(rune('1'+i))
		node, ok := c.Services[name]
		require.True(t, ok, name)
		require.Equal(t, []string{"cluster"}, node.Profiles)
		cmd := strings.Join(node.Command, " ")
		require.Contains(t, cmd, "--port "+port)
		require.Contains(t, cmd, "--cluster-enabled yes")
		require.NotNil(t, node.Healthcheck, name)
		require.Equal(t, port, node.Environment["NODE_PORT"], "the healthcheck pings the node's own port")
		nodes = append(nodes, name+":"+port)
	}
	initJob := c.Services["redis-cluster-init"]
	for _, n := range []string{"redis-node-1", "redis-node-2", "redis-node-3"} {
		require.Equal(t, "service_healthy", initJob.DependsOn[n].Condition)
	}
	script := strings.Join(initJob.Command, " ")
	require.Contains(t, script, "--cluster create")
	require.Contains(t, script, "--cluster-replicas 0 --cluster-yes")
	require.Contains(t, script, "cluster_state:ok ||", "made once: a running cluster is left as it is")

	dbScript := "./tools/compose/cluster-db.sh"
	require.Contains(t, strings.Join(c.Services["postgres"].Volumes, " "), dbScript+":/docker-entrypoint-initdb.d/")
	info, err := os.Stat(filepath.Join(root(), dbScript))
	require.NoError(t, err)
	require.NotZero(t, info.Mode()&0o111, "the image runs an executable init script")
	body, err := os.ReadFile(filepath.Join(root(), dbScript))
	require.NoError(t, err)
	require.Contains(t, string(body), "CREATE DATABASE streamsaga_cluster")

	for name, cmd := range binaries {
		svc, ok := c.Services[name+"-cluster"]
		require.True(t, ok, "service %s-cluster", name)
		require.Equal(t, []string{"cluster"}, svc.Profiles)
		require.Equal(t, []string{"/usr/local/bin/" + filepath.Base(cmd)}, svc.Entrypoint)
		require.Equal(t, "service_completed_successfully", svc.DependsOn["redis-cluster-init"].Condition)
		require.Equal(t, "service_healthy", svc.DependsOn["postgres"].Condition)
		for key := range svc.Environment {
			require.True(t, slices.Contains(config.Variables, key), "%s-cluster: %s is not a variable the binaries read", name, key)
		}
		require.Contains(t, svc.Environment["DATABASE_URL"], "@postgres:5432/streamsaga_cluster?")
		url := svc.Environment["REDIS_URL"]
		require.Equal(t, "redis://"+nodes[0]+"?addr="+nodes[1]+"&addr="+nodes[2], url)
		require.Len(t, svc.Ports, 1)
		require.Regexp(t, `^127\.0\.0\.1:\d+-\d+:\d+$`, svc.Ports[0], "a range of host ports, so --scale can start several")
	}
}
