package telnyxredis_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisAddr is the redis-server the tests use: $TELNYX_REDIS_ADDR (as
// .ci/run sets it), else one started here on a free loopback port when
// redis-server is installed.
var redisAddr string

func TestMain(m *testing.M) {
	redisAddr = os.Getenv("TELNYX_REDIS_ADDR")
	var stop func()
	if redisAddr == "" {
		if path, err := exec.LookPath("redis-server"); err == nil {
			var err error
			if redisAddr, stop, err = startRedis(path); err != nil {
				fmt.Fprintln(os.Stderr, "starting redis-server:", err)
				os.Exit(1)
			}
		}
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

// startRedis runs redis-server on a free port of 127.0.0.1, without
// persistence, and waits until it answers.
func startRedis(path string) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cmd := exec.Command(path, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	c := redis.NewClient(&redis.Options{Addr: addr})
	defer func() { _ = c.Close() }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c.Ping(context.Background()).Err() == nil {
			return addr, stop, nil
		}
	}
	stop()
	return "", nil, fmt.Errorf("redis-server on %s did not answer", addr)
}

// newRedis returns a client of the test server. Without one the test is
// skipped, except in CI, where it fails.
func newRedis(t *testing.T) *redis.Client {
	t.Helper()
	if redisAddr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no redis-server: set TELNYX_REDIS_ADDR or install redis-server")
		}
		t.Skip("no redis-server: set TELNYX_REDIS_ADDR or install redis-server")
	}
	c := redis.NewClient(&redis.Options{Addr: redisAddr})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// deadRedis is a client of a port nothing listens on.
func deadRedis(t *testing.T) *redis.Client {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// prefix is a key prefix no other test uses.
func prefix(t *testing.T) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "test:" + t.Name() + ":" + hex.EncodeToString(b[:]) + ":"
}
